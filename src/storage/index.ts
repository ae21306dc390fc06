/**
 * The stores the bot uses: SQLite file `<dataDir>/remedy.sqlite` by default, PostgreSQL when `databaseUrl` is set.
 * Migrations run here at start-up. While running, an unreachable database makes session writes fail with
 * DomainError('STORE_UNAVAILABLE'); outcome records (with the ending session write they belong to) go to a bounded
 * in-memory queue written on recovery; session reads fall back to this instance's last known copy.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { DomainError } from '../core/errors';
import type { Outcome } from '../core/outcomes/outcome';
import type { Session } from '../core/remediation/session';
import type { ActivityLedger, OutcomeLog, SessionStore } from '../core/ports';
import type { Backend, ErasedCounts, StoreKind } from './backend';
import { createOutcomeQueue, type QueuedOutcome } from './outcomeQueue';
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
  /** Sessions this instance remembers (last read or written) to answer reads during an outage (default 1000). */
  sessionCacheLimit?: number;
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
/** The last known state of recently used sessions (bounded, least recently used out first). */
function createSessionCache(limit: number) {
  const sessions = new Map<string, Session>();
  return {
    get(id: string): Session | undefined {
      const session = sessions.get(id);
      if (session) {
        sessions.delete(id);
        sessions.set(id, session);
      }
      return session;
    },
    remember(session: Session): void {
      sessions.delete(session.id);
      sessions.set(session.id, session);
      while (sessions.size > limit) sessions.delete(sessions.keys().next().value as string);
    },
  };
}

export function createStores(
  backend: Backend,
  options: Pick<OpenStoresOptions, 'logger' | 'outcomeQueueLimit' | 'outcomeRetryMs' | 'sessionCacheLimit'>,
): Stores {
  const { logger } = options;
  const cache = createSessionCache(options.sessionCacheLimit ?? 1000);

  /**
   * A queued record on recovery: a plain outcome is appended; an ending is applied like the click that made it,
   * version-checked with its outcome in one transaction. If the session moved on meanwhile (another instance, or
   * the user's retry already ended it), the stale ending is not applied and its outcome is not recorded.
   */
  const writeQueued = async ({ outcome, session }: QueuedOutcome): Promise<void> => {
    if (!session) {
      await backend.appendOutcome(outcome);
      return;
    }
    const result = await backend.updateSession(session, outcome);
    if (result.ok) {
      cache.remember(session);
      return;
    }
    logger.warn(
      {
        event: 'queued_ending_superseded',
        sessionId: session.id,
        queuedVersion: session.version,
        currentVersion: result.current?.version,
        currentStatus: result.current?.status,
        outcome,
      },
      'queued session ending not applied: the session changed while the database was unreachable',
    );
  };

  const queue = createOutcomeQueue({
    write: writeQueued,
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
    async create(session) {
      await guarded('session.create', () => backend.createSession(session));
      cache.remember(session);
    },
    async get(id) {
      try {
        const session = await backend.getSession(id);
        if (session) cache.remember(session);
        return session;
      } catch (error) {
        if (!backend.isUnavailable(error)) throw error;
        const known = cache.get(id);
        if (!known) throw unavailable(error, 'session.get');
        // Read-only fallback: any write based on it still fails (or is queued) and is version-checked later.
        logger.warn(
          { event: 'session_read_from_memory', sessionId: id, version: known.version },
          'database unreachable; using the last known state of the session',
        );
        return known;
      }
    },
    async update(next, outcome) {
      const record = outcome ? validOutcome(outcome) : undefined;
      try {
        const result = await backend.updateSession(next, record);
        if (result.ok) cache.remember(next);
        else if (result.current) cache.remember(result.current);
        databaseIsBack();
        return result;
      } catch (error) {
        if (!backend.isUnavailable(error)) throw error;
        // The user did end the session: keep the ending for when the database returns.
        if (record) queue.enqueue({ outcome: record, session: next });
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
        queue.enqueue({ outcome: record });
        void queue.flush();
        return isNew;
      }
      try {
        const added = await backend.appendOutcome(record);
        return added;
      } catch (error) {
        if (!backend.isUnavailable(error)) throw error;
        queue.enqueue({ outcome: record });
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
