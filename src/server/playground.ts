/**
 * Starts the Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`, a dev dependency) as a child
 * process pointed at the bot's local endpoint — local mode only: main never calls it with credentials configured.
 *
 * What the playground is (measured on 0.2.28): one Node process (express) that serves a React web UI at
 * http://localhost:<port>/, emulates the Teams channel (`-c msteams`: personal chat, group chat, a team with
 * channels) and the Bot Connector (`/_connector`, where the bot replies). Its own server needs no internet; the
 * web UI asks res-1.cdn.office.net for Segoe UI fonts and an animation worklet, which fail harmlessly offline.
 * Telemetry (Application Insights) is off with `--disable-telemetry`; `TEAMSAPPTESTER_BROWSER=none` stops it from
 * opening a browser; its log goes to `M365_AGENTS_PLAYGROUND_LOGFILE` (default ./devTools/…, which we avoid).
 * It prints `Listening on <port>` on stdout and takes a random free port when the asked one is busy, so the
 * URL is read from that line. It does not itself exit when stdin closes; we run it through a small wrapper that
 * does, and keep stdin open: if Remedy dies without a clean stop, the pipe closes and the playground goes too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logging';
import { describeIssues } from '../core/validation';
import { errorMessage } from '../core/errors';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages. */
  botEndpoint: string;
  /** Port of the playground's web UI; a busy port makes the playground pick a free one (see `url`). */
  port: number;
  logger: Logger;
  /** The playground's own log file (default: in the OS temp directory). */
  logFile?: string;
  /** Mocked personal-chat conversation id (default: the playground's). */
  conversationId?: string;
  /** How long to wait for "Listening on <port>" (default 30 s). */
  startTimeoutMs?: number;
  /** The playground's cli.js (default: resolved from node_modules). */
  cliPath?: string;
}

