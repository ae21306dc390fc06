/**
 * The stores the bot uses: SQLite file `<dataDir>/remedy.sqlite` by default, PostgreSQL when `databaseUrl` is set.
 * Migrations run here at start-up. While running, an unreachable database makes session writes fail with
 * DomainError('STORE_UNAVAILABLE') and sends outcome records to a bounded in-memory queue written on recovery.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { DomainError } from '../core/errors';
import type { Outcome } from '../core/outcomes/outcome';
import type { ActivityLedger, OutcomeLog, SessionStore } from '../core/ports';
import type { Backend, ErasedCounts, StoreKind } from './backend';
import { createOutcomeQueue } from './outcomeQueue';
import { openPostgresBackend } from './postgres';
import { validOutcome } from './records';
import { openSqliteBackend } from './sqlite';

export type { ErasedCounts, StoreKind } from './backend';
export { startRetention, type RetentionOptions } from './retention';

export interface Stores {
  sessions: SessionStore;
  outcomes: OutcomeLog;
  ledger: ActivityLedger;
  kind: StoreKind;
  /** Resolves when the database answers; rejects with DomainError('STORE_UNAVAILABLE') otherwise (for /readyz). */
  ping(): Promise<void>;
  /** Writes what is still queued if it can, logs what it cannot, closes the connections. */
  close(): Promise<void>;
  /** Removes the outcomes and sessions (started or ended) of a hashed user id. */
  eraseUser(userHash: string): Promise<ErasedCounts>;
  /** Outcome records waiting in memory for the database to return. */
  pendingOutcomes(): number;
  /** Tries to write the queued outcome records now; returns how many were written. */
  flushOutcomes(): Promise<number>;
}

export interface OpenStoresOptions {
  /** PostgreSQL connection string; when absent, SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  logger: Logger;
  /** Bound of the in-memory queue of outcome records kept while the database is unreachable (default 1000). */
  outcomeQueueLimit?: number;
  /** How often the queue retries while the database is unreachable (default 2000 ms). */
  outcomeRetryMs?: number;
  /** SQLite: how long a write waits for another process's lock before STORE_UNAVAILABLE (default 5000 ms). */
  sqliteBusyTimeoutMs?: number;
}

export const SQLITE_FILE_NAME = 'remedy.sqlite';

export async function openStores(options: OpenStoresOptions): Promise<Stores> {
  const { logger } = options;
  let migrated: number[] = [];
  const onMigrated = (versions: number[]) => {
    migrated = versions;
  };
  const backend = options.databaseUrl
    ? await openPostgresBackend({ databaseUrl: options.databaseUrl, logger, onMigrated })
    : await openSqliteBackend({
        file: path.join(options.dataDir, SQLITE_FILE_NAME),
        onMigrated,
        ...(options.sqliteBusyTimeoutMs !== undefined ? { busyTimeoutMs: options.sqliteBusyTimeoutMs } : {}),
      });
  logger.info(
    { event: 'store_opened', kind: backend.kind, where: backend.where, migrationsApplied: migrated },
    'store opened',
  );
  return createStores(backend, options);
}

/** Builds the ports over a backend: error mapping to STORE_UNAVAILABLE and the outcome queue. */
export function createStores(
  backend: Backend,
  options: Pick<OpenStoresOptions, 'logger' | 'outcomeQueueLimit' | 'outcomeRetryMs'>,
): Stores {
  const { logger } = options;
  const queue = createOutcomeQueue({
    write: (outcome) => backend.appendOutcome(outcome),
    isUnavailable: (error) => backend.isUnavailable(error),
    logger,
    limit: options.outcomeQueueLimit ?? 1000,
    retryMs: options.outcomeRetryMs ?? 2000,
  });

  const unavailable = (error: unknown, operation: string): DomainError =>
    new DomainError(
      'STORE_UNAVAILABLE',
      `The ${backend.kind} database (${backend.where}) is unavailable: ${(error as Error).message || String(error)}`,
      { operation, kind: backend.kind },
    );

  /** Runs a database operation; outages become DomainError('STORE_UNAVAILABLE'), other errors pass unchanged. */
  const guarded = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (backend.isUnavailable(error)) throw unavailable(error, operation);
      throw error;
    }
  };

  /** The database answered: write what waited for it (in the background; failures are retried by the queue). */
  const databaseIsBack = () => {
    if (queue.size > 0) void queue.flush();
  };

  const sessions: SessionStore = {
    create: (session) => guarded('session.create', () => backend.createSession(session)),
    get: (id) => guarded('session.get', () => backend.getSession(id)),
    async update(next, outcome) {
      const record = outcome ? validOutcome(outcome) : undefined;
      try {
        const result = await backend.updateSession(next, record);
        databaseIsBack();
        return result;
      } catch (error) {
        if (!backend.isUnavailable(error)) throw error;
        // The user did end the session: keep its outcome for when the database returns (idempotent per session).
        if (record) queue.enqueue(record);
        throw unavailable(error, 'session.update');
      }
    },
    purgeFinished: (endedBefore) =>
      guarded('session.purgeFinished', () => backend.purgeFinished(endedBefore)),
  };

  const outcomes: OutcomeLog = {
    async append(outcome: Outcome) {
      const record = validOutcome(outcome);
      if (queue.size > 0) {
        // Keep the order: behind what is already waiting.
        const isNew = !queue.has(record.sessionId);
        queue.enqueue(record);
        void queue.flush();
        return isNew;
      }
      try {
        const added = await backend.appendOutcome(record);
        return added;
      } catch (error) {
        if (!backend.isUnavailable(error)) throw error;
        queue.enqueue(record);
        return true;
      }
    },
    async list(filter) {
      if (queue.size > 0) await queue.flush();
      return guarded('outcomes.list', () => backend.listOutcomes(filter));
    },
    eraseUser: async (userHash) =>
      (await guarded('outcomes.eraseUser', () => backend.eraseUser(userHash))).outcomes,
  };

  const ledger: ActivityLedger = {
    claim: (key, at) => guarded('ledger.claim', () => backend.claim(key, at)),
    purge: (before) => guarded('ledger.purge', () => backend.purgeLedger(before)),
  };

  return {
    sessions,
    outcomes,
    ledger,
    kind: backend.kind,
    async ping() {
      await guarded('ping', () => backend.ping());
      databaseIsBack();
    },
    async close() {
      if (queue.size > 0) await queue.flush();
      await queue.close();
      await backend.close();
      logger.info({ event: 'store_closed', kind: backend.kind }, 'store closed');
    },
    eraseUser: (userHash) => guarded('eraseUser', () => backend.eraseUser(userHash)),
    pendingOutcomes: () => queue.size,
    flushOutcomes: () => queue.flush(),
  };
}
