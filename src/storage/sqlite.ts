/** SQLite backend (better-sqlite3): one file, WAL, synchronous=NORMAL; the default for a single bot instance. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DomainError } from '../core/errors';
import type { Outcome } from '../core/outcomes/outcome';
import { countersOf } from '../core/outcomes/statistics';
import type { ClaimResult, OutcomeFilter, TurnDone, UpdateResult } from '../core/ports';
import type { Session } from '../core/remediation/session';
import type { Backend, ErasedCounts } from './backend';
import { aggregatedRows, COUNTER_SQL, counterWrites, statsQueries } from './counters';
import { pendingMigrations, type Migration, MIGRATIONS } from './migrations';
import { outcomeColumns, outcomeFromRow, sessionColumns, sessionFromRow } from './records';

/** SQLite result codes that mean the file cannot be used right now (locked, disk full, I/O error, read-only). */
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOTADB|CORRUPT|PROTOCOL)/;

export function isSqliteUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.test(code);
}

function unavailable(file: string, error: unknown): DomainError {
  return new DomainError(
    'STORE_UNAVAILABLE',
    `Cannot open the SQLite database ${file}: ${(error as Error).message}`,
    {
      file,
    },
  );
}

/** Adds (1) or subtracts (-1) an outcome's counters; statements prepared once per database handle. */
function sqliteCounterWriter(db: Database.Database): (outcome: Outcome, sign: 1 | -1) => void {
  const prepared = new Map<string, Database.Statement>(
    Object.values(COUNTER_SQL).map((sql) => [sql, db.prepare(sql)]),
  );
  return (outcome, sign) => {
    for (const write of counterWrites(countersOf(outcome), sign))
      prepared.get(write.sql)?.run(...write.params);
  };
}

