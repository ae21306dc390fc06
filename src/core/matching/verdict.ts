/**
 * Verdict stage: what the bot may do with a ranking. `confident` only when the best score clears the confident
 * threshold and stands clearly above the runner-up (CONFIDENT_MARGIN); `ambiguous` when something plausible is
 * there; otherwise `none`.
 */
export interface Thresholds {
  /** Best score at or above which (with a clear margin) the answer is given directly. */
  confident: number;
  /** Best score at or above which the bot asks "which one?". Below it: none. */
  ambiguous: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { confident: 0.6, ambiguous: 0.35 };

/** How far the best score must stand above the second for `confident`. */
export const CONFIDENT_MARGIN = 0.1;

export type Verdict = 'confident' | 'ambiguous' | 'none';

export function decideVerdict(scores: readonly number[], thresholds: Thresholds): Verdict {
  const best = scores[0] ?? 0;
  const second = scores[1] ?? 0;
  if (best < thresholds.ambiguous) return 'none';
  if (best >= thresholds.confident && best - second >= CONFIDENT_MARGIN) return 'confident';
  return 'ambiguous';
}