export interface RunningPlayground {
  /** The web UI to open, e.g. http://localhost:56150. */
  url: string;
  port: number;
  /** The playground's process id (for logs and process managers). */
  pid: number;
  /** Stops the playground (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  stop(): Promise<void>;
}

const OptionsSchema = z.object({
  botEndpoint: z.string({ error: 'expected the bot endpoint URL' }).regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, {
    message: 'expected an http(s) URL like http://localhost:3978/api/messages',
  }),
  port: z.number().int().min(0, { message: 'expected a port from 0 to 65535' }).max(65535, {
    message: 'expected a port from 0 to 65535',
  }),
  logFile: z.string().min(1, { message: 'expected a file path' }).optional(),
  conversationId: z.string().min(1, { message: 'expected a non-empty id' }).optional(),
  startTimeoutMs: z.number().int().positive({ message: 'expected a positive number of ms' }).optional(),
  cliPath: z.string().min(1, { message: 'expected the path of the playground cli.js' }).optional(),
});

/** Runs the playground's cli.js (argv[1]) and exits when stdin ends, i.e. when the parent goes away. */
const STDIN_WATCHDOG = [
  "process.stdin.on('end', () => process.exit(0));",
  "process.stdin.on('error', () => process.exit(0));",
  'process.stdin.resume();',
  'require(process.argv[1]);',
].join(' ');

const STOP_GRACE_MS = 5000;
const LISTENING = /Listening on (\d+)/;

/** Resolves the playground's cli.js; throws a readable error when the dev dependency is not installed. */
export function resolvePlaygroundCli(): string {
  try {
    return require.resolve('@microsoft/m365agentsplayground/cli.js');
  } catch (error) {
    throw new Error(
      `the Microsoft 365 Agents Playground is not installed (npm install --save-dev @microsoft/m365agentsplayground): ${errorMessage(
        error,
      )}`,
    );
  }
}

/** The playground's command-line arguments for one bot endpoint. */
export function playgroundArgs(options: {
  botEndpoint: string;
  port: number;
  conversationId?: string;
}): string[] {
  return [
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(options.port),
    '--disable-telemetry',
    ...(options.conversationId ? ['--conversation-id', options.conversationId] : []),
  ];
}

function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split(/\r?\n/);
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(line);
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/**
 * Starts the playground and resolves once it listens. Rejects (and leaves nothing running) when the options are
 * invalid, the package is missing, or it exits or stays silent for `startTimeoutMs`.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`invalid playground options: ${describeIssues(parsed.error, { root: 'options' })}`);
  }
  const { botEndpoint, port, conversationId } = parsed.data;
  const logger = options.logger.child({ component: 'playground' });
  const cliPath = parsed.data.cliPath ?? resolvePlaygroundCli();
  if (!existsSync(cliPath)) throw new Error(`the playground's cli.js was not found at ${cliPath}`);
  const logFile = parsed.data.logFile ?? join(tmpdir(), `remedy-agents-playground-${process.pid}.log`);
  const startTimeoutMs = parsed.data.startTimeoutMs ?? 30_000;

  const child = spawn(
    process.execPath,
    [
      '--eval',
      STDIN_WATCHDOG,
      '--',
      cliPath,
      ...playgroundArgs({ botEndpoint, port, ...(conversationId && { conversationId }) }),
    ],
    {
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C in the terminal reaches Remedy, which stops the playground in order.
      detached: true,
    },
  );
  const recentErrors: string[] = [];
  forwardLines(child.stderr, (line) => {
    recentErrors.push(line);
    if (recentErrors.length > 5) recentErrors.shift();
    logger.warn({ line }, 'playground stderr');
  });

  let stopped = false;
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the playground did not report "Listening on <port>" within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    forwardLines(child.stdout, (line) => {
      logger.debug({ line }, 'playground stdout');
      const match = LISTENING.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run the playground: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `the playground exited before listening (code ${code}, signal ${signal})${
            recentErrors.length ? `: ${recentErrors.join(' | ')}` : ''
          }`,
        ),
      );
    });
  });

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    child.stdin?.end();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      logger.warn({ pid: child.pid }, 'the playground ignored SIGTERM: killing it');
      child.kill('SIGKILL');
      await waitForExit(child, STOP_GRACE_MS);
    }
    logger.info('playground stopped');
  };

  let actualPort: number;
  try {
    actualPort = await listening;
  } catch (error) {
    await stop();
    throw error;
  }
  child.on('exit', (code, signal) => {
    if (!stopped) logger.error({ code, signal }, 'the playground exited unexpectedly');
  });
  const url = `http://localhost:${actualPort}`;
  if (port !== 0 && actualPort !== port)
    logger.warn({ asked: port, port: actualPort }, 'playground port was busy: it took another one');
  logger.info({ url, botEndpoint, logFile }, `Agents Playground: open ${url} to talk to the bot`);
  return { url, port: actualPort, pid: child.pid ?? -1, stop };
}

/**
 * `npm run playground`: starts only the playground, against the bot at http://localhost:$PORT/api/messages
 * (start the bot separately with `npm start`; `npm run dev` starts both). Stops on SIGINT/SIGTERM.
 * Development only: the production entry point (src/main.ts) never imports this module.
 */
async function runAlone(): Promise<void> {
  const { loadConfig, ConfigError } = await import('../config');
  const { createLogger } = await import('../logging');
  const { loadDotEnv } = await import('../environment');
  loadDotEnv();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `playground: invalid configuration (see .env.example):\n${error.issues.join('\n')}\n`,
      );
      process.exit(2);
    }
    throw error;
  }
  if (config.mode !== 'local') {
    process.stderr.write('playground: runs only in local mode (without MicrosoftAppId)\n');
    process.exit(2);
  }
  const logger = createLogger({ level: config.logLevel });
  const running = await startPlayground({
    botEndpoint: `http://localhost:${config.port}/api/messages`,
    port: config.playground.port,
    logger,
    logFile: join(config.dataDir, 'agents-playground.log'),
  });
  process.stdout.write(`Agents Playground: open ${running.url}\n`);
  const onSignal = () => void running.stop().then(() => process.exit(0));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

if (require.main === module)
  runAlone().catch((error: unknown) => {
    process.stderr.write(`playground: ${errorMessage(error)}\n`);
    process.exit(1);
  });