function schemaVersion(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/** Applies the missing migrations in one write transaction; refuses a newer schema. Returns the versions applied. */
export function migrateSqlite(
  db: Database.Database,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const applied: number[] = [];
  db.transaction(() => {
    for (const migration of pendingMigrations(schemaVersion(db), file, migrations)) {
      for (const statement of migration.sqlite) db.exec(statement);
      if (migration.backfill === 'outcome-counters') {
        const add = sqliteCounterWriter(db);
        for (const row of db.prepare('SELECT data FROM outcomes ORDER BY seq').iterate() as Iterable<{
          data: string;
        }>)
          add(outcomeFromRow(row.data), 1);
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      applied.push(migration.version);
    }
  }).immediate();
  return applied;
}

export interface SqliteOptions {
  file: string;
  /** How long a write waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
  onMigrated?: (versions: number[]) => void;
}

export async function openSqliteBackend(options: SqliteOptions): Promise<Backend> {
  const { file } = options;
  let db: Database.Database;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
  } catch (error) {
    throw unavailable(file, error);
  }
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL with WAL: a committed transaction survives a crash (kill -9) of the process; only a power loss
    // of the machine can lose the last transactions. FULL would fsync on every commit, once per inbound
    // activity (the ledger claim), and cap the bot at ~140 activities/s on this machine (npm run bench:http).
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    const applied = migrateSqlite(db, file);
    options.onMigrated?.(applied);
  } catch (error) {
    db.close();
    if (error instanceof DomainError) throw error;
    throw unavailable(file, error);
  }
  return createSqliteBackend(db, file);
}

/** An in-memory database (tests, benchmarks): the same backend over SQLite's `:memory:`, opened synchronously. */
export function openSqliteMemoryBackend(): { backend: Backend; db: Database.Database } {
  const db = new Database(':memory:');
  migrateSqlite(db, ':memory:');
  return { backend: createSqliteBackend(db, ':memory:'), db };
}

function createSqliteBackend(db: Database.Database, file: string): Backend {
  const statements = {
    insertSession: db.prepare(`INSERT INTO sessions
      (id, version, entry_id, status, started_by, ended_by, tenant_id, updated_at, ended_at, data)
      VALUES (@id, @version, @entry_id, @status, @started_by, @ended_by, @tenant_id, @updated_at, @ended_at, @data)`),
    getSession: db.prepare('SELECT data FROM sessions WHERE id = ?'),
    updateSession: db.prepare(`UPDATE sessions SET version = @version, entry_id = @entry_id, status = @status,
      started_by = @started_by, ended_by = @ended_by, tenant_id = @tenant_id, updated_at = @updated_at,
      ended_at = @ended_at, data = @data
      WHERE id = @id AND version = @version - 1`),
    purgeFinished: db.prepare(`DELETE FROM sessions WHERE status <> 'active' AND ended_at < ?`),
    insertOutcome:
      db.prepare(`INSERT INTO outcomes (session_id, entry_id, tenant_id, user_hash, ended_at, data)
      VALUES (@session_id, @entry_id, @tenant_id, @user_hash, @ended_at, @data)
      ON CONFLICT (session_id) DO NOTHING`),
    userOutcomes: db.prepare('SELECT data FROM outcomes WHERE user_hash = ?'),
    eraseOutcomes: db.prepare('DELETE FROM outcomes WHERE user_hash = ?'),
    eraseSessions: db.prepare('DELETE FROM sessions WHERE started_by = ? OR ended_by = ?'),
    claim: db.prepare(`INSERT INTO activity_ledger (key, claimed_at, owner, lease_until, done_at)
      VALUES (@key, @at, @owner, @until, NULL)
      ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, owner = excluded.owner,
        lease_until = excluded.lease_until
      WHERE activity_ledger.done_at IS NULL
        AND (activity_ledger.lease_until IS NULL OR activity_ledger.lease_until <= excluded.claimed_at)`),
    claimState: db.prepare('SELECT lease_until, done_at FROM activity_ledger WHERE key = ?'),
    complete: db.prepare(`INSERT INTO activity_ledger (key, claimed_at, owner, lease_until, done_at)
      VALUES (@key, @at, @owner, NULL, @at)
      ON CONFLICT (key) DO UPDATE SET done_at = COALESCE(activity_ledger.done_at, excluded.done_at)`),
    extend: db.prepare(`UPDATE activity_ledger SET lease_until = @until
      WHERE key = @key AND owner = @owner AND done_at IS NULL AND lease_until IS NOT NULL`),
    release: db.prepare(`UPDATE activity_ledger SET lease_until = NULL, owner = NULL
      WHERE key = ? AND owner = ? AND done_at IS NULL`),
    purgeLedger: db.prepare('DELETE FROM activity_ledger WHERE claimed_at < ?'),
    ping: db.prepare('SELECT 1'),
  };

  const currentSession = (id: string): Session | undefined => {
    const row = statements.getSession.get(id) as { data: string } | undefined;
    return row ? sessionFromRow(row.data) : undefined;
  };

  const addCounters = sqliteCounterWriter(db);
  const insertOutcome = (outcome: Outcome): boolean => {
    const added = statements.insertOutcome.run(outcomeColumns(outcome)).changes === 1;
    if (added) addCounters(outcome, 1);
    return added;
  };
  const append = db.transaction(insertOutcome);

  const update = db.transaction((next: Session, outcome?: Outcome, done?: TurnDone): UpdateResult => {
    const changed = statements.updateSession.run(sessionColumns(next)).changes;
    if (changed === 0) return { ok: false, current: currentSession(next.id) };
    if (outcome) insertOutcome(outcome);
    if (done) statements.complete.run({ key: done.key, owner: done.owner, at: done.at.toISOString() });
    return { ok: true };
  });

  const erase = db.transaction((userHash: string): ErasedCounts => {
    for (const row of statements.userOutcomes.all(userHash) as { data: string }[])
      addCounters(outcomeFromRow(row.data), -1);
    return {
      outcomes: statements.eraseOutcomes.run(userHash).changes,
      sessions: statements.eraseSessions.run(userHash, userHash).changes,
    };
  });

  /** Statements of the filter shapes (at most 8 each), prepared the first time a shape is used. */
  const preparedByShape = new Map<string, Database.Statement>();
  const preparedFor = (sql: string): Database.Statement => {
    let statement = preparedByShape.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      preparedByShape.set(sql, statement);
    }
    return statement;
  };

  return {
    kind: 'sqlite',
    where: file,
    async createSession(session) {
      const columns = sessionColumns(session);
      try {
        statements.insertSession.run(columns);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new DomainError('SESSION_CONFLICT', `session ${session.id} already exists`, {
            sessionId: session.id,
          });
        }
        throw error;
      }
    },
    async getSession(id) {
      return currentSession(id);
    },
    async updateSession(next, outcome, done) {
      // Immediate: take the write lock before reading, so two processes never both see the old version.
      return update.immediate(next, outcome, done);
    },
    async purgeFinished(endedBefore) {
      return statements.purgeFinished.run(endedBefore.toISOString()).changes;
    },
    async appendOutcome(outcome) {
      return append.immediate(outcome);
    },
    async outcomeCounters(filter) {
      const q = statsQueries(filter);
      return aggregatedRows(
        preparedFor(q.entries).all(...q.params) as never,
        preparedFor(q.steps).all(...q.params) as never,
        preparedFor(q.fixBuckets).all(...q.params) as never,
      );
    },
    async listOutcomes(filter: OutcomeFilter = {}) {
      const where: string[] = [];
      const params: string[] = [];
      if (filter.entryId !== undefined) {
        where.push('entry_id = ?');
        params.push(filter.entryId);
      }
      if (filter.tenantId !== undefined) {
        where.push('tenant_id = ?');
        params.push(filter.tenantId);
      }
      if (filter.since !== undefined) {
        where.push('ended_at >= ?');
        params.push(filter.since.toISOString());
      }
      const sql = `SELECT data FROM outcomes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;
      return (preparedFor(sql).all(...params) as { data: string }[]).map((row) => outcomeFromRow(row.data));
    },
    async eraseUser(userHash) {
      return erase.immediate(userHash);
    },
    async claim(key, owner, at, leaseMs): Promise<ClaimResult> {
      const until = new Date(at.getTime() + leaseMs).toISOString();
      if (statements.claim.run({ key, at: at.toISOString(), owner, until }).changes === 1)
        return { status: 'claimed' };
      const row = statements.claimState.get(key) as { lease_until: string | null; done_at: string | null };
      if (row.done_at !== null) return { status: 'done' };
      return { status: 'held', until: new Date(row.lease_until ?? at.toISOString()) };
    },
    async extend(key, owner, at, leaseMs) {
      const until = new Date(at.getTime() + leaseMs).toISOString();
      return statements.extend.run({ key, owner, until }).changes === 1;
    },
    async complete(key, owner, at) {
      statements.complete.run({ key, owner, at: at.toISOString() });
    },
    async release(key, owner) {
      statements.release.run(key, owner);
    },
    async purgeLedger(before) {
      return statements.purgeLedger.run(before.toISOString()).changes;
    },
    async ping() {
      statements.ping.get();
    },
    async close() {
      if (db.open) db.close();
    },
    isUnavailable: isSqliteUnavailable,
  };
}
