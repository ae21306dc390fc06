/**
 * Composition root — the only module with side effects (and only when run directly: `npm start` = tsx src/main.ts).
 * loadConfig → loadCatalogue + glossary → openStores → createMatcher → createBot → createAdapter → createServer →
 * listen on PORT. Invalid config: one line per field and exit code 2 before anything listens. Graceful SIGTERM/SIGINT:
 * stop accepting, finish in-flight turns, close the store.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ConfigError, loadConfig, redactConfig, type Config } from './config';
import { createMatcher } from './core/matching';
import { isDomainError } from './core/errors';
import { systemClock, type Clock } from './core/ports';
import { loadGlossary } from './knowledge/glossary';
import { loadCatalogue } from './knowledge/load';
import { createLogger, type Logger } from './logging';
import { createAdapter } from './server/adapter';
import { startPlayground } from './server/playground';
import { createConversationRateLimiter } from './server/rate-limit';
import { createServer, type RemedyServer } from './server/server';
import { resolveUserHashSalt } from './server/user-hash-salt';
import { openStores, startRetention, type Stores } from './storage';
import { createBot } from './teams/bot';

/** Exit codes of `npm start`, for operators and process managers. */
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

function listen(server: RemedyServer, config: Config): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.app.server.once('error', onError);
    server.app.listen(config.port, config.host, () => {
      server.app.server.off('error', onError);
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
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  logger.info({ config: redactConfig(config) }, 'starting Remedy');
  if (config.mode === 'local') {
    logger.warn(
      { mode: 'local' },
      'LOCAL MODE: no Microsoft app credentials configured — requests to /api/messages are NOT authenticated. ' +
        'For local use with the Microsoft 365 Agents Playground only; set MicrosoftAppId/MicrosoftAppPassword/MicrosoftAppTenantId for Teams.',
    );
  } else {
    logger.info(
      { mode: 'authenticated', appType: config.credentials?.appType },
      'Bot Framework token checks enabled',
    );
  }

  let catalogue, glossary;
  try {
    catalogue = loadCatalogue(config.catalogPath);
    glossary = loadGlossary();
  } catch (error) {
    throw new StartupError(
      `cannot load the knowledge catalogue: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.catalogue,
      error,
    );
  }
  logger.info({ entries: catalogue.entries.length, path: config.catalogPath }, 'catalogue loaded');

  const salt = resolveUserHashSalt({
    ...(config.userHashSalt !== undefined && { configured: config.userHashSalt }),
    dataDir: config.dataDir,
  });
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
    });
  } catch (error) {
    const code = isDomainError(error) ? error.code : undefined;
    throw new StartupError(
      `cannot open the store${code ? ` (${code})` : ''}: ${error instanceof Error ? error.message : String(error)}`,
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
    throw new StartupError(
      `cannot listen on ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.listen,
      error,
    );
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, endpoint: `${url}/api/messages`, store: stores.kind }, 'Remedy is listening');

  // ---- PLAYGROUND (local mode only) -------------------------------------------------------------------------
  // The Microsoft 365 Agents Playground is started here by src/server/playground.ts (owned by the playground
  // engineer). Available: config.playground.enabled / config.playground.port, the bot endpoint
  // `${url}/api/messages`, `logger`. Assign its stop function to `stopPlayground` so shutdown stops it too.
  // A playground that fails to start must be logged, not fatal.
  let stopPlayground: (() => Promise<void>) | undefined;
  if (config.playground.enabled && config.mode === 'local') {
    try {
      const playground = await startPlayground({
        botEndpoint: `${url}/api/messages`,
        port: config.playground.port,
        logger,
        logFile: join(config.dataDir, 'agents-playground.log'),
      });
      stopPlayground = playground.stop;
      process.stdout.write(
        `\n  Talk to the bot: open ${playground.url} (Microsoft 365 Agents Playground)\n\n`,
      );
    } catch (error) {
      logger.error({ err: error }, 'the Agents Playground did not start (the bot keeps running)');
    }
  }
  // ---- END PLAYGROUND ---------------------------------------------------------------------------------------

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
      if (stopPlayground) await stopPlayground();
      stopLagMonitor();
      await stopRetention();
      await stores.close();
      logger.info({ drained }, 'stopped');
    })();
    return stopping;
  };
  return { config, url, port: address.port, stores, server, stop };
}

/** `npm start`: reads the environment, starts, and stops on SIGTERM/SIGINT. Returns the exit code on failure. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env'); // variables already set in the environment win
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `remedy: invalid configuration (see .env.example):\n${error.issues.map((issue) => `  ${issue}\n`).join('')}`,
      );
      process.exit(EXIT.config);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled promise rejection (kept running)'),
  );
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception: exiting');
    process.exit(EXIT.failure);
  });

  let running: RunningRemedy;
  try {
    running = await startRemedy(config, { logger });
  } catch (error) {
    const exitCode = error instanceof StartupError ? error.exitCode : EXIT.failure;
    logger.fatal(
      { err: error instanceof StartupError ? (error.cause ?? error) : error, exitCode },
      error instanceof Error ? error.message : 'start-up failed',
    );
    process.stderr.write(`remedy: ${error instanceof Error ? error.message : String(error)}\n`);
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
}

if (require.main === module) void main();
