/**
 * Periodic retention: deletes finished sessions older than `days` and activity-ledger keys older than
 * `ledgerHours` (Teams retries arrive within minutes). Outcome records are kept: they are the statistics and hold
 * only hashed ids; `remedy erase` removes a user's records.
 */
import type { Logger } from 'pino';
import type { ActivityLedger, Clock, SessionStore } from '../core/ports';

export interface RetentionOptions {
  /** Finished sessions older than this many days are deleted; 0 keeps them forever. */
  days: number;
  clock: Clock;
  logger: Logger;
  /** Between two passes (default one hour). The first pass runs at once. */
  intervalMs?: number;
  /** Age of ledger keys to delete (default 24 hours). */
  ledgerHours?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts the retention passes; returns `stop()`, which also waits for a pass in progress. */
export function startRetention(
  stores: { sessions: SessionStore; ledger: ActivityLedger },
  options: RetentionOptions,
): () => Promise<void> {
  const { clock, logger } = options;
  if (!Number.isFinite(options.days) || options.days < 0) {
    throw new RangeError(`retention days: expected a number >= 0, got ${options.days}`);
  }
  const ledgerMs = (options.ledgerHours ?? 24) * 60 * 60 * 1000;
  let running: Promise<void> | undefined;

  const pass = async () => {
    const now = clock.now().getTime();
    try {
      const sessions =
        options.days > 0 ? await stores.sessions.purgeFinished(new Date(now - options.days * DAY_MS)) : 0;
      const ledgerKeys = await stores.ledger.purge(new Date(now - ledgerMs));
      logger.info(
        { event: 'retention_pass', sessionsDeleted: sessions, ledgerKeysDeleted: ledgerKeys },
        'retention',
      );
    } catch (error) {
      logger.warn(
        { event: 'retention_failed', err: error },
        'retention pass failed; retried at the next interval',
      );
    }
  };
  const run = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
  };

  run();
  const timer = setInterval(run, options.intervalMs ?? 60 * 60 * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    if (running) await running;
  };
}
