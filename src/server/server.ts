/**
 * The HTTP edge (restify): POST /api/messages hands each activity to the bot through the adapter, GET /healthz
 * (liveness) and GET /readyz (readiness checks). Transport concerns only — body cap, authentication outcome,
 * activity shape, turn timeout, request ids, in-flight tracking for graceful shutdown. Never listens itself.
 */
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import restify from 'restify';
import type { Config } from '../config';
import { describeActivity } from '../logging';
import { checkActivity } from './activity';
import { isAuthenticationError, type RemedyAdapter } from './adapter';
import { BodyError, readJsonBody } from './body';

/** The part of the bot the server calls (an ActivityHandler). */
export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

export interface ReadinessCheck {
  name: string;
  /** Resolves when ready; throws (with a reason) when not. */
  check(): Promise<void> | void;
}

export interface ServerDeps {
  adapter: RemedyAdapter;
  bot: TurnRunner;
  config: Pick<Config, 'mode' | 'limits'>;
  logger: Logger;
  readiness: readonly ReadinessCheck[];
  /** Time limit of one readiness check (default 2000 ms). */
  readinessTimeoutMs?: number;
}

export interface RemedyServer {
  /** The restify server; call `listen` on it (main does). */
  app: restify.Server;
  /** Turns still running. */
  inFlight(): number;
  /**
   * Stops taking new activities (503, readyz not ready) and waits for running turns, at most `timeoutMs`.
   * Resolves true when every turn finished.
   */
  drain(timeoutMs: number): Promise<boolean>;
}

/** turnState key under which each turn carries the request's logger (with its request id). */
export const TURN_LOGGER_KEY = Symbol.for('remedy.requestLogger');

const REQUEST_ID = /^[\w.:-]{1,100}$/;

function requestIdOf(request: restify.Request): string {
  const given = request.header('x-request-id');
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createServer(deps: ServerDeps): RemedyServer {
  const { adapter, bot, config, logger } = deps;
  const readinessTimeoutMs = deps.readinessTimeoutMs ?? 2000;
  const running = new Set<Promise<unknown>>();
  let draining = false;

  const app = restify.createServer({
    name: 'remedy',
    handleUncaughtExceptions: false,
    ignoreTrailingSlash: true,
  });
  // Slow or stalled clients: the whole request must arrive within 30 s, headers within 10 s.
  app.server.requestTimeout = 30_000;
  app.server.headersTimeout = 10_000;
  app.server.keepAliveTimeout = 5_000;

  const requestLogs = new WeakMap<restify.Request, Logger>();
  app.use((request, response, next) => {
    const requestId = requestIdOf(request);
    response.header('x-request-id', requestId);
    requestLogs.set(request, logger.child({ reqId: requestId }));
    next();
  });

  const logOf = (request: restify.Request): Logger => requestLogs.get(request) ?? logger;

  app.get('/healthz', (_request, response, next) => {
    response.json(200, { status: 'ok' });
    next();
  });

  app.get('/readyz', async (request, response) => {
    if (draining) {
      response.json(503, { status: 'draining' });
      return;
    }
    const checks: Record<string, string> = {};
    let ready = true;
    for (const readiness of deps.readiness) {
      try {
        await withTimeout(
          Promise.resolve().then(() => readiness.check()),
          readinessTimeoutMs,
          `readiness check ${readiness.name}`,
        );
        checks[readiness.name] = 'ok';
      } catch (error) {
        ready = false;
        checks[readiness.name] = error instanceof Error ? error.message : String(error);
        logOf(request).warn({ check: readiness.name, err: error }, 'readiness check failed');
      }
    }
    response.json(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
  });

  app.post('/api/messages', async (request, response) => {
    const log = logOf(request);
    const started = process.hrtime.bigint();
    const finish = (status: number, body?: unknown, extra: Record<string, unknown> = {}): void => {
      if (response.headersSent) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (body === undefined) {
        response.status(status);
        response.end();
      } else {
        response.json(status, body);
      }
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      log[level]({ status, ms: Math.round(ms * 10) / 10, ...extra }, 'POST /api/messages');
    };

    if (draining) {
      response.header('Retry-After', '5');
      finish(503, { error: 'shutting down' });
      return;
    }
    const authorization = request.header('authorization') ?? '';
    if (config.mode === 'authenticated' && !/^Bearer\s+\S+/i.test(authorization)) {
      finish(
        401,
        { error: 'unauthorized' },
        { reason: authorization ? 'authorization header is not a bearer token' : 'no authorization header' },
      );
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(request, config.limits.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyError) {
        finish(error.statusCode, { error: error.message }, { reason: error.message });
        return;
      }
      throw error;
    }
    const checked = checkActivity(body);
    if (!checked.ok) {
      finish(400, { error: 'invalid activity', issues: checked.issues }, { issues: checked.issues });
      return;
    }
    const activity = checked.activity;
    const ids = describeActivity(activity);
    const turn = adapter.runTurn(authorization, activity, async (context) => {
      context.turnState.set(TURN_LOGGER_KEY, log);
      await bot.run(context);
    });
    running.add(turn);
    turn.then(
      () => running.delete(turn),
      () => running.delete(turn),
    );
    try {
      const invokeResponse = await withTimeout(turn, config.limits.turnTimeoutMs, 'turn');
      finish(invokeResponse?.status ?? 200, invokeResponse?.body, ids);
    } catch (error) {
      if (isAuthenticationError(error)) {
        finish(
          401,
          { error: 'unauthorized' },
          { ...ids, reason: error instanceof Error ? error.message : 'invalid token' },
        );
      } else if (error instanceof TimeoutError) {
        // Still running: answer now (Teams retries; the ledger de-duplicates), let the turn finish in the background.
        response.header('Retry-After', '1');
        finish(
          503,
          { error: 'the bot is busy; try again' },
          { ...ids, reason: 'turn timeout', timeoutMs: config.limits.turnTimeoutMs },
        );
        turn.catch((late: unknown) => log.error({ err: late, ...ids }, 'turn failed after its timeout'));
      } else {
        finish(500, { error: 'internal error' }, { ...ids, err: error });
      }
    }
  });

  return {
    app,
    inFlight: () => running.size,
    async drain(timeoutMs: number): Promise<boolean> {
      draining = true;
      if (running.size === 0) return true;
      try {
        await withTimeout(Promise.allSettled([...running]), timeoutMs, 'drain');
        return true;
      } catch (error) {
        logger.warn(
          { err: error, inFlight: running.size },
          'shutdown: turns still running after the drain timeout',
        );
        return false;
      }
    },
  };
}
