/**
 * Outcome records that could not be written because the database was unreachable wait here, in order, and are
 * written when it returns (retried on a timer). Bounded: past the limit the oldest record is dropped and logged
 * in full (it holds no pasted text), so that it can still be recovered from the logs.
 */
import type { Logger } from 'pino';
import type { Outcome } from '../core/outcomes/outcome';

export interface OutcomeQueueOptions {
  /** Writes one outcome (idempotent per sessionId); rejects when the database is unreachable. */
  write(outcome: Outcome): Promise<boolean>;
  isUnavailable(error: unknown): boolean;
  logger: Logger;
  limit: number;
  retryMs: number;
}

export interface OutcomeQueue {
  readonly size: number;
  has(sessionId: string): boolean;
  enqueue(outcome: Outcome): void;
  /** Writes what is queued, oldest first, until the queue is empty or the database fails; returns how many. */
  flush(): Promise<number>;
  /** Stops retrying; logs every record still queued (they are lost). */
  close(): Promise<void>;
}

export function createOutcomeQueue(options: OutcomeQueueOptions): OutcomeQueue {
  const { logger } = options;
  const pending: Outcome[] = [];
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
      const next = pending[0] as Outcome;
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
          { event: 'outcome_dropped', reason: 'write_failed', err: error, outcome: next },
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
      return pending.some((outcome) => outcome.sessionId === sessionId);
    },
    enqueue(outcome) {
      if (pending.some((queued) => queued.sessionId === outcome.sessionId)) return;
      pending.push(outcome);
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
        const dropped = pending.shift();
        logger.error(
          { event: 'outcome_dropped', reason: 'queue_full', limit: options.limit, outcome: dropped },
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
      for (const outcome of pending.splice(0)) {
        logger.error(
          { event: 'outcome_dropped', reason: 'store_closed', outcome },
          'store closed with the database unreachable; outcome record not written',
        );
      }
    },
  };
}
