/**
 * Statistics of outcome records: how often each entry's sessions end resolved, which step fixed it ("Step 3
 * fixed this 7 of 10 times" = that step's resolved / tried) and how long a fix takes. Pure.
 *
 * The stores keep these as counters (per tenant, entry, step and time-to-fix bucket), updated in the same
 * transaction as the outcome they count, so reading them costs the same with 1 or 1,000,000 records. This module
 * defines those counters (`countersOf` — what one outcome adds) and shapes summed counters into `EntryStats`.
 * `computeStats(outcomes)` is the same two steps over records in memory.
 */
import type { Outcome } from './outcome';

export interface StepStats {
  stepId: string;
  /** Sessions in which the step was shown (listed in stepsTried or being the resolving step). */
  tried: number;
  /** Sessions that this step resolved. */
  resolved: number;
}

export interface EntryStats {
  entryId: string;
  sessions: number;
  resolved: number;
  exhausted: number;
  escalated: number;
  /** resolved / sessions, in [0, 1]. */
  resolutionRate: number;
  /** Ordered by resolved (desc), then tried (desc), then stepId. */
  steps: StepStats[];
  /**
   * Median of endedAt - pastedAt over resolved sessions with valid timestamps, from ~2 % wide duration buckets
   * (so within 2 % of the exact median); absent when there are none.
   */
  medianTimeToFixMs?: number;
}

/** Summed counters of one entry (a row of the entry counter table, summed over tenants when unfiltered). */
export interface EntryCountRow {
  entryId: string;
  sessions: number;
  resolved: number;
  exhausted: number;
  escalated: number;
}

export interface StepCountRow {
  entryId: string;
  stepId: string;
  tried: number;
  resolved: number;
}

export interface FixBucketRow {
  entryId: string;
  bucket: number;
  count: number;
}

export interface AggregatedRows {
  entries: EntryCountRow[];
  steps: StepCountRow[];
  fixBuckets: FixBucketRow[];
}

/** What one outcome adds to the counters (or removes, when it is erased). */
export interface OutcomeCounters {
  entryId: string;
  tenantKey: string;
  kind: Outcome['outcome'];
  /** Each shown step once, with 1 when it resolved the session. */
  steps: Array<{ stepId: string; resolved: 0 | 1 }>;
  /** Time-to-fix bucket (resolved sessions with valid timestamps only). */
  fixBucket?: number;
}

/** Bucket width: a bucket spans [B^n, B^(n+1)) milliseconds. */
const BUCKET_BASE = 1.02;
const LOG_BASE = Math.log(BUCKET_BASE);

export function fixBucketOf(durationMs: number): number {
  return durationMs < 1 ? 0 : Math.floor(Math.log(durationMs) / LOG_BASE) + 1;
}

/** A representative duration of a bucket: the geometric middle of its range. */
export function bucketMidpointMs(bucket: number): number {
  return bucket === 0 ? 0 : Math.round(Math.pow(BUCKET_BASE, bucket - 1 + 0.5));
}

/** Outcomes without a tenant are counted under this key. */
export const NO_TENANT = '';

export function countersOf(outcome: Outcome): OutcomeCounters {
  // A step counts once per session even if it was shown twice (the user went back to it).
  const fixedBy = outcome.outcome === 'resolved' ? outcome.resolvedStepId : undefined;
  const shown = new Set(outcome.stepsTried);
  if (fixedBy !== undefined) shown.add(fixedBy);
  const counters: OutcomeCounters = {
    entryId: outcome.entryId,
    tenantKey: outcome.tenantId ?? NO_TENANT,
    kind: outcome.outcome,
    steps: [...shown].map((stepId) => ({ stepId, resolved: stepId === fixedBy ? 1 : 0 })),
  };
  if (fixedBy !== undefined) {
    const durationMs = Date.parse(outcome.endedAt) - Date.parse(outcome.pastedAt);
    // A missing/unparsable timestamp or a clock running backwards says nothing about time-to-fix.
    if (Number.isFinite(durationMs) && durationMs >= 0) counters.fixBucket = fixBucketOf(durationMs);
  }
  return counters;
}

function compareSteps(a: StepStats, b: StepStats): number {
  return b.resolved - a.resolved || b.tried - a.tried || a.stepId.localeCompare(b.stepId);
}

