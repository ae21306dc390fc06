/** PostgreSQL backend (`pg` pool): for several bot instances sharing one database (DATABASE_URL). */
import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';
import { DomainError } from '../core/errors';
import type { Outcome } from '../core/outcomes/outcome';
import { countersOf } from '../core/outcomes/statistics';
import type { ClaimResult, OutcomeFilter, UpdateResult } from '../core/ports';
import type { Session } from '../core/remediation/session';
import type { Backend } from './backend';
import { aggregatedRows, counterWrites, numbered, statsQueries } from './counters';
import { MIGRATIONS, pendingMigrations, type Migration } from './migrations';
import {
  outcomeColumns,
  outcomeFromRow,
  sessionColumns,
  sessionFromRow,
  type OutcomeColumns,
} from './records';

/** Any key: serialises the migrations of instances starting at the same time. */
const MIGRATION_LOCK_KEY = 4_711_001;

/** Network errors, and SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention). */
export function isPostgresUnavailable(error: unknown): boolean {
  // Not `instanceof Error`: errors from another realm (vm contexts, test runners) must classify the same.
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code)) return /^(08|53|57)/.test(code);
    return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)$/.test(
      code,
    );
  }
  const message = (error as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|not queryable/i.test(
      message,
    )
  );
}

/** host:port/database of a connection string, for messages: never the user or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres (unparsable DATABASE_URL)';
  }
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection is gone (that is usually why the work failed): drop it from the pool instead of reusing it.
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Adds (1) or subtracts (-1) one outcome's counters inside the caller's transaction. */
async function writeCounters(client: PoolClient, outcome: Outcome, sign: 1 | -1): Promise<void> {
  for (const write of counterWrites(countersOf(outcome), sign))
    await client.query(numbered(write.sql), write.params);
}

/** Migration 2: the counters of the records already there, read in pages of 1000. */
async function backfillCounters(client: PoolClient): Promise<void> {
  let after = 0;
  for (;;) {
    const { rows } = await client.query<{ seq: string; data: unknown }>(
      'SELECT seq, data FROM outcomes WHERE seq > $1 ORDER BY seq LIMIT 1000',
      [after],
    );
    for (const row of rows) await writeCounters(client, outcomeFromRow(row.data), 1);
    const last = rows[rows.length - 1];
    if (!last) return;
    after = Number(last.seq);
  }
}

/** Applies the missing migrations under an advisory lock, each with its version row, in one transaction. */
export async function migratePostgres(
  pool: Pool,
  where: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    // Migrations (and their backfill) may take longer than a turn's statement timeout.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM schema_migrations',
    );
    const applied: number[] = [];
    for (const migration of pendingMigrations(rows[0]?.version ?? 0, where, migrations)) {
      for (const statement of migration.postgres) await client.query(statement);
      if (migration.backfill === 'outcome-counters') await backfillCounters(client);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

export interface PostgresOptions {
  databaseUrl: string;
  logger: Logger;
  poolSize?: number;
  /** Opening a connection gives up after this (default 2000 ms). */
  connectTimeoutMs?: number;
  /** A statement is cancelled by the server, and abandoned by the client, after this (default 2000 ms). */
  statementTimeoutMs?: number;
  onMigrated?: (versions: number[]) => void;
}

export async function openPostgresBackend(options: PostgresOptions): Promise<Backend> {
  const where = describeDatabaseUrl(options.databaseUrl);
  const statementTimeoutMs = options.statementTimeoutMs ?? 2000;
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    idleTimeoutMillis: 30_000,
    // The server cancels a statement that runs longer (locks, a slow plan)... (0: never, for the CLI)
    statement_timeout: statementTimeoutMs,
    // ...and the client stops waiting a little later, even when the server is frozen or packets are dropped.
    query_timeout: statementTimeoutMs > 0 ? statementTimeoutMs + 500 : 0,
  });
  // An idle connection that the server closes (restart, failover) emits here; without a listener it would crash.
  pool.on('error', (error) => {
    options.logger.warn(
      { event: 'store_connection_lost', err: error, where },
      'idle PostgreSQL connection lost',
    );
  });
  try {
    const applied = await migratePostgres(pool, where);
    options.onMigrated?.(applied);
  } catch (error) {
    await pool.end();
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'STORE_UNAVAILABLE',
      `Cannot use the PostgreSQL database ${where}: ${(error as Error).message || String(error)}`,
      { where },
    );
  }
  return createPostgresBackend(pool, where);
}

