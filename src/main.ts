/**
 * Composition root — the only module with side effects (and only when run directly: `npm start` runs the compiled
 * dist/src/main.js, `npm run dev` runs src/dev.ts through tsx, which adds the Agents Playground).
 * loadConfig → DATA_DIR and PORT checks → loadCatalogue + glossary → openStores → createMatcher → createBot →
 * createAdapter → createServer → listen on PORT. Every start-up failure is one line on stderr and its exit code
 * (EXIT, docs/configuration.md) before anything listens. Graceful SIGTERM/SIGINT: stop accepting, finish in-flight
 * turns, close the store.
 */
import { existsSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ConfigError, loadConfig, redactConfig, type Config } from './config';
import { isDomainError, errorMessage } from './core/errors';
import { createMatcher } from './core/matching';
import { systemClock, type Clock } from './core/ports';
import { loadDotEnv } from './environment';
import { loadGlossary } from './knowledge/glossary';
import { loadCatalogue } from './knowledge/load';
import { createLogger, routeConsoleToLogger, type Logger } from './logging';
import { GLOSSARY_PATH } from './paths';
import { resolveUserHashSalt } from './privacy';
import { createAdapter } from './server/adapter';
import { isLoopbackHost } from './server/loopback';
import { createConversationRateLimiter } from './server/rate-limit';
import { createServer, type RemedyServer } from './server/server';
import { openStores, startRetention, type Stores } from './storage';
import { createBot } from './teams/bot';

/** Exit codes of `npm start`, for operators and process managers (table in docs/configuration.md). */
export const EXIT = { ok: 0, failure: 1, config: 2, catalogue: 3, store: 4, listen: 5 } as const;

export interface RunningRemedy {
  config: Config;
  /** http://host:port of the listening server. */
  url: string;
  port: number;
  stores: Stores;
  server: RemedyServer;
  /** Graceful stop: stop accepting, finish in-flight turns (up to SHUTDOWN_TIMEOUT_MS), close the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  clock?: Clock;
  /** Tests: where outbound HTTP goes (default Node's fetch). */
  fetch?: typeof fetch;
  /** Log where the Agents Playground comes from when it is enabled (default true; src/dev.ts starts it itself). */
  playgroundHint?: boolean;
}

/** An error at start-up with the exit code it maps to. */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/** Why a socket could not be bound, in words an operator can act on. */
function listenProblem(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE')
    return `cannot listen on ${where}: the port is already in use (set PORT to a free one)`;
  if (code === 'EACCES')
    return `cannot listen on ${where}: permission denied (ports below 1024 need privileges)`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `cannot listen on ${where}: HOST is not an address of this machine (${code})`;
  return `cannot listen on ${where}: ${errorMessage(error)}`;
}

/**
 * Creates `dir` and its missing parents. Not mkdirSync({ recursive: true }): on Linux that loops forever below
 * /proc (`DATA_DIR=/proc/nope` hung the start for 40 s+); one level at a time fails with ENOENT instead.
 */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let current = resolve(dir); !existsSync(current); current = dirname(current)) missing.unshift(current);
  for (const folder of missing) mkdirSync(folder);
}

/**
 * DATA_DIR must exist (it is created) and be writable — checked synchronously before anything else opens, so an
 * unusable directory is one clear error instead of a store that retries.
 */
export function checkDataDir(dataDir: string): void {
  const probe = join(dataDir, `.remedy-write-check-${process.pid}`);
  try {
    makeDirectory(dataDir);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(
      `DATA_DIR ${dataDir} is not a writable directory (${code}): set DATA_DIR to a folder Remedy may write to`,
      EXIT.store,
      error,
    );
  }
}

/** Fails with EXIT.listen when HOST:PORT cannot be bound (busy, privileged, not local) — before the store opens. */
export function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve(); // any free port
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (error) =>
      reject(new StartupError(listenProblem(error, host, port), EXIT.listen, error)),
    );
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function listen(server: RemedyServer, config: Config): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    // restify re-emits the http server's 'error' on itself: without this listener a busy port is an uncaught exception.
    const onError = (error: Error) => reject(error);
    server.app.once('error', onError);
    server.app.listen(config.port, config.host, () => {
      server.app.removeListener('error', onError);
      resolve(server.app.server.address() as AddressInfo);
    });
  });
}