function medianOfBuckets(buckets: FixBucketRow[]): number | undefined {
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return undefined;
  const sorted = [...buckets].filter((b) => b.count > 0).sort((a, b) => a.bucket - b.bucket);
  // The lower and upper middle (equal for an odd count), averaged like an exact median.
  const at = (rank: number): number => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (seen > rank) return bucketMidpointMs(b.bucket);
    }
    return bucketMidpointMs((sorted[sorted.length - 1] as FixBucketRow).bucket);
  };
  const lower = at(Math.floor((total - 1) / 2));
  const upper = at(Math.floor(total / 2));
  return (lower + upper) / 2;
}

/** Summed counter rows → statistics per entry, the entries with most sessions first (ties by entryId). */
export function shapeStats(rows: AggregatedRows): EntryStats[] {
  const steps = new Map<string, StepStats[]>();
  for (const row of rows.steps) {
    const list = steps.get(row.entryId) ?? [];
    if (row.tried > 0 || row.resolved > 0)
      list.push({ stepId: row.stepId, tried: row.tried, resolved: row.resolved });
    steps.set(row.entryId, list);
  }
  const buckets = new Map<string, FixBucketRow[]>();
  for (const row of rows.fixBuckets) buckets.set(row.entryId, [...(buckets.get(row.entryId) ?? []), row]);
  return rows.entries
    .filter((row) => row.sessions > 0)
    .map((row) => {
      const stats: EntryStats = {
        entryId: row.entryId,
        sessions: row.sessions,
        resolved: row.resolved,
        exhausted: row.exhausted,
        escalated: row.escalated,
        resolutionRate: row.sessions === 0 ? 0 : row.resolved / row.sessions,
        steps: (steps.get(row.entryId) ?? []).sort(compareSteps),
      };
      const medianMs = medianOfBuckets(buckets.get(row.entryId) ?? []);
      if (medianMs !== undefined) stats.medianTimeToFixMs = medianMs;
      return stats;
    })
    .sort((a, b) => b.sessions - a.sessions || a.entryId.localeCompare(b.entryId));
}

/** Sums the counters of records in memory (the stores do the same in SQL, incrementally). */
export function aggregate(outcomes: Iterable<Outcome>): AggregatedRows {
  const entries = new Map<string, EntryCountRow>();
  const steps = new Map<string, StepCountRow>();
  const fixBuckets = new Map<string, FixBucketRow>();
  for (const outcome of outcomes) {
    const c = countersOf(outcome);
    let entry = entries.get(c.entryId);
    if (!entry) {
      entry = { entryId: c.entryId, sessions: 0, resolved: 0, exhausted: 0, escalated: 0 };
      entries.set(c.entryId, entry);
    }
    entry.sessions += 1;
    entry[c.kind] += 1;
    for (const step of c.steps) {
      const key = `${c.entryId}\u0000${step.stepId}`;
      let row = steps.get(key);
      if (!row) {
        row = { entryId: c.entryId, stepId: step.stepId, tried: 0, resolved: 0 };
        steps.set(key, row);
      }
      row.tried += 1;
      row.resolved += step.resolved;
    }
    if (c.fixBucket !== undefined) {
      const key = `${c.entryId}\u0000${c.fixBucket}`;
      const row = fixBuckets.get(key) ?? { entryId: c.entryId, bucket: c.fixBucket, count: 0 };
      row.count += 1;
      fixBuckets.set(key, row);
    }
  }
  return { entries: [...entries.values()], steps: [...steps.values()], fixBuckets: [...fixBuckets.values()] };
}

/** Statistics per entry, the entries with most sessions first (ties by entryId). */
export function computeStats(outcomes: readonly Outcome[]): EntryStats[] {
  return shapeStats(aggregate(outcomes));
}

/** Statistics of one entry, or undefined when it has no outcome yet. */
export function statsFor(outcomes: readonly Outcome[], entryId: string): EntryStats | undefined {
  return computeStats(outcomes.filter((outcome) => outcome.entryId === entryId))[0];
}

/** Share of the sessions that showed a step in which that step fixed the problem, in [0, 1]. */
export function stepSuccessRate(step: StepStats): number {
  return step.tried === 0 ? 0 : step.resolved / step.tried;
}

/**
 * The step that usually works ("Jump to the step that usually works"): the step that resolved most sessions,
 * at least `minResolved` of them; between equals the one with the better success rate, then the earlier listed.
 */
export function usualFix(stats: EntryStats, minResolved = 2): StepStats | undefined {
  let best: StepStats | undefined;
  for (const step of stats.steps) {
    if (step.resolved < minResolved || step.resolved === 0) continue;
    if (
      !best ||
      step.resolved > best.resolved ||
      (step.resolved === best.resolved && stepSuccessRate(step) > stepSuccessRate(best))
    ) {
      best = step;
    }
  }
  return best;
}
