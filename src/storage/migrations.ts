/**
 * Versioned schema migrations, one list for both dialects. A database records the versions applied in
 * `schema_migrations`; start-up applies the missing ones in order and refuses a database newer than this list.
 * Never edit a released migration: add the next version.
 */
import { DomainError } from '../core/errors';

export interface Migration {
  version: number;
  name: string;
  sqlite: readonly string[];
  postgres: readonly string[];
  /** Filled in code after the statements, in the same transaction (counters computed from existing records). */
  backfill?: 'outcome-counters';
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions, outcomes, activity ledger',
    sqlite: [
      `CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        entry_id TEXT NOT NULL,
        status TEXT NOT NULL,
        started_by TEXT NOT NULL,
        ended_by TEXT,
        tenant_id TEXT,
        updated_at TEXT NOT NULL,
        ended_at TEXT,
        data TEXT NOT NULL
      )`,
      `CREATE INDEX sessions_finished ON sessions (ended_at) WHERE status <> 'active'`,
      `CREATE INDEX sessions_started_by ON sessions (started_by)`,
      `CREATE INDEX sessions_ended_by ON sessions (ended_by)`,
      `CREATE TABLE outcomes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL UNIQUE,
        entry_id TEXT NOT NULL,
        tenant_id TEXT,
        user_hash TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        data TEXT NOT NULL
      )`,
      `CREATE INDEX outcomes_entry ON outcomes (entry_id)`,
      `CREATE INDEX outcomes_user ON outcomes (user_hash)`,
      `CREATE INDEX outcomes_ended_at ON outcomes (ended_at)`,
      `CREATE TABLE activity_ledger (
        key TEXT PRIMARY KEY,
        claimed_at TEXT NOT NULL
      )`,
      `CREATE INDEX activity_ledger_claimed_at ON activity_ledger (claimed_at)`,
    ],
    postgres: [
      `CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        entry_id TEXT NOT NULL,
        status TEXT NOT NULL,
        started_by TEXT NOT NULL,
        ended_by TEXT,
        tenant_id TEXT,
        updated_at TIMESTAMPTZ NOT NULL,
        ended_at TIMESTAMPTZ,
        data JSONB NOT NULL
      )`,
      `CREATE INDEX sessions_finished ON sessions (ended_at) WHERE status <> 'active'`,
      `CREATE INDEX sessions_started_by ON sessions (started_by)`,
      `CREATE INDEX sessions_ended_by ON sessions (ended_by)`,
      `CREATE TABLE outcomes (
        seq BIGSERIAL PRIMARY KEY,
        session_id TEXT NOT NULL UNIQUE,
        entry_id TEXT NOT NULL,
        tenant_id TEXT,
        user_hash TEXT NOT NULL,
        ended_at TIMESTAMPTZ NOT NULL,
        data JSONB NOT NULL
      )`,
      `CREATE INDEX outcomes_entry ON outcomes (entry_id)`,
      `CREATE INDEX outcomes_user ON outcomes (user_hash)`,
      `CREATE INDEX outcomes_ended_at ON outcomes (ended_at)`,
      `CREATE TABLE activity_ledger (
        key TEXT PRIMARY KEY,
        claimed_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE INDEX activity_ledger_claimed_at ON activity_ledger (claimed_at)`,
    ],
  },
  {
    version: 2,
    name: 'activity claims with a lease; outcome counters per tenant, entry, step and time-to-fix bucket',
    sqlite: [
      `ALTER TABLE activity_ledger ADD COLUMN owner TEXT`,
      `ALTER TABLE activity_ledger ADD COLUMN lease_until TEXT`,
      `ALTER TABLE activity_ledger ADD COLUMN done_at TEXT`,
      // Keys claimed under version 1 were claimed before the work and never released: treat them as done.
      `UPDATE activity_ledger SET done_at = claimed_at`,
      `CREATE TABLE outcome_entry_counts (
        tenant_key TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        sessions INTEGER NOT NULL,
        resolved INTEGER NOT NULL,
        exhausted INTEGER NOT NULL,
        escalated INTEGER NOT NULL,
        PRIMARY KEY (tenant_key, entry_id)
      )`,
      `CREATE TABLE outcome_step_counts (
        tenant_key TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        tried INTEGER NOT NULL,
        resolved INTEGER NOT NULL,
        PRIMARY KEY (tenant_key, entry_id, step_id)
      )`,
      `CREATE TABLE outcome_fix_buckets (
        tenant_key TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (tenant_key, entry_id, bucket)
      )`,
    ],
    postgres: [
      `ALTER TABLE activity_ledger ADD COLUMN owner TEXT`,
      `ALTER TABLE activity_ledger ADD COLUMN lease_until TIMESTAMPTZ`,
      `ALTER TABLE activity_ledger ADD COLUMN done_at TIMESTAMPTZ`,
      `UPDATE activity_ledger SET done_at = claimed_at`,
      `CREATE TABLE outcome_entry_counts (
        tenant_key TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        sessions BIGINT NOT NULL,
        resolved BIGINT NOT NULL,
        exhausted BIGINT NOT NULL,
        escalated BIGINT NOT NULL,
        PRIMARY KEY (tenant_key, entry_id)
      )`,
      `CREATE TABLE outcome_step_counts (
        tenant_key TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        tried BIGINT NOT NULL,
        resolved BIGINT NOT NULL,
        PRIMARY KEY (tenant_key, entry_id, step_id)
      )`,
      `CREATE TABLE outcome_fix_buckets (
        tenant_key TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (tenant_key, entry_id, bucket)
      )`,
    ],
    backfill: 'outcome-counters',
  },
];

export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** The migrations a database at `currentVersion` still needs, in order; refuses a schema newer than the code. */
export function pendingMigrations(
  currentVersion: number,
  where: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Migration[] {
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  if (currentVersion > latest) {
    throw new DomainError(
      'SCHEMA_TOO_NEW',
      `The database at ${where} has schema version ${currentVersion}, but this version of Remedy knows only up to ` +
        `${latest}. It was written by a newer Remedy: upgrade Remedy (or point it at another database).`,
      { schemaVersion: currentVersion, knownVersion: latest },
    );
  }
  return migrations.filter((m) => m.version > currentVersion).sort((a, b) => a.version - b.version);
}
