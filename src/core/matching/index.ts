/**
 * Matching: recognise which catalogue entries a pasted text is about.
 * Stages: clean-up (clean.ts) → code/ID extraction (codes.ts) → typo reading against a small term list
 * (fuzzyTerms.ts) → features (text.ts, glossary.ts, features.ts) → scoring against the entry index, core text and
 * passages (entryIndex.ts, rank.ts) → rare identifiers (identifiers.ts) → verdict (verdict.ts).
 */
import type { Catalogue } from '../catalogue/catalogue';
import type { Entry } from '../catalogue/schema';
import { cleanText } from './clean';
import { buildCodeIndex } from './codes';
import { buildEntryIndex } from './entryIndex';
import { textFeatures, WORD } from './features';
import { compileGlossary, type Glossary } from './glossary';
import { buildIdentifierIndex } from './identifiers';
import { addIdentifierEvidence, codeScore, combineScores, createScratch, SCORING, scoreText } from './rank';
import { stem, STOPWORDS } from './stem';
import { buildFuzzyTerms } from './fuzzyTerms';
import { tokenize } from './text';
import { DEFAULT_THRESHOLDS, decideVerdict, type Thresholds, type Verdict } from './verdict';

export { MAX_INPUT_CHARS } from './limits';
export { DEFAULT_THRESHOLDS, type Thresholds, type Verdict } from './verdict';
export { GlossarySchema, EMPTY_GLOSSARY, type Glossary } from './glossary';

export interface MatchResult {
  id: string;
  score: number;
  codes: string[];
  refs: string[];
  title: string;
  entry: Entry;
}

/** A ranked entry as callers see it: ids, codes and refs of the entry, score rounded to 3 decimals. */
export function toMatchResult(catalogue: Catalogue, id: string, score: number): MatchResult {
  const entry = catalogue.require(id);
  return {
    id,
    score: Math.round(score * 1000) / 1000,
    codes: [...entry.codes],
    refs: [...entry.refs],
    title: entry.title.en,
    entry,
  };
}

export interface MatchResponse {
  verdict: Verdict;
  results: MatchResult[];
}

export interface MatchOptions {
  /** How many results at most (default 3). */
  top?: number;
}

export interface Matcher {
  match(text: string, options?: MatchOptions): MatchResponse;
}

export const DEFAULT_TOP = 3;
/** Results scoring below this are not worth showing at all. */
export const RESULT_FLOOR = 0.1;

export function createMatcher(
  catalogue: Catalogue,
  glossary: Glossary,
  thresholds?: Partial<Thresholds>,
): Matcher {
  const limits: Thresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const compiled = compileGlossary(glossary);
  const entries = catalogue.entries;
  const index = buildEntryIndex(entries, compiled);
  const codes = buildCodeIndex(entries);
  // Single-word glossary terms (stemmed): domain words, never rare identifiers. Compounds are not terms here:
  // "walinuxagent" contains "linux" and is still a name.
  const termStems = new Set(
    glossary.concepts
      .flatMap((concept) => [...concept.en, ...concept.nl])
      .map((term) => tokenize(term).words)
      .filter((words) => words.length === 1)
      .map((words) => words[0]?.stem ?? ''),
  );
  const isGlossaryTerm = (word: string) => termStems.has(word) || termStems.has(stem(word));
  const identifiers = buildIdentifierIndex(
    entries,
    isGlossaryTerm,
    (word) => index.postings[index.vocabulary.get(WORD + word) ?? -1]?.entries.length ?? 0,
  );
  const singleWordTerms = glossary.concepts.flatMap((concept) =>
    [...concept.en, ...concept.nl]
      .filter((term) => /^[A-Za-z]+$/.test(term))
      .map((term) => ({ term, group: concept.id })),
  );
  const fuzzy = buildFuzzyTerms(
    [...singleWordTerms, ...identifiers.keys().map((key) => ({ term: key, group: key }))],
    (word) => index.vocabulary.has(WORD + stem(word)) || isGlossaryTerm(word) || STOPWORDS.has(word),
  );
  const scratch = createScratch(index);

  return {
    match(text: string, options: MatchOptions = {}): MatchResponse {
      const top = Math.max(1, Math.floor(options.top ?? DEFAULT_TOP));
      const cleaned = cleanText(typeof text === 'string' ? text : '').text;
      const codeScores = new Map<string, number>();
      const extraction = codes.extract(cleaned);
      for (const hit of extraction.hits) {
        const score = codeScore(hit);
        for (const id of hit.entryIds) codeScores.set(id, Math.max(codeScores.get(id) ?? 0, score));
      }
      // Another product's error code and none of ours: the wording alone is weaker evidence.
      const textFactor =
        extraction.hits.length === 0 && extraction.foreign.length > 0 ? SCORING.foreignCodeFactor : 1;
      const textScores = new Map<string, number>();
      // Typo'd domain words and identifiers read as the term they are a letter or two away from.
      const corrected = fuzzy.correct(cleaned);
      for (const scored of scoreText(index, textFeatures(corrected, compiled), scratch)) {
        const entry = entries[scored.entry];
        if (entry) textScores.set(entry.id, scored.score * textFactor);
      }
      const identifierScores = identifiers.score(identifiers.find(corrected));
      const combined = addIdentifierEvidence(combineScores(codeScores, textScores), identifierScores);
      const ranked = [...combined]
        .filter(([, score]) => score >= RESULT_FLOOR)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const verdict = decideVerdict(
        ranked.map(([, score]) => score),
        limits,
      );
      const results = ranked.slice(0, top).map(([id, score]) => toMatchResult(catalogue, id, score));
      return { verdict, results };
    },
  };
}
