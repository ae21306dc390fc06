/**
 * Scoring stage: text similarity of a paste to each entry (coverage of the paste × coverage of the entry's core
 * text in its best view, damped when little evidence matched), and code/ID hits; combined into one calibrated
 * score in [0, 1].
 */
import type { CodeHit } from './codes';
import { VIEWS, type EntryIndex } from './entryIndex';
import { HANGUL, WORD } from './features';

export const SCORING = {
  /** Mass added to every core view so that a two-word title is not "fully covered" by one shared word. */
  viewPrior: 6,
  /** Matched evidence (idf units) at which the evidence factor reaches 1 - 1/e. */
  evidenceScale: 7,
  /** Share of the score given to the paste-coverage side (the rest to entry coverage). */
  pasteCoverageShare: 0.5,
  /** How many of a paste's features (the rarest) are looked up. */
  maxQueryFeatures: 40,
  /** A feature in more than max(commonMinDf, commonShare × entries) entries does not bring in new candidates. */
  commonMinDf: 100,
  commonShare: 0.1,
  /** How many text candidates are kept, and the share of the best matched evidence a candidate needs. */
  candidates: 24,
  candidateFraction: 0.2,
  /** Weight of a paste word the catalogue never uses (known words weigh their idf, about 1 to 5). */
  unknownWordWeight: 0.7,
  /** A passage (step, cause row, description) counts like the core text times this; its size prior. */
  passageFactor: 0.85,
  passagePrior: 4,
  /** Passages are compared for this many entries only: those with the most matched evidence. */
  passageCandidates: 16,
  /** Guides (generic checklists) are rarely what a pasted error is about. */
  guideFactor: 0.85,
  /** Text scores are multiplied by this when the paste carries an error code that is not in the catalogue. */
  foreignCodeFactor: 0.6,
  /** Score of an exact code hit; minus fuzzyStep per typo; numeric IDs in context. */
  codeExact: 0.96,
  fuzzyStep: 0.06,
  codeNumeric: 0.93,
  /** Added to a code hit when the surrounding text agrees with the entry. */
  agreementBonus: 0.03,
} as const;

export interface TextScore {
  /** Index of the entry in the catalogue. */
  entry: number;
  score: number;
}

/** Per-matcher scratch space, reused across calls (match is synchronous) to keep scoring allocation-free. */
export interface Scratch {
  matched: Float64Array;
  shared: Float64Array;
  touched: Int32Array;
  /** Per feature number: its weight when the paste has it (0 otherwise), for passage coverage. */
  queryWeight: Float64Array;
}

export function createScratch(index: EntryIndex): Scratch {
  return {
    matched: new Float64Array(index.entries.length),
    shared: new Float64Array(index.entries.length * VIEWS),
    touched: new Int32Array(index.entries.length),
    queryWeight: new Float64Array(index.weight.length),
  };
}