/** Logs when the event loop was blocked (every turn waits behind it): warn above 500 ms, once per 10 s window. */
function monitorEventLoop(logger: Logger): () => void {
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  const timer = setInterval(() => {
    const maxMs = histogram.max / 1e6;
    if (maxMs > 500)
      logger.warn(
        { maxMs: Math.round(maxMs), p99Ms: Math.round(histogram.percentile(99) / 1e6) },
        'event loop was blocked',
      );
    histogram.reset();
  }, 10_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    histogram.disable();
  };
}

/** Builds and starts everything from a validated config. Rejects with a StartupError (exit code inside). */
export async function startRemedy(config: Config, options: StartOptions = {}): Promise<RunningRemedy> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
  const clock = options.clock ?? systemClock;
  logger.info({ config: redactConfig(config) }, 'starting Remedy');
  if (config.mode === 'local') {
    logger.warn(
      { mode: 'local', host: config.host },
      'LOCAL MODE: no Microsoft app credentials configured — requests to /api/messages are NOT authenticated and ' +
        'replies go only to loopback service URLs. For local use with the Microsoft 365 Agents Playground only; ' +
        'set MicrosoftAppId/MicrosoftAppPassword/MicrosoftAppTenantId for Teams.',
    );
    if (!isLoopbackHost(config.host)) {
      logger.warn(
        { mode: 'local', host: config.host },
        `WARNING: HOST=${config.host} exposes an UNAUTHENTICATED bot endpoint beyond this machine (local mode has ` +
          'no token checks). Unset HOST to listen on loopback only, or configure Microsoft app credentials.',
      );
    }
  } else {
    logger.info(
      { mode: 'authenticated', appType: config.credentials?.appType },
      'Bot Framework token checks enabled',
    );
  }

  checkDataDir(config.dataDir);
  await checkPortFree(config.host, config.port);

  let catalogue, glossary;
  try {
    catalogue = loadCatalogue(config.catalogPath);
    glossary = loadGlossary(GLOSSARY_PATH);
  } catch (error) {
    throw new StartupError(
      `cannot load the knowledge catalogue: ${errorMessage(error)}`,
      EXIT.catalogue,
      error,
    );
  }
  logger.info({ entries: catalogue.entries.length, path: config.catalogPath }, 'catalogue loaded');

  let salt: ReturnType<typeof resolveUserHashSalt>;
  try {
    salt = resolveUserHashSalt({
      ...(config.userHashSalt !== undefined && { configured: config.userHashSalt }),
      dataDir: config.dataDir,
    });
  } catch (error) {
    throw new StartupError(
      `cannot read the user-hash key in DATA_DIR: ${errorMessage(error)}`,
      EXIT.store,
      error,
    );
  }
  if (salt.source === 'generated')
    logger.info(
      { file: salt.file },
      'generated a user-hash salt (set USER_HASH_SALT to share one between instances)',
    );
  if (config.mode === 'authenticated' && salt.source !== 'config') {
    logger.warn(
      { file: salt.file },
      'USER_HASH_SALT is not set: using the salt kept in DATA_DIR; several instances need one shared USER_HASH_SALT',
    );
  }

  let stores: Stores;
  try {
    stores = await openStores({
      dataDir: config.dataDir,
      ...(config.databaseUrl !== undefined && { databaseUrl: config.databaseUrl }),
      logger: logger.child({ component: 'store' }),
      // The bot owns DATA_DIR's outbox (outcomes kept on disk while the database is unreachable).
      outbox: true,
      outboxRetryMs: config.store.outboxRetryMs,
      statementTimeoutMs: config.store.timeoutMs,
      callTimeoutMs: config.store.timeoutMs + 500,
      breakerFailures: config.store.breakerFailures,
      breakerOpenMs: config.store.breakerOpenMs,
    });
  } catch (error) {
    const code = isDomainError(error) ? error.code : undefined;
    throw new StartupError(
      `cannot open the store${code ? ` (${code})` : ''}: ${errorMessage(error)}`,
      EXIT.store,
      error,
    );
  }
  const stopRetention = startRetention(stores, {
    days: config.retentionDays,
    clock,
    logger: logger.child({ component: 'retention' }),
  });

  const matcher = createMatcher(catalogue, glossary, config.matching);
  const rateLimiter = createConversationRateLimiter({
    perMinute: config.limits.ratePerMinute,
    burst: config.limits.rateBurst,
  });
  const bot = createBot({
    catalogue,
    matcher,
    sessions: stores.sessions,
    outcomes: stores.outcomes,
    ledger: stores.ledger,
    logger: logger.child({ component: 'bot' }),
    clock,
    userHashSalt: salt.salt,
    rateLimiter,
    turnLeaseMs: config.turns.leaseMs,
    turnWaitMs: config.turns.retryWaitMs,
  });
  const adapter = createAdapter({ config, logger, ...(options.fetch && { fetch: options.fetch }) });
  const server = createServer({
    adapter,
    bot,
    config,
    logger: logger.child({ component: 'http' }),
    readiness: [
      {
        name: 'catalogue',
        check: () => {
          if (catalogue.entries.length === 0) throw new Error('the catalogue has no entries');
        },
      },
      { name: 'store', check: () => stores.ping() },
    ],
  });

  let address: AddressInfo;
  try {
    address = await listen(server, config);
  } catch (error) {
    await stopRetention();
    await stores.close();
    throw new StartupError(listenProblem(error, config.host, config.port), EXIT.listen, error);
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, endpoint: `${url}/api/messages`, store: stores.kind }, 'Remedy is listening');

  if (config.playground.enabled && config.mode === 'local' && options.playgroundHint !== false) {
    logger.info(
      'the Agents Playground is started by `npm run dev` (or `npm run playground` next to `npm start`)',
    );
  }

  const stopLagMonitor = monitorEventLoop(logger);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info(
        { inFlight: server.inFlight() },
        'shutting down: no new requests, finishing in-flight turns',
      );
      const closed = new Promise<void>((resolve) => server.app.close(() => resolve()));
      const drained = await server.drain(config.limits.shutdownTimeoutMs);
      server.app.server.closeAllConnections();
      await closed;
      stopLagMonitor();
      await stopRetention();
      await stores.close();
      logger.info({ drained }, 'stopped');
    })();
    return stopping;
  };
  return { config, url, port: address.port, stores, server, stop };
}

