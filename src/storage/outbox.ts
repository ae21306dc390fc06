/**
 * The durable local outbox: outcome records (with the session ending they belong to) that could not reach the
 * database are appended to `<DATA_DIR>/outbox.jsonl` and fsync'd before the user is told "saved, will be
 * recorded", so they survive a crash or kill -9. They are written, oldest first, once the database answers; the
 * file is then rewritten (temp file, fsync, rename) without what was written. Writing is idempotent by session id,
 * so a crash between a write and the rewrite only repeats writes that change nothing.
 * One bot process per DATA_DIR owns the outbox (CLI commands open the stores without it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { OutcomeSchema, type Outcome } from '../core/outcomes/outcome';
import { SessionSchema, type Session } from '../core/remediation/session';
import { describeIssues } from '../core/validation';

export const OUTBOX_FILE_NAME = 'outbox.jsonl';
const REJECTED_FILE_NAME = 'outbox.rejected.jsonl';

const OutboxItemSchema = z
  .object({
    outcome: OutcomeSchema,
    /** The ending session write the outcome belongs to (from `SessionStore.update(next, outcome)`). */
    session: SessionSchema.optional(),
    queuedAt: z.string(),
  })
  .strict();
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

export interface OutboxOptions {
  dataDir: string;
  logger: Logger;
  /** Writes one item to the database (idempotent per sessionId); rejects when the database is unreachable. */
  write(item: OutboxItem): Promise<void>;
  isUnavailable(error: unknown): boolean;
  /** How often it retries while items wait (ms). */
  retryMs: number;
}

export interface Outbox {
  readonly size: number;
  readonly file: string;
  has(sessionId: string): boolean;
  /** Appends and fsyncs; resolves once the item is on disk. Throws when the disk cannot take it. */
  add(outcome: Outcome, session?: Session): void;
  /** Writes what waits, oldest first, until done or the database fails; returns how many were written. */
  flush(): Promise<number>;
  /** Stops retrying; what still waits stays on disk for the next start. */
  close(): Promise<void>;
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads the outbox file; a torn last line (killed while appending) is logged and skipped. */
function load(file: string, logger: Logger): OutboxItem[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const items: OutboxItem[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      logger.error(
        {
          event: 'outbox_line_unreadable',
          file,
          line: index + 1,
          err: error,
          last: index >= lines.length - 2,
        },
        'outbox line is not JSON (a write torn by a crash); skipped',
      );
      return;
    }
    const parsed = OutboxItemSchema.safeParse(json);
    if (!parsed.success) {
      logger.error(
        { event: 'outbox_line_invalid', file, line: index + 1, issues: describeIssues(parsed.error) },
        'outbox line is not a valid record; skipped',
      );
      return;
    }
    items.push(parsed.data);
  });
  return items;
}

export function openOutbox(options: OutboxOptions): Outbox {
  const { logger } = options;
  const file = path.join(options.dataDir, OUTBOX_FILE_NAME);
  const pending: OutboxItem[] = load(file, logger);
  if (pending.length > 0)
    logger.warn(
      { event: 'outbox_loaded', file, waiting: pending.length },
      'outcomes from a previous run wait in the local outbox',
    );
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

  const appendLine = (target: string, item: OutboxItem) => {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const fd = fs.openSync(target, 'a');
    try {
      fs.writeSync(fd, `${JSON.stringify(item)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  };

  /** The file holds exactly `pending` afterwards (atomically: a crash leaves the old or the new file). */
  const rewrite = () => {
    if (pending.length === 0) {
      fs.rmSync(file, { force: true });
    } else {
      const temp = `${file}.tmp`;
      fs.writeFileSync(temp, pending.map((item) => `${JSON.stringify(item)}\n`).join(''));
      const fd = fs.openSync(temp, 'r+');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, file);
    }
    fsyncDir(path.dirname(file));
  };

  const flushOnce = async (): Promise<number> => {
    let written = 0;
    while (pending.length > 0) {
      const next = pending[0] as OutboxItem;
      try {
        await options.write(next);
      } catch (error) {
        if (options.isUnavailable(error)) {
          logger.debug(
            { event: 'outbox_retry_later', waiting: pending.length },
            'database still unreachable',
          );
          break;
        }
        // Not an outage: this record cannot be written as it is. Kept aside on disk, never silently dropped.
        appendLine(path.join(options.dataDir, REJECTED_FILE_NAME), next);
        logger.error(
          { event: 'outbox_record_rejected', err: error, sessionId: next.outcome.sessionId },
          `outbox record could not be written; moved to ${REJECTED_FILE_NAME}`,
        );
      }
      pending.shift();
      written += 1;
    }
    if (written > 0) {
      rewrite();
      logger.info(
        { event: 'outbox_flushed', written, waiting: pending.length },
        'outbox written to the database',
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

  schedule();

  return {
    get size() {
      return pending.length;
    },
    file,
    has: (sessionId) => pending.some((item) => item.outcome.sessionId === sessionId),
    add(outcome, session) {
      if (pending.some((item) => item.outcome.sessionId === outcome.sessionId)) return;
      const item: OutboxItem = { outcome, ...(session && { session }), queuedAt: new Date().toISOString() };
      appendLine(file, item);
      pending.push(item);
      logger.warn(
        {
          event: 'outcome_in_outbox',
          sessionId: outcome.sessionId,
          entryId: outcome.entryId,
          waiting: pending.length,
        },
        'database unreachable; outcome kept in the local outbox',
      );
      schedule();
    },
    flush,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (flushing) await flushing;
      if (pending.length > 0)
        logger.warn(
          { event: 'outbox_kept', file, waiting: pending.length },
          'store closed with outcomes still in the local outbox; they are written at the next start',
        );
    },
  };
}
