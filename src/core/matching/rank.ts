/**
 * Scoring stage: text similarity of a paste to each entry (coverage of the paste × coverage of the entry's
 * core text in its best language view, damped when little evidence matched), and code/ID hits; combined into
 * one calibrated score in [0, 1].
 */
import type { CodeHit } from './codes';
import type { EntryIndex } from './entryIndex';
import { channelWeight } from './features';

export const SCORING = {
  /** Mass added to every core view so that a two-word title is not "fully covered" by one shared word. */
  viewPrior: 4,
  /** Matched evidence (idf units) at which the evidence factor reaches 1 - 1/e. */
  evidenceScale: 7,
  /** Share of the score given to the paste-coverage side (the rest to entry coverage). */
  pasteCoverageShare: 0.5,
  /** Guides (generic checklists) are rarely what a pasted error is about. */
  guideFactor: 0.85,
  /** Score of an exact code hit; minus fuzzyStep per typo; numeric IDs in context. */
  codeExact: 0.96,
  fuzzyStep: 0.06,
  codeNumeric: 0.93,
  /** Text scores are multiplied by this when the paste carries an error code that is not in the catalogue. */
  foreignCodeFactor: 0.6,
  /** Added to a code hit when the surrounding text agrees with the entry. */
  agreementBonus: 0.03,
} as const;

export interface TextScore {
  index: number;
  score: number;
}

/** Text similarity of the paste's features to every entry sharing at least one feature. */
export function scoreText(index: EntryIndex, query: Set<string>): TextScore[] {
  let queryMass = 0;
  const matched = new Map<number, number>();
  for (const feature of query) {
    const list = index.postings.get(feature);
    if (!list) continue;
    const weight = index.idf(feature) * channelWeight(feature);
    queryMass += weight;
    for (const i of list) {
      const fieldWeight = index.entries[i]?.features.get(feature) ?? 0;
      matched.set(i, (matched.get(i) ?? 0) + weight * fieldWeight);
    }
  }
  if (queryMass === 0) return [];
  const out: TextScore[] = [];
  for (const [i, mass] of matched) {
    const indexed = index.entries[i];
    if (!indexed) continue;
    let entryCoverage = 0;
    for (const view of indexed.views) {
      let shared = 0;
      for (const feature of view.features) if (query.has(feature)) shared += index.idf(feature) * channelWeight(feature);
      entryCoverage = Math.max(entryCoverage, shared / (view.mass + SCORING.viewPrior));
    }
    const pasteCoverage = Math.min(1, mass / queryMass);
    const share = SCORING.pasteCoverageShare;
    const similarity = Math.pow(pasteCoverage, share) * Math.pow(entryCoverage, 1 - share);
    const evidence = 1 - Math.exp(-mass / SCORING.evidenceScale);
    const kindFactor = indexed.entry.kind === 'guide' ? SCORING.guideFactor : 1;
    out.push({ index: i, score: similarity * evidence * kindFactor });
  }
  return out;
}

/** Score of an entry from a code hit. */
export function codeScore(hit: CodeHit): number {
  if (hit.how === 'numeric') return SCORING.codeNumeric;
  return Math.max(0, SCORING.codeExact - SCORING.fuzzyStep * hit.distance);
}

/** One score per entry: the best of its code evidence and text evidence, a bonus when both agree. */
export function combineScores(codeScores: Map<string, number>, textScores: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, text] of textScores) out.set(id, text);
  for (const [id, code] of codeScores) {
    const text = textScores.get(id) ?? 0;
    out.set(id, Math.min(1, Math.max(code, text) + SCORING.agreementBonus * Math.min(1, text * 2)));
  }
  return out;
}
