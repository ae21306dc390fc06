/**
 * The HTTP edge (restify): POST /api/messages hands each activity to the bot through the adapter, GET /healthz
 * (liveness) and GET /readyz (readiness checks). Transport concerns only — body cap, authentication (before the
 * body is validated), activity shape, in local mode loopback service URLs only, turn timeout, request ids,
 * in-flight tracking for graceful shutdown. Never listens itself.
 *
 * /readyz answers everyone with ok / not ok; the name and reason of each check (which may name a database host or
 * a driver error) only to requests from this machine (loopback).
 */
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import restify from 'restify';
import type { Config } from '../config';
import { describeActivity } from '../logging';
import { checkActivity } from './activity';
import { isAuthenticationError, type Authenticated, type RemedyAdapter } from './adapter';
import { BodyError, readJsonBody } from './body';
import { isLoopbackAddress, isLoopbackUrl } from './loopback';
import { TURN_LOGGER_KEY } from '../teams/turn';
import { errorMessage } from '../core/errors';

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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function hostOf(url: string): string {
  return new URL(url).host; // the edge validated it as a URL
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
    const local = isLoopbackAddress(request.socket.remoteAddress);
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
        checks[readiness.name] = errorMessage(error);
        logOf(request).warn({ check: readiness.name, err: error }, 'readiness check failed');
      }
    }
    const status = ready ? 'ready' : 'not ready';
    response.json(ready ? 200 : 503, local ? { status, checks } : { status });
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
    let unreadable: BodyError | undefined;
    try {
      body = await readJsonBody(request, config.limits.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      if (error.statusCode !== 400 || config.mode === 'local') {
        // Wrong content type or too large: refused before reading further; says nothing about activities.
        finish(error.statusCode, { error: error.message }, { reason: error.message });
        return;
      }
      unreadable = error; // not JSON: told only to a caller whose token holds (below)
    }
    const refuseToken = (error: unknown, extra: Record<string, unknown> = {}): void =>
      finish(
        401,
        { error: 'unauthorized' },
        { ...extra, reason: error instanceof Error ? error.message : 'invalid token' },
      );
    // With credentials, the token is checked before the activity's fields are: an unauthenticated caller gets 401,
    // never field-level 400s. (The token check reads channelId and serviceUrl from the body, whatever its shape.)
    let authenticated: Authenticated | undefined;
    if (config.mode === 'authenticated') {
      try {
        authenticated = await adapter.authenticate(authorization, isObject(body) ? body : {});
      } catch (error) {
        if (!isAuthenticationError(error)) throw error;
        refuseToken(error);
        return;
      }
    }
    if (unreadable) {
      finish(400, { error: unreadable.message }, { reason: unreadable.message });
      return;
    }
    const checked = checkActivity(body);
    if (!checked.ok) {
      finish(400, { error: 'invalid activity', issues: checked.issues }, { issues: checked.issues });
      return;
    }
    const activity = checked.activity;
    const ids = {
      ...describeActivity(activity),
      ...(checked.notes.length > 0 && { normalised: checked.notes }),
    };
    if (config.mode === 'local' && !isLoopbackUrl(activity.serviceUrl)) {
      // Local mode has no token checks: replying to any serviceUrl would let anyone make this bot POST anywhere.
      finish(
        403,
        {
          error:
            'local mode replies only to loopback service URLs (configure Microsoft app credentials for Teams)',
        },
        {
          ...ids,
          reason: 'serviceUrl is not loopback in local mode',
          serviceUrlHost: hostOf(activity.serviceUrl),
        },
      );
      return;
    }
    const turnLogic = async (context: TurnContext): Promise<void> => {
      context.turnState.set(TURN_LOGGER_KEY, log);
      await bot.run(context);
    };
    const turn = authenticated
      ? adapter.runAuthenticated(authenticated, activity, turnLogic)
      : adapter.runTurn(authorization, activity, turnLogic);
    running.add(turn);
    turn.then(
      () => running.delete(turn),
      () => running.delete(turn),
    );
    try {
      const invokeResponse = await withTimeout(turn, config.limits.turnTimeoutMs, 'turn');
      // botbuilder answers an invoke name the bot has no handler for with 501. Teams sends invokes the bot never
      // asked for (e.g. from other app features), so that is an ordinary "nothing to do": 200, logged at info.
      if (activity.type === 'invoke' && invokeResponse?.status === 501) {
        finish(200, undefined, { ...ids, reason: 'invoke not handled by the bot' });
        return;
      }
      finish(invokeResponse?.status ?? 200, invokeResponse?.body, ids);
    } catch (error) {
      if (isAuthenticationError(error)) {
        refuseToken(error, ids);
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
