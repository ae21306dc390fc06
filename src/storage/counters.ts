/**
 * The outcome counter tables (migration 2), one SQL text for both dialects (`?` placeholders; PostgreSQL's
 * `$n` are derived). Each new outcome adds its counters in the transaction that inserts it; an erased one
 * subtracts them. Statistics read the sums, so their cost does not grow with the number of records.
 */
import type { AggregatedRows, OutcomeCounters } from '../core/outcomes/statistics';

export interface CounterWrite {
  sql: string;
  params: Array<string | number>;
}

const ENTRY_UPSERT = `INSERT INTO outcome_entry_counts (tenant_key, entry_id, sessions, resolved, exhausted, escalated)
  VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (tenant_key, entry_id) DO UPDATE SET
    sessions = outcome_entry_counts.sessions + EXCLUDED.sessions,
    resolved = outcome_entry_counts.resolved + EXCLUDED.resolved,
    exhausted = outcome_entry_counts.exhausted + EXCLUDED.exhausted,
    escalated = outcome_entry_counts.escalated + EXCLUDED.escalated`;

const STEP_UPSERT = `INSERT INTO outcome_step_counts (tenant_key, entry_id, step_id, tried, resolved)
  VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (tenant_key, entry_id, step_id) DO UPDATE SET
    tried = outcome_step_counts.tried + EXCLUDED.tried,
    resolved = outcome_step_counts.resolved + EXCLUDED.resolved`;

const BUCKET_UPSERT = `INSERT INTO outcome_fix_buckets (tenant_key, entry_id, bucket, n)
  VALUES (?, ?, ?, ?)
  ON CONFLICT (tenant_key, entry_id, bucket) DO UPDATE SET n = outcome_fix_buckets.n + EXCLUDED.n`;

export const COUNTER_SQL = { ENTRY_UPSERT, STEP_UPSERT, BUCKET_UPSERT } as const;

/** The writes that add (sign 1) or remove (sign -1) one outcome's counters. */
export function counterWrites(c: OutcomeCounters, sign: 1 | -1): CounterWrite[] {
  const writes: CounterWrite[] = [
    {
      sql: ENTRY_UPSERT,
      params: [
        c.tenantKey,
        c.entryId,
        sign,
        c.kind === 'resolved' ? sign : 0,
        c.kind === 'exhausted' ? sign : 0,
        c.kind === 'escalated' ? sign : 0,
      ],
    },
  ];
  for (const step of c.steps) {
    writes.push({
      sql: STEP_UPSERT,
      params: [c.tenantKey, c.entryId, step.stepId, sign, step.resolved * sign],
    });
  }
  if (c.fixBucket !== undefined)
    writes.push({ sql: BUCKET_UPSERT, params: [c.tenantKey, c.entryId, c.fixBucket, sign] });
  return writes;
}

export interface StatsQueries {
  entries: string;
  steps: string;
  fixBuckets: string;
  params: string[];
}

/** The three sums for a tenant and/or entry filter (`?` placeholders). */
export function statsQueries(filter: { tenantId?: string; entryId?: string }): StatsQueries {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.tenantId !== undefined) {
    where.push('tenant_key = ?');
    params.push(filter.tenantId);
  }
  if (filter.entryId !== undefined) {
    where.push('entry_id = ?');
    params.push(filter.entryId);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    entries: `SELECT entry_id, SUM(sessions) AS sessions, SUM(resolved) AS resolved, SUM(exhausted) AS exhausted,
      SUM(escalated) AS escalated FROM outcome_entry_counts ${clause} GROUP BY entry_id`,
    steps: `SELECT entry_id, step_id, SUM(tried) AS tried, SUM(resolved) AS resolved FROM outcome_step_counts
      ${clause} GROUP BY entry_id, step_id`,
    fixBuckets: `SELECT entry_id, bucket, SUM(n) AS n FROM outcome_fix_buckets ${clause} GROUP BY entry_id, bucket`,
    params,
  };
}

type Num = number | string | bigint | null;

/** Rows of the three sums → AggregatedRows (PostgreSQL returns BIGINT sums as strings). */
export function aggregatedRows(
  entries: Array<{ entry_id: string; sessions: Num; resolved: Num; exhausted: Num; escalated: Num }>,
  steps: Array<{ entry_id: string; step_id: string; tried: Num; resolved: Num }>,
  fixBuckets: Array<{ entry_id: string; bucket: Num; n: Num }>,
): AggregatedRows {
  const n = (value: Num): number => Number(value ?? 0);
  return {
    entries: entries.map((r) => ({
      entryId: r.entry_id,
      sessions: n(r.sessions),
      resolved: n(r.resolved),
      exhausted: n(r.exhausted),
      escalated: n(r.escalated),
    })),
    steps: steps.map((r) => ({
      entryId: r.entry_id,
      stepId: r.step_id,
      tried: n(r.tried),
      resolved: n(r.resolved),
    })),
    fixBuckets: fixBuckets.map((r) => ({ entryId: r.entry_id, bucket: n(r.bucket), count: n(r.n) })),
  };
}

/** `?` placeholders → `$1, $2, ...` (PostgreSQL). */
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}