/** Text similarity of the paste's features to the entries sharing features with it: the best few, best first. */
export function scoreText(index: EntryIndex, query: Iterable<string>, scratch: Scratch): TextScore[] {
  const { matched, shared, touched, queryWeight } = scratch;
  let touchedCount = 0;
  let queryMass = 0;
  // The paste's most specific features only: a long paste is judged by its MAX_QUERY_FEATURES rarest features,
  // which bounds the postings walked per paste whatever the catalogue size.
  const known: Array<{ id: number; weight: number }> = [];
  let unknownMass = 0;
  for (const feature of query) {
    const id = index.vocabulary.get(feature);
    if (id !== undefined) known.push({ id, weight: index.weight[id] ?? 0 });
    // Words the catalogue never uses still say the paste is (partly) about something else.
    else if (feature.startsWith(WORD) || feature.startsWith(HANGUL)) unknownMass += SCORING.unknownWordWeight;
  }
  known.sort((a, b) => b.weight - a.weight);
  if (known.length > SCORING.maxQueryFeatures) {
    unknownMass *= SCORING.maxQueryFeatures / known.length;
    known.length = SCORING.maxQueryFeatures;
  }
  queryMass += unknownMass;
  // Rarest first. In a large catalogue a very common feature only adds to entries a rarer feature already found
  // (max-score pruning), unless nothing rarer matched at all.
  const commonDf = Math.max(SCORING.commonMinDf, index.entries.length * SCORING.commonShare);
  for (const { id, weight } of known) {
    const posting = index.postings[id];
    if (!posting) continue;
    queryMass += weight;
    queryWeight[id] = weight;
    const { entries, weights, views } = posting;
    const mayTouch = touchedCount === 0 || entries.length <= commonDf;
    for (let k = 0; k < entries.length; k += 1) {
      const e = entries[k] ?? 0;
      if (matched[e] === 0) {
        if (!mayTouch) continue;
        touched[touchedCount++] = e;
      }
      matched[e] = (matched[e] ?? 0) + weight * (weights[k] ?? 0);
      const mask = views[k] ?? 0;
      if (mask !== 0)
        for (let v = 0; v < VIEWS; v += 1)
          if (mask & (1 << v)) shared[e * VIEWS + v] = (shared[e * VIEWS + v] ?? 0) + weight;
    }
  }
  // Entries with a small fraction of the best matched evidence cannot rank near the top: skip the full scoring.
  let maxMass = 0;
  for (let t = 0; t < touchedCount; t += 1) maxMass = Math.max(maxMass, matched[touched[t] ?? 0] ?? 0);
  const cutoff = maxMass * SCORING.candidateFraction;
  const best = new TopK(SCORING.candidates);
  const heaviest = new TopK(SCORING.passageCandidates);
  for (let t = 0; t < touchedCount; t += 1) {
    const e = touched[t] ?? 0;
    const mass = matched[e] ?? 0;
    let entryCoverage = 0;
    for (let v = 0; v < VIEWS; v += 1) {
      const viewMass = index.viewMass[e * VIEWS + v] ?? 0;
      if (viewMass > 0)
        entryCoverage = Math.max(
          entryCoverage,
          (shared[e * VIEWS + v] ?? 0) / (viewMass + SCORING.viewPrior),
        );
      shared[e * VIEWS + v] = 0;
    }
    matched[e] = 0;
    if (queryMass === 0 || mass === 0 || mass < cutoff) continue;
    const pasteCoverage = Math.min(1, mass / queryMass);
    const share = SCORING.pasteCoverageShare;
    const similarity = Math.pow(pasteCoverage, share) * Math.pow(entryCoverage, 1 - share);
    const evidence = 1 - Math.exp(-mass / SCORING.evidenceScale);
    const kindFactor = index.entries[e]?.kind === 'guide' ? SCORING.guideFactor : 1;
    const score = similarity * evidence * kindFactor;
    best.offer(e, score);
    heaviest.offer(e, mass);
  }
  // Detail (a cause row, a step) retold in the paste: the entries with the most matched evidence are also judged
  // by their best passage. Bounded to a few entries, whatever the catalogue size.
  const results = new Map<number, number>();
  for (const { entry, score } of best.sorted()) results.set(entry, score);
  for (const { entry } of heaviest.sorted()) {
    const kindFactor = index.entries[entry]?.kind === 'guide' ? SCORING.guideFactor : 1;
    const passage = passageScore(index, entry, queryWeight, queryMass) * kindFactor;
    if (passage > (results.get(entry) ?? 0)) results.set(entry, passage);
  }
  for (const { id } of known) queryWeight[id] = 0;
  return [...results]
    .map(([entry, score]) => ({ entry, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, SCORING.candidates);
}

/** The best similarity of the paste to one passage of the entry (coverage both ways, damped by evidence). */
function passageScore(
  index: EntryIndex,
  entry: number,
  queryWeight: Float64Array,
  queryMass: number,
): number {
  let best = 0;
  for (const passage of index.passages[entry] ?? []) {
    let shared = 0;
    let sharedLatin = 0;
    const { features } = passage;
    for (let k = 0; k < features.length; k += 1) {
      const id = features[k] ?? 0;
      const weight = queryWeight[id] ?? 0;
      shared += weight;
      if (index.hangul[id] === 0) sharedLatin += weight;
    }
    if (shared === 0) continue;
    const pasteCoverage = Math.min(1, shared / queryMass);
    // A Korean passage read by an English paste: judged on what the two can share (concepts, Latin words).
    const passageCoverage = Math.max(
      shared / (passage.mass + SCORING.passagePrior),
      sharedLatin / (passage.latinMass + SCORING.passagePrior),
    );
    const share = SCORING.pasteCoverageShare;
    const similarity = Math.pow(pasteCoverage, share) * Math.pow(passageCoverage, 1 - share);
    best = Math.max(best, similarity * (1 - Math.exp(-shared / SCORING.evidenceScale)));
  }
  return best * SCORING.passageFactor;
}

/** Keeps the k best (entry, score) pairs without sorting everything. */
class TopK {
  private readonly items: TextScore[] = [];
  constructor(private readonly k: number) {}

  offer(entry: number, score: number): void {
    if (score <= 0) return;
    const { items } = this;
    if (items.length === this.k && score <= (items[items.length - 1]?.score ?? 0)) return;
    let at = items.length;
    while (at > 0 && (items[at - 1]?.score ?? 0) < score) at -= 1;
    items.splice(at, 0, { entry, score });
    if (items.length > this.k) items.pop();
  }

  sorted(): TextScore[] {
    return this.items;
  }
}

/** Score of an entry from a code hit. */
export function codeScore(hit: CodeHit): number {
  if (hit.how === 'numeric') return SCORING.codeNumeric;
  return Math.max(0, SCORING.codeExact - SCORING.fuzzyStep * hit.distance);
}

/** One score per entry: the best of its code evidence and text evidence, a bonus when both agree. */
export function combineScores(
  codeScores: Map<string, number>,
  textScores: Map<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, text] of textScores) out.set(id, text);
  for (const [id, code] of codeScores) {
    const text = textScores.get(id) ?? 0;
    out.set(id, Math.min(1, Math.max(code, text) + SCORING.agreementBonus * Math.min(1, text * 2)));
  }
  return out;
}

/**
 * Rare identifiers named in the paste (identifiers.ts) add to an entry's score as independent evidence
 * (noisy-or): alone they reach at most their cap (ask, don't answer); with agreeing text they settle a near tie.
 */
export function addIdentifierEvidence(
  scores: Map<string, number>,
  identifierScores: Map<string, number>,
): Map<string, number> {
  for (const [id, evidence] of identifierScores) {
    const score = scores.get(id) ?? 0;
    scores.set(id, 1 - (1 - score) * (1 - evidence));
  }
  return scores;
}
