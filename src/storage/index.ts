/**
 * The stores the bot uses: SQLite file `<dataDir>/remedy.sqlite` by default, PostgreSQL when `databaseUrl` is set.
 * Migrations run here at start-up. Every database call goes through one circuit breaker with a deadline, so a
 * sick database fails fast instead of stalling turns. While it is unreachable:
 * - session endings and outcome records go to the durable local outbox (fsync'd file in DATA_DIR), written once
 *   the database answers again — exactly once, version-checked (src/storage/outbox.ts);
 * - activity claims fall back to a bounded in-memory ledger, so Teams' retries are still de-duplicated;
 * - session reads fall back to this instance's last known copy; other session writes fail with
 *   DomainError('STORE_UNAVAILABLE').
 */
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { DomainError } from '../core/errors';
import type { Outcome } from '../core/outcomes/outcome';
import { computeStats, shapeStats } from '../core/outcomes/statistics';
import type { Session } from '../core/remediation/session';
import type { ActivityLedger, ClaimResult, OutcomeLog, SessionStore } from '../core/ports';
import type { Backend, ErasedCounts, StoreKind } from './backend';
import { createCircuitBreaker, isBreakerError, type BreakerState } from './breaker';
import { openOutbox, type Outbox, type OutboxItem } from './outbox';
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
  /** Tries to write what waits in the outbox, then closes the connections (what still waits stays on disk). */
  close(): Promise<void>;
  /** Removes the outcomes and sessions (started or ended) of a hashed user id. */
  eraseUser(userHash: string): Promise<ErasedCounts>;
  /** Outcome records waiting in the local outbox for the database to return (0 without an outbox). */
  pendingOutcomes(): number;
  /** Tries to write the outbox now; returns how many records were written. */
  flushOutcomes(): Promise<number>;
  /** The circuit breaker's state (closed = database healthy). */
  circuit(): BreakerState;
}

export interface StoreResilience {
  /** Keep unwritable outcomes in `<dataDir>/outbox.jsonl` (the bot; never a CLI command next to it). */
  outbox?: boolean;
  /** How often the outbox retries while the database is unreachable (default 2000 ms). */
  outboxRetryMs?: number;
  /** Sessions this instance remembers (last read or written) to answer reads during an outage (default 1000). */
  sessionCacheLimit?: number;
  /** Activity claims remembered in memory for de-duplication during an outage (default 10000). */
  localLedgerLimit?: number;
  /** Deadline of any one database call (default 2500 ms). */
  callTimeoutMs?: number;
  /** Consecutive outages that open the circuit (default 2). */
  breakerFailures?: number;
  /** How long the circuit stays open before a probe (default 5000 ms). */
  breakerOpenMs?: number;
}

export interface OpenStoresOptions extends StoreResilience {
  /** PostgreSQL connection string; when absent, SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  logger: Logger;
  /** SQLite: how long a write waits for another process's lock before STORE_UNAVAILABLE (default 5000 ms). */
  sqliteBusyTimeoutMs?: number;
  /** PostgreSQL: statement timeout (default 2000 ms). */
  statementTimeoutMs?: number;
  /** PostgreSQL: connect timeout (default: the statement timeout, at most 2000 ms unless set). */
  connectTimeoutMs?: number;
}

export const SQLITE_FILE_NAME = 'remedy.sqlite';

