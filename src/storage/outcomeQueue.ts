/**
 * Outcome records that could not be written because the database was unreachable wait here, in order, and are
 * written when it returns (retried on a timer). A record may carry the ending session write it belongs to; the
 * writer then applies both together, version-checked. Bounded: past the limit the oldest record is dropped and
 * logged in full (it holds no pasted text), so that it can still be recovered from the logs.
 */
import type { Logger } from 'pino';
import type { Outcome } from '../core/outcomes/outcome';
import type { Session } from '../core/remediation/session';

export interface QueuedOutcome {
  outcome: Outcome;
  /** The ending session write the outcome belongs to (from `SessionStore.update(next, outcome)`). */
  session?: Session;
}

export interface OutcomeQueueOptions {
  /** Writes one queued record (idempotent per sessionId); rejects when the database is unreachable. */
  write(item: QueuedOutcome): Promise<void>;
  isUnavailable(error: unknown): boolean;
  logger: Logger;
  limit: number;
  retryMs: number;
}

export interface OutcomeQueue {
  readonly size: number;
  has(sessionId: string): boolean;
  enqueue(item: QueuedOutcome): void;
  /** Writes what is queued, oldest first, until the queue is empty or the database fails; returns how many. */
  flush(): Promise<number>;
  /** Stops retrying; logs every record still queued (they are lost). */
  close(): Promise<void>;
}

/** Log fields of a dropped record: the whole outcome, and which session write it belonged to. */
function describe(item: QueuedOutcome): Record<string, unknown> {
  return {
    outcome: item.outcome,
    ...(item.session && { sessionVersion: item.session.version, sessionStatus: item.session.status }),
  };
}

export function createOutcomeQueue(options: OutcomeQueueOptions): OutcomeQueue {
  const { logger } = options;
  const pending: QueuedOutcome[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<number> | undefined;
  let closed = false;

  const schedule = () => {
    if (timer || closed || pending.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, options.retryMs);
    timer.unref();
  };

  const flushOnce = async (): Promise<number> => {
    let written = 0;
    while (pending.length > 0) {
      const next = pending[0] as QueuedOutcome;
      try {
        await options.write(next);
      } catch (error) {
        if (options.isUnavailable(error)) {
          logger.debug(
            { event: 'outcome_queue_retry_later', queued: pending.length },
            'database still unreachable',
          );
          break;
        }
        // Not an outage: this record can never be written (invalid). Keep the others flowing.
        logger.error(
          { event: 'outcome_dropped', reason: 'write_failed', err: error, ...describe(next) },
          'queued outcome record could not be written and was dropped',
        );
      }
      pending.shift();
      written += 1;
    }
    if (written > 0) {
      logger.info(
        { event: 'outcome_queue_flushed', written, queued: pending.length },
        'queued outcomes written',
      );
    }
    schedule();
    return written;
  };

  const flush = (): Promise<number> => {
    flushing ??= flushOnce().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  return {
    get size() {
      return pending.length;
    },
    has(sessionId) {
      return pending.some((queued) => queued.outcome.sessionId === sessionId);
    },
    enqueue(item) {
      const { outcome } = item;
      if (pending.some((queued) => queued.outcome.sessionId === outcome.sessionId)) return;
      pending.push(item);
      logger.warn(
        {
          event: 'outcome_queued',
          sessionId: outcome.sessionId,
          entryId: outcome.entryId,
          queued: pending.length,
        },
        'database unreachable; outcome kept in the local queue',
      );
      while (pending.length > options.limit) {
        const dropped = pending.shift() as QueuedOutcome;
        logger.error(
          { event: 'outcome_dropped', reason: 'queue_full', limit: options.limit, ...describe(dropped) },
          'outcome queue full; oldest record dropped',
        );
      }
      schedule();
    },
    flush,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (flushing) await flushing;
      for (const item of pending.splice(0)) {
        logger.error(
          { event: 'outcome_dropped', reason: 'store_closed', ...describe(item) },
          'store closed with the database unreachable; outcome record not written',
        );
      }
    },
  };
}