const SESSION_VALUES =
  'id, version, entry_id, status, started_by, ended_by, tenant_id, updated_at, ended_at, data';

function sessionParams(session: Session): unknown[] {
  const c = sessionColumns(session);
  return [
    c.id,
    c.version,
    c.entry_id,
    c.status,
    c.started_by,
    c.ended_by,
    c.tenant_id,
    c.updated_at,
    c.ended_at,
    c.data,
  ];
}

const INSERT_OUTCOME = `INSERT INTO outcomes (session_id, entry_id, tenant_id, user_hash, ended_at, data)
  VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (session_id) DO NOTHING`;

const COMPLETE_CLAIM = `INSERT INTO activity_ledger (key, claimed_at, owner, lease_until, done_at)
  VALUES ($1, $2, $3, NULL, $2)
  ON CONFLICT (key) DO UPDATE SET done_at = COALESCE(activity_ledger.done_at, EXCLUDED.done_at)`;

function outcomeParams(c: OutcomeColumns): unknown[] {
  return [c.session_id, c.entry_id, c.tenant_id, c.user_hash, c.ended_at, c.data];
}

function createPostgresBackend(pool: Pool, where: string): Backend {
  let closed = false;
  const getSession = async (client: Pool | PoolClient, id: string): Promise<Session | undefined> => {
    const { rows } = await client.query<{ data: unknown }>('SELECT data FROM sessions WHERE id = $1', [id]);
    return rows[0] ? sessionFromRow(rows[0].data) : undefined;
  };

  return {
    kind: 'postgres',
    where,
    async createSession(session) {
      const params = sessionParams(session);
      try {
        await pool.query(
          `INSERT INTO sessions (${SESSION_VALUES}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
          params,
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw new DomainError('SESSION_CONFLICT', `session ${session.id} already exists`, {
            sessionId: session.id,
          });
        }
        throw error;
      }
    },
    async getSession(id) {
      return getSession(pool, id);
    },
    async updateSession(next, outcome, done) {
      const params = sessionParams(next);
      const outcomeRow = outcome ? outcomeColumns(outcome) : undefined;
      return inTransaction(pool, async (client): Promise<UpdateResult> => {
        // Row lock + version check in one statement: a concurrent writer waits, then sees the new version.
        const updated = await client.query(
          `UPDATE sessions SET version = $2, entry_id = $3, status = $4, started_by = $5, ended_by = $6,
             tenant_id = $7, updated_at = $8, ended_at = $9, data = $10
           WHERE id = $1 AND version = $2 - 1`,
          params,
        );
        if (updated.rowCount === 0) return { ok: false, current: await getSession(client, next.id) };
        if (outcomeRow && outcome) {
          const inserted = await client.query(INSERT_OUTCOME, outcomeParams(outcomeRow));
          if (inserted.rowCount === 1) await writeCounters(client, outcome, 1);
        }
        if (done) await client.query(COMPLETE_CLAIM, [done.key, done.at.toISOString(), done.owner]);
        return { ok: true };
      });
    },
    async purgeFinished(endedBefore) {
      const result = await pool.query(`DELETE FROM sessions WHERE status <> 'active' AND ended_at < $1`, [
        endedBefore.toISOString(),
      ]);
      return result.rowCount ?? 0;
    },
    async appendOutcome(outcome) {
      const params = outcomeParams(outcomeColumns(outcome));
      return inTransaction(pool, async (client) => {
        const result = await client.query(INSERT_OUTCOME, params);
        if (result.rowCount !== 1) return false;
        await writeCounters(client, outcome, 1);
        return true;
      });
    },
    async outcomeCounters(filter) {
      const q = statsQueries(filter);
      const [entries, steps, buckets] = await Promise.all([
        pool.query(numbered(q.entries), q.params),
        pool.query(numbered(q.steps), q.params),
        pool.query(numbered(q.fixBuckets), q.params),
      ]);
      return aggregatedRows(entries.rows, steps.rows, buckets.rows);
    },
    async listOutcomes(filter: OutcomeFilter = {}) {
      const where: string[] = [];
      const params: string[] = [];
      const add = (sql: string, value: string) => {
        params.push(value);
        where.push(`${sql} $${params.length}`);
      };
      if (filter.entryId !== undefined) add('entry_id =', filter.entryId);
      if (filter.tenantId !== undefined) add('tenant_id =', filter.tenantId);
      if (filter.since !== undefined) add('ended_at >=', filter.since.toISOString());
      const { rows } = await pool.query<{ data: unknown }>(
        `SELECT data FROM outcomes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`,
        params,
      );
      return rows.map((row) => outcomeFromRow(row.data));
    },
    async eraseUser(userHash) {
      return inTransaction(pool, async (client) => {
        const erased = await client.query<{ data: unknown }>(
          'SELECT data FROM outcomes WHERE user_hash = $1 FOR UPDATE',
          [userHash],
        );
        for (const row of erased.rows) await writeCounters(client, outcomeFromRow(row.data), -1);
        const outcomes = await client.query('DELETE FROM outcomes WHERE user_hash = $1', [userHash]);
        const sessions = await client.query('DELETE FROM sessions WHERE started_by = $1 OR ended_by = $1', [
          userHash,
        ]);
        return { outcomes: outcomes.rowCount ?? 0, sessions: sessions.rowCount ?? 0 };
      });
    },
    async claim(key, owner, at, leaseMs): Promise<ClaimResult> {
      const until = new Date(at.getTime() + leaseMs).toISOString();
      const claimed = await pool.query(
        `INSERT INTO activity_ledger (key, claimed_at, owner, lease_until, done_at) VALUES ($1, $2, $3, $4, NULL)
         ON CONFLICT (key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at, owner = EXCLUDED.owner,
           lease_until = EXCLUDED.lease_until
         WHERE activity_ledger.done_at IS NULL
           AND (activity_ledger.lease_until IS NULL OR activity_ledger.lease_until <= EXCLUDED.claimed_at)`,
        [key, at.toISOString(), owner, until],
      );
      if (claimed.rowCount === 1) return { status: 'claimed' };
      const { rows } = await pool.query<{ lease_until: Date | null; done_at: Date | null }>(
        'SELECT lease_until, done_at FROM activity_ledger WHERE key = $1',
        [key],
      );
      const row = rows[0];
      if (!row || row.done_at !== null) return { status: 'done' };
      return { status: 'held', until: row.lease_until ?? at };
    },
    async extend(key, owner, at, leaseMs) {
      const result = await pool.query(
        `UPDATE activity_ledger SET lease_until = $3
         WHERE key = $1 AND owner = $2 AND done_at IS NULL AND lease_until IS NOT NULL`,
        [key, owner, new Date(at.getTime() + leaseMs).toISOString()],
      );
      return result.rowCount === 1;
    },
    async complete(key, owner, at) {
      await pool.query(COMPLETE_CLAIM, [key, at.toISOString(), owner]);
    },
    async release(key, owner) {
      await pool.query(
        `UPDATE activity_ledger SET lease_until = NULL, owner = NULL
         WHERE key = $1 AND owner = $2 AND done_at IS NULL`,
        [key, owner],
      );
    },
    async purgeLedger(before) {
      const result = await pool.query('DELETE FROM activity_ledger WHERE claimed_at < $1', [
        before.toISOString(),
      ]);
      return result.rowCount ?? 0;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
    isUnavailable: isPostgresUnavailable,
  };
}