export async function openStores(options: OpenStoresOptions): Promise<Stores> {
  const { logger } = options;
  let migrated: number[] = [];
  const onMigrated = (versions: number[]) => {
    migrated = versions;
  };
  const backend = options.databaseUrl
    ? await openPostgresBackend({
        databaseUrl: options.databaseUrl,
        logger,
        onMigrated,
        ...(options.statementTimeoutMs !== undefined && { statementTimeoutMs: options.statementTimeoutMs }),
        ...((options.connectTimeoutMs ?? options.statementTimeoutMs) !== undefined && {
          connectTimeoutMs: options.connectTimeoutMs ?? Math.min(options.statementTimeoutMs ?? 2000, 2000),
        }),
      })
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

/** The last known state of recently used sessions (bounded, least recently used out first). */
function createSessionCache(limit: number) {
  const sessions = new LRUCache<string, Session>({ max: limit });
  return {
    get: (id: string): Session | undefined => sessions.get(id),
    remember(session: Session): void {
      const known = sessions.get(session.id);
      if (!known || known.version <= session.version) sessions.set(session.id, session);
    },
  };
}

interface LocalClaim {
  owner: string | undefined;
  leaseUntil: number;
  done: boolean;
}

/**
 * Claims as this instance knows them: mirrors what it claimed and completed through the database, and decides
 * alone while the database is unreachable (so a retry of a turn handled here is still recognised).
 */
function createLocalLedger(limit: number) {
  const claims = new LRUCache<string, LocalClaim>({ max: limit });
  return {
    claim(key: string, owner: string, at: Date, leaseMs: number): ClaimResult {
      const known = claims.get(key);
      if (known?.done) return { status: 'done' };
      if (known && known.owner !== undefined && known.leaseUntil > at.getTime())
        return { status: 'held', until: new Date(known.leaseUntil) };
      claims.set(key, { owner, leaseUntil: at.getTime() + leaseMs, done: false });
      return { status: 'claimed' };
    },
    note(key: string, result: ClaimResult, owner: string, at: Date, leaseMs: number): void {
      if (result.status === 'done') claims.set(key, { owner: undefined, leaseUntil: 0, done: true });
      else if (result.status === 'claimed')
        claims.set(key, { owner, leaseUntil: at.getTime() + leaseMs, done: false });
    },
    extend(key: string, owner: string, at: Date, leaseMs: number): boolean {
      const known = claims.get(key);
      if (!known || known.done || known.owner !== owner) return false;
      known.leaseUntil = at.getTime() + leaseMs;
      return true;
    },
    complete(key: string): void {
      claims.set(key, { owner: undefined, leaseUntil: 0, done: true });
    },
    release(key: string, owner: string): void {
      const known = claims.get(key);
      if (known && !known.done && known.owner === owner) claims.delete(key);
    },
  };
}

export function createStores(
  backend: Backend,
  options: Pick<OpenStoresOptions, 'logger' | 'dataDir'> & StoreResilience,
): Stores {
  const { logger } = options;
  const cache = createSessionCache(options.sessionCacheLimit ?? 1000);
  const local = createLocalLedger(options.localLedgerLimit ?? 10_000);
  const breaker = createCircuitBreaker({
    failureThreshold: options.breakerFailures ?? 2,
    openMs: options.breakerOpenMs ?? 5000,
    callTimeoutMs: options.callTimeoutMs ?? 2500,
    probe: () => backend.ping(),
    logger,
  });
  const isUnavailable = (error: unknown): boolean => isBreakerError(error) || backend.isUnavailable(error);
  const call = <T>(operation: string, work: () => Promise<T>): Promise<T> =>
    breaker.run(operation, work, (error) => backend.isUnavailable(error));

  /**
   * An outbox item on recovery: a plain outcome is appended; an ending is applied like the click that made it,
   * version-checked with its outcome in one transaction. Already applied (a crash after the write, before the
   * outbox was rewritten): nothing to do. If the session moved on meanwhile (another instance, or the user's retry
   * ended it), the stale ending is not applied and its outcome is not recorded — logged in full.
   */
  const writeItem = async ({ outcome, session }: OutboxItem): Promise<void> => {
    if (!session) {
      await call('outbox.append', () => backend.appendOutcome(outcome));
      return;
    }
    const result = await call('outbox.update', () => backend.updateSession(session, outcome));
    if (result.ok) {
      cache.remember(session);
      return;
    }
    const current = result.current;
    if (current && current.version === session.version && current.status === session.status) {
      logger.info(
        { event: 'outbox_already_written', sessionId: session.id },
        'outbox record was already written',
      );
      return;
    }
    logger.warn(
      {
        event: 'outbox_ending_superseded',
        sessionId: session.id,
        queuedVersion: session.version,
        currentVersion: current?.version,
        currentStatus: current?.status,
        outcome,
      },
      'outbox session ending not applied: the session changed while the database was unreachable',
    );
  };

  const outbox: Outbox | undefined = options.outbox
    ? openOutbox({
        dataDir: options.dataDir,
        logger,
        write: writeItem,
        isUnavailable,
        retryMs: options.outboxRetryMs ?? 2000,
      })
    : undefined;

  const unavailable = (error: unknown, operation: string): DomainError =>
    new DomainError(
      'STORE_UNAVAILABLE',
      `The ${backend.kind} database (${backend.where}) is unavailable: ${(error as Error).message || String(error)}`,
      { operation, kind: backend.kind },
    );

  /** Runs a database operation; outages become DomainError('STORE_UNAVAILABLE'), other errors pass unchanged. */
  const guarded = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await call(operation, work);
    } catch (error) {
      if (isUnavailable(error)) throw unavailable(error, operation);
      throw error;
    }
  };

  /** The database answered: write what waited for it (in the background; the outbox retries failures). */
  const databaseIsBack = () => {
    if (outbox && outbox.size > 0) void outbox.flush();
  };

  /** Keeps an outcome (and its ending) durably for later; false when there is no outbox or the disk failed. */
  const keepForLater = (record: Outcome, session?: Session): boolean => {
    if (!outbox) return false;
    try {
      outbox.add(record, session);
      return true;
    } catch (error) {
      logger.error(
        { event: 'outbox_write_failed', err: error, file: outbox.file, outcome: record },
        'database unreachable and the local outbox cannot be written; outcome not kept',
      );
      return false;
    }
  };

  const sessions: SessionStore = {
    async create(session) {
      await guarded('session.create', () => backend.createSession(session));
      cache.remember(session);
    },
    async get(id) {
      try {
        const session = await call('session.get', () => backend.getSession(id));
        if (session) cache.remember(session);
        return session;
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        const known = cache.get(id);
        if (!known) throw unavailable(error, 'session.get');
        // Read-only fallback: any write based on it still fails (or is kept) and is version-checked later.
        logger.warn(
          { event: 'session_read_from_memory', sessionId: id, version: known.version },
          'database unreachable; using the last known state of the session',
        );
        return known;
      }
    },
    async update(next, outcome, done) {
      const record = outcome ? validOutcome(outcome) : undefined;
      try {
        const result = await call('session.update', () => backend.updateSession(next, record, done));
        if (result.ok) {
          cache.remember(next);
          if (done) local.complete(done.key);
        } else if (result.current) cache.remember(result.current);
        databaseIsBack();
        return result;
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        // The user did end the session: keep the ending for when the database returns.
        if (record && keepForLater(record, next)) {
          cache.remember(next);
          if (done) local.complete(done.key);
          return { ok: true, pending: true };
        }
        throw unavailable(error, 'session.update');
      }
    },
    purgeFinished: (endedBefore) =>
      guarded('session.purgeFinished', () => backend.purgeFinished(endedBefore)),
  };

  const outcomes: OutcomeLog = {
    async append(outcome: Outcome) {
      const record = validOutcome(outcome);
      if (outbox && outbox.size > 0) {
        // Keep the order: behind what is already waiting.
        const isNew = !outbox.has(record.sessionId);
        if (keepForLater(record)) {
          void outbox.flush();
          return isNew;
        }
      }
      try {
        const added = await call('outcome.append', () => backend.appendOutcome(record));
        databaseIsBack();
        return added;
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        if (keepForLater(record)) return true;
        throw unavailable(error, 'outcome.append');
      }
    },
    list: (filter) => guarded('outcomes.list', () => backend.listOutcomes(filter)),
    async stats(filter = {}) {
      if (filter.since !== undefined) {
        // A time window is not kept as counters: the records from `since` on are read.
        return computeStats(await guarded('outcomes.stats', () => backend.listOutcomes(filter)));
      }
      const rows = await guarded('outcomes.stats', () =>
        backend.outcomeCounters({
          ...(filter.tenantId !== undefined && { tenantId: filter.tenantId }),
          ...(filter.entryId !== undefined && { entryId: filter.entryId }),
        }),
      );
      return shapeStats(rows);
    },
    eraseUser: async (userHash) =>
      (await guarded('outcomes.eraseUser', () => backend.eraseUser(userHash))).outcomes,
  };

  const ledger: ActivityLedger = {
    async claim(key, owner, at, leaseMs) {
      try {
        const result = await call('ledger.claim', () => backend.claim(key, owner, at, leaseMs));
        local.note(key, result, owner, at, leaseMs);
        return result;
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        const result = local.claim(key, owner, at, leaseMs);
        logger.warn(
          { event: 'ledger_local', key, status: result.status, err: error },
          'database unreachable; activity claimed in the local ledger',
        );
        return result;
      }
    },
    async extend(key, owner, at, leaseMs) {
      const locally = local.extend(key, owner, at, leaseMs);
      try {
        return await call('ledger.extend', () => backend.extend(key, owner, at, leaseMs));
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        return locally;
      }
    },
    async complete(key, owner, at) {
      local.complete(key);
      try {
        await call('ledger.complete', () => backend.complete(key, owner, at));
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        logger.warn(
          { event: 'ledger_complete_local', key, err: error },
          'database unreachable; the turn is recorded as done in the local ledger only',
        );
      }
    },
    async release(key, owner) {
      local.release(key, owner);
      try {
        await call('ledger.release', () => backend.release(key, owner));
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        logger.warn(
          { event: 'ledger_release_local', key, err: error },
          'database unreachable; the claim is released locally and its lease expires in the database',
        );
      }
    },
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
      if (outbox && outbox.size > 0) {
        try {
          await outbox.flush();
        } catch (error) {
          logger.error(
            { event: 'outbox_flush_failed', err: error },
            'outbox could not be written at shutdown',
          );
        }
      }
      await outbox?.close();
      await backend.close();
      logger.info({ event: 'store_closed', kind: backend.kind }, 'store closed');
    },
    eraseUser: (userHash) => guarded('eraseUser', () => backend.eraseUser(userHash)),
    pendingOutcomes: () => outbox?.size ?? 0,
    flushOutcomes: async () => (outbox ? outbox.flush() : 0),
    circuit: () => breaker.state,
  };
}
