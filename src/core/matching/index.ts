/**
 * Matching: which catalogue entries a pasted text is about, and whether to answer (docs/matching.md).
 * clean-up (clean.ts) → codes (codes.ts) and text evidence (search.ts, features.ts, glossary.ts) → one score per
 * entry → verdict. Every weight and threshold is in model.ts.
 */
import type { Catalogue } from '../catalogue/catalogue';
import type { Entry } from '../catalogue/schema';
import { cleanText } from './clean';
import { buildCodeIndex, type CodeHit } from './codes';
import { compileGlossary, type Glossary } from './glossary';
import { MODEL } from './model';
import { buildEntryIndex } from './search';

export { GlossarySchema, EMPTY_GLOSSARY, type Glossary } from './glossary';
export { MODEL } from './model';

export const MAX_INPUT_CHARS = MODEL.maxInputChars;

export type Verdict = 'confident' | 'ambiguous' | 'none';

export interface Thresholds {
  /** Best score at or above which (with a clear margin to the runner-up) the bot answers unprompted. */
  confident: number;
  /** Best score below which the verdict is `none`. */
  ambiguous: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { confident: MODEL.confident, ambiguous: MODEL.ambiguous };

export interface MatchResult {
  id: string;
  score: number;
  codes: string[];
  refs: string[];
  title: string;
  entry: Entry;
}

export interface MatchResponse {
  verdict: Verdict;
  results: MatchResult[];
  /**
   * Codes in the paste that look like Azure Backup / MARS / DPM codes (a catalogue code family, a short hex code,
   * an "(ID: n)") but are in no entry: the bot can say "`X` is not in my catalogue". Always set by
   * createMatcher (empty when there are none); optional so that hand-made responses (fakes, baselines) need not.
   */
  unknownCodes?: string[];
}

export interface MatchOptions {
  /** How many results at most (default 3). */
  top?: number;
}

export interface Matcher {
  match(text: string, options?: MatchOptions): MatchResponse;
}

export const DEFAULT_TOP = 3;

/** A ranked entry as callers see it: ids, codes and refs of the entry, score rounded to 3 decimals. */
export function toMatchResult(catalogue: Catalogue, id: string, score: number): MatchResult {
  const entry = catalogue.require(id);
  const rounded = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
  return { id, score: rounded, codes: [...entry.codes], refs: [...entry.refs], title: entry.title.en, entry };
}

const logit = (p: number) => Math.log(Math.max(1e-6, p) / Math.max(1e-6, 1 - p));

/**
 * `confident` when the best score clears the threshold and stands clearly above the runner-up (in log-odds, so a
 * 0.97 against a 0.93 is as clear as 0.6 against 0.4); `ambiguous` when something plausible is there; else `none`.
 * Between the two thresholds the articles' own text decides (`articlesAgree`: it ranks the same entry first, asked
 * only then): a clear lead it agrees with is `confident`; an answer it does not agree with is `none` when it
 * `restsOnText` (no pasted code names the entry).
 */
export function decideVerdict(
  scores: readonly number[],
  limits: Thresholds,
  between: { articlesAgree(): boolean; restsOnText: boolean },
): Verdict {
  const best = scores[0] ?? 0;
  if (best < limits.ambiguous) return 'none';
  const clear = logit(best) - logit(scores[1] ?? 0) >= MODEL.confidentMargin;
  if (best >= limits.confident || between.articlesAgree()) return clear ? 'confident' : 'ambiguous';
  return between.restsOnText ? 'none' : 'ambiguous';
}

/** Score of an entry from a code hit. */
function codeScore(hit: CodeHit): number {
  if (hit.generic) return MODEL.codeGeneric;
  return hit.bare ? MODEL.codeBareNumber : MODEL.codeExact - MODEL.codeTypo * hit.typos;
}

export function createMatcher(
  catalogue: Catalogue,
  glossary: Glossary,
  thresholds?: Partial<Thresholds>,
): Matcher {
  const limits: Thresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const entries = catalogue.entries;
  const index = buildEntryIndex(entries, compileGlossary(glossary));
  const codes = buildCodeIndex(entries, (token) => index.documents(token));
  // Entries with the same title in some language document the same error in two places (the MARS and the MABS
  // article both have "Invalid vault credentials provided"): twins, whichever the paste names more closely.
  const titleKey = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const byTitle = new Map<string, number[]>();
  entries.forEach((entry, e) => {
    for (const title of Object.values(entry.title)) {
      if (typeof title !== 'string' || title.length < 12) continue;
      const key = titleKey(title);
      const group = byTitle.get(key);
      if (group) group.push(e);
      else byTitle.set(key, [e]);
    }
  });
  const twins = new Map<number, Set<number>>();
  for (const group of byTitle.values())
    if (group.length > 1)
      for (const e of group)
        twins.set(e, new Set([...(twins.get(e) ?? []), ...group.filter((g) => g !== e)]));

  return {
    match(text: string, options: MatchOptions = {}): MatchResponse {
      const top = Math.max(1, Math.floor(options.top ?? DEFAULT_TOP));
      const cleaned = cleanText(typeof text === 'string' ? text : '').text;
      const found = codes.extract(cleaned);
      const textEvidence = index.score(cleaned);
      const textScores = textEvidence.scores;
      // When the text says which of several codes matters, the others are only mentioned.
      // Or which ones do not (fixed, to ignore, yesterday's); when that is every code pasted, the text decides.
      const emphasis = found.hits.some((hit) => hit.emphasised);
      const mentioned = (hit: CodeHit) => (emphasis ? !hit.emphasised : hit.demoted);
      const setAside = found.hits.length > 0 && found.hits.every(mentioned);
      // Per entry its best code: the code's score and what counts of it (× mentionedFactor when only mentioned).
      const codeScores = new Map<number, { code: number; share: number }>();
      for (const hit of found.hits) {
        const code = codeScore(hit);
        const share = mentioned(hit) ? MODEL.mentionedFactor : 1;
        for (const e of hit.entries) {
          const known = codeScores.get(e);
          if (!known || code * share > known.code * known.share) codeScores.set(e, { code, share });
        }
      }
      // No code of ours but one we do not know (or another product's): the wording alone is weak evidence.
      const textFactor =
        found.hits.length > 0
          ? 1
          : found.unknown.length > 0
            ? MODEL.unknownCodeFactor
            : found.foreign.length > 0
              ? MODEL.foreignCodeFactor
              : 1;
      const scores = new Map<number, number>();
      // Codes name the candidates: text and code agreeing are independent evidence (noisy-or). A code only
      // mentioned counts less with its text (which names the code too).
      for (const [e, { code, share }] of codeScores) {
        const agreeing = MODEL.codeTextAgreement * (textScores.get(e) ?? 0);
        scores.set(e, share * (1 - (1 - code) * (1 - agreeing)));
      }
      // With several codes the candidates are exactly those errors; with one, or all set aside, the text may add others.
      if (codeScores.size <= 1 || setAside)
        for (const [e, score] of textScores) {
          // The paste names a code exactly: an entry with codes of its own, none of them pasted, is another error.
          const otherCodes = found.hits.length > 0 && !setAside && (entries[e]?.codes.length ?? 0) > 0;
          if (!scores.has(e)) scores.set(e, score * textFactor * (otherCodes ? MODEL.otherCodeFactor : 1));
        }
      const ranked = [...scores]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .filter(([, score], _, all) => score >= MODEL.resultShare * (all[0]?.[1] ?? 0) && score > 0);
      // Entries that carry the same pasted code, or twins, document the same error (one article and another, or
      // two versions): the runner-up that decides the margin is the best entry about a different error.
      const first = ranked[0]?.[0];
      const sameError = (e: number) =>
        first !== undefined &&
        ((twins.get(first)?.has(e) ?? false) ||
          found.hits.some((hit) => hit.entries.includes(e) && hit.entries.includes(first)));
      const verdict = decideVerdict(
        ranked.filter(([e], i) => i === 0 || !sameError(e)).map(([, score]) => score),
        limits,
        {
          articlesAgree: () => first === textEvidence.documentedBest(),
          restsOnText: !codeScores.has(first ?? -1),
        },
      );
      const results = ranked
        .slice(0, top)
        .map(([e, score]) => toMatchResult(catalogue, entries[e]?.id ?? '', score));
      return { verdict, results, unknownCodes: found.unknown };
    },
  };
}