/** Reads `.env` (variables already set in the environment win) and validates the environment; exits 2 if invalid. */
export function configFromEnvironment(name = 'remedy'): Config {
  try {
    loadDotEnv();
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${name}: invalid configuration (see .env.example):\n${error.issues.map((issue) => `  ${issue}\n`).join('')}`,
      );
    } else {
      process.stderr.write(`${name}: cannot read .env: ${errorMessage(error)}\n`); // a malformed .env file
    }
    process.exit(EXIT.config);
  }
}

/** The process logger: pretty on a developer's terminal (or LOG_FORMAT=pretty), JSON lines otherwise. */
export function processLogger(config: Config): Logger {
  return createLogger({
    level: config.logLevel,
    format: config.logFormat,
    interactive: config.nodeEnv !== 'production' && process.stdout.isTTY === true,
  });
}

/**
 * Starts Remedy as a process: process-wide handlers, start-up, SIGTERM/SIGINT. A start-up failure is one line on
 * stderr (`remedy: <what is wrong>`), a fatal event in the JSON log, and the exit code of EXIT.
 */
export async function runProcess(config: Config, options: StartOptions = {}): Promise<RunningRemedy> {
  const logger = options.logger ?? processLogger(config);
  routeConsoleToLogger(logger.child({ component: 'console' }));
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled promise rejection (kept running)'),
  );
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception: exiting');
    process.exit(EXIT.failure);
  });

  let running: RunningRemedy;
  try {
    running = await startRemedy(config, { ...options, logger });
  } catch (error) {
    const known = error instanceof StartupError;
    const exitCode = known ? error.exitCode : EXIT.failure;
    const message = known ? error.message : `start-up failed: ${errorMessage(error)}`;
    // An expected failure is its message (no stack); an unexpected one keeps its stack in the log.
    logger.fatal({ exitCode, ...(!known && { err: error }) }, message);
    process.stderr.write(`remedy: ${message}\n`);
    logger.flush();
    process.exit(exitCode);
  }

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(EXIT.failure);
    }
    logger.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(EXIT.ok),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(EXIT.failure);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return running;
}

if (require.main === module) void runProcess(configFromEnvironment());
