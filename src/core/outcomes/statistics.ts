/**
 * Statistics computed from outcome records: how often each entry's sessions end resolved, which step fixed it
 * ("Step 3 fixed this 7 of 10 times" = that step's resolved / tried) and how long a fix takes. Pure.
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
  /** Median of endedAt - pastedAt over resolved sessions with valid timestamps; absent when there are none. */
  medianTimeToFixMs?: number;
}

interface EntryAccumulator {
  entryId: string;
  sessions: number;
  resolved: number;
  exhausted: number;
  escalated: number;
  steps: Map<string, StepStats>;
  fixDurationsMs: number[];
}

function newAccumulator(entryId: string): EntryAccumulator {
  return {
    entryId,
    sessions: 0,
    resolved: 0,
    exhausted: 0,
    escalated: 0,
    steps: new Map(),
    fixDurationsMs: [],
  };
}

function stepOf(acc: EntryAccumulator, stepId: string): StepStats {
  let step = acc.steps.get(stepId);
  if (!step) {
    step = { stepId, tried: 0, resolved: 0 };
    acc.steps.set(stepId, step);
  }
  return step;
}

function addOutcome(acc: EntryAccumulator, outcome: Outcome): void {
  acc.sessions += 1;
  acc[outcome.outcome] += 1;
  // A step counts once per session even if it was shown twice (the user went back to it).
  const shown = new Set(outcome.stepsTried);
  const fixedBy = outcome.outcome === 'resolved' ? outcome.resolvedStepId : undefined;
  if (fixedBy !== undefined) shown.add(fixedBy);
  for (const stepId of shown) stepOf(acc, stepId).tried += 1;
  if (fixedBy !== undefined) {
    stepOf(acc, fixedBy).resolved += 1;
    const durationMs = Date.parse(outcome.endedAt) - Date.parse(outcome.pastedAt);
    // A missing/unparsable timestamp or a clock running backwards says nothing about time-to-fix.
    if (Number.isFinite(durationMs) && durationMs >= 0) acc.fixDurationsMs.push(durationMs);
  }
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

function compareSteps(a: StepStats, b: StepStats): number {
  return b.resolved - a.resolved || b.tried - a.tried || a.stepId.localeCompare(b.stepId);
}

function finish(acc: EntryAccumulator): EntryStats {
  const stats: EntryStats = {
    entryId: acc.entryId,
    sessions: acc.sessions,
    resolved: acc.resolved,
    exhausted: acc.exhausted,
    escalated: acc.escalated,
    resolutionRate: acc.sessions === 0 ? 0 : acc.resolved / acc.sessions,
    steps: [...acc.steps.values()].sort(compareSteps),
  };
  const medianMs = median(acc.fixDurationsMs);
  if (medianMs !== undefined) stats.medianTimeToFixMs = medianMs;
  return stats;
}

/** Statistics per entry, the entries with most sessions first (ties by entryId). */
export function computeStats(outcomes: readonly Outcome[]): EntryStats[] {
  const byEntry = new Map<string, EntryAccumulator>();
  for (const outcome of outcomes) {
    let acc = byEntry.get(outcome.entryId);
    if (!acc) {
      acc = newAccumulator(outcome.entryId);
      byEntry.set(outcome.entryId, acc);
    }
    addOutcome(acc, outcome);
  }
  return [...byEntry.values()]
    .map(finish)
    .sort((a, b) => b.sessions - a.sessions || a.entryId.localeCompare(b.entryId));
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
