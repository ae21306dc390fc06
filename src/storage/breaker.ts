/**
 * Circuit breaker around database calls: after `failureThreshold` consecutive outages (errors that mean "cannot
 * reach the database"), or at once when a call exceeds `callTimeoutMs` (a hung database), it opens and every call
 * fails at once for `openMs`;
 * then one call is let through as a probe (half-open): success closes it, failure opens it again. A hung database
 * therefore costs a turn at most one timeout, and then nothing.
 */
import type { Logger } from 'pino';

export class StoreTimeoutError extends Error {
  readonly code = 'STORE_TIMEOUT';
  constructor(operation: string, ms: number) {
    super(`${operation} did not answer within ${ms} ms`);
    this.name = 'StoreTimeoutError';
  }
}

export class CircuitOpenError extends Error {
  readonly code = 'CIRCUIT_OPEN';
  constructor(operation: string, retryInMs: number) {
    super(`the database is failing; ${operation} not attempted (next probe in ${Math.max(0, retryInMs)} ms)`);
    this.name = 'CircuitOpenError';
  }
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
  callTimeoutMs: number;
  /**
   * A cheap call (SELECT 1) run in the background to probe the database while the circuit is open, so that no
   * user's turn is the one that waits on a still-hung database. Without it the next call is the probe.
   */
  probe?: () => Promise<unknown>;
  logger: Logger;
  now?: () => number;
}

export interface CircuitBreaker {
  readonly state: BreakerState;
  /** Runs `work`; an outage (as `isUnavailable` says, or a timeout) counts against the database. */
  run<T>(operation: string, work: () => Promise<T>, isUnavailable: (error: unknown) => boolean): Promise<T>;
}

export function isBreakerError(error: unknown): boolean {
  return error instanceof StoreTimeoutError || error instanceof CircuitOpenError;
}

export function createCircuitBreaker(options: BreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  const { logger } = options;
  let state: BreakerState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probing = false;

  const open = (operation: string, error: unknown) => {
    if (state === 'closed')
      logger.error(
        { event: 'store_circuit_open', operation, err: error, openMs: options.openMs },
        'database failing: circuit opened, calls fail fast until a probe succeeds',
      );
    state = 'open';
    openedAt = now();
  };

  const withTimeout = <T>(operation: string, work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new StoreTimeoutError(operation, options.callTimeoutMs)),
        options.callTimeoutMs,
      );
      work().then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });

  /** Half-open with the probe as the one call let through; calls meanwhile fail fast. */
  const backgroundProbe = (isUnavailable: (error: unknown) => boolean) => {
    const probe = options.probe;
    if (!probe) return;
    state = 'half-open';
    probing = true;
    withTimeout('probe', probe).then(
      () => {
        probing = false;
        state = 'closed';
        failures = 0;
        logger.info(
          { event: 'store_circuit_closed', operation: 'probe' },
          'database answers again: circuit closed',
        );
      },
      (error: unknown) => {
        probing = false;
        if (!(error instanceof StoreTimeoutError) && !isUnavailable(error))
          logger.warn(
            { event: 'store_probe_failed', err: error },
            'database probe failed with an unexpected error',
          );
        state = 'closed';
        open('probe', error);
      },
    );
  };

  return {
    get state() {
      return state;
    },
    async run(operation, work, isUnavailable) {
      let probe = false;
      if (state === 'open') {
        const waited = now() - openedAt;
        if (waited < options.openMs || probing)
          throw new CircuitOpenError(operation, options.openMs - waited);
        if (options.probe) {
          backgroundProbe(isUnavailable);
          throw new CircuitOpenError(operation, 0);
        }
        state = 'half-open';
      }
      if (state === 'half-open') {
        if (probing) throw new CircuitOpenError(operation, 0);
        probing = true;
        probe = true;
      }
      try {
        const result = await withTimeout(operation, work);
        if (state !== 'closed' || failures > 0) {
          if (state !== 'closed')
            logger.info(
              { event: 'store_circuit_closed', operation },
              'database answers again: circuit closed',
            );
          state = 'closed';
          failures = 0;
        }
        return result;
      } catch (error) {
        if (error instanceof StoreTimeoutError || isUnavailable(error)) {
          failures += 1;
          // A call that hangs until its deadline means a hung database: every other call would hang too.
          if (probe || error instanceof StoreTimeoutError || failures >= options.failureThreshold)
            open(operation, error);
        }
        throw error;
      } finally {
        if (probe) probing = false;
      }
    },
  };
}
