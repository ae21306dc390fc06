/**
 * Typo stage: a paste word the index does not know ("provisoning", "snaphsot", "kluisrefrenties") is looked up
 * with fuse.js in a SMALL list — the glossary's single-word terms and the rare identifiers — and read as the
 * term it is one or two letters away from. Whole entry texts are never searched fuzzily: that is slow and
 * matches everything a little (see the plain fuse.js baseline).
 */
import Fuse from 'fuse.js';

export const FUZZY_TERMS = {
  /** Shortest paste word looked up (shorter words have too many neighbours). */
  minWordChars: 7,
  /** At most this many unknown words of a paste are looked up. */
  maxLookups: 6,
  /** fuse.js score (0 = exact; a swapped letter pair in an 8-letter word scores 0.25) at or below which a term is taken. */
  maxScore: 0.3,
  /** A runner-up term of another group must score this much worse: a word between two terms is left as it is. */
  minLead: 0.1,
  /** Largest length difference between the word and the term. */
  maxLengthDelta: 2,
  /**
   * Share of letter pairs (Dice) a term of the bucket must have in common with the word before fuse.js is asked
   * at all: most unknown words of a paste (names, English words) are near no term, and this check is much
   * cheaper than a fuzzy search.
   */
  minPairShare: 0.5,
} as const;

export interface FuzzyTerms {
  /** Number of terms in the list. */
  readonly size: number;
  /** The text with unknown words replaced by the terms they are typos of (unchanged when there are none). */
  correct(text: string): string;
}

const WORD = /[A-Za-z]{7,40}/g;

function letterPairs(word: string): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < word.length; i += 1) pairs.add(word.slice(i, i + 2));
  return pairs;
}

interface Bucket {
  fuse: Fuse<string>;
  terms: Array<{ term: string; pairs: Set<string> }>;
}

export interface FuzzyTerm {
  term: string;
  /** Terms of one group are forms of one thing (a glossary concept): no need to choose between them. */
  group: string;
}

/**
 * @param terms the small list
 * @param isKnown whether the index already knows a (lowercased) paste word; known words are never corrected
 */
export function buildFuzzyTerms(terms: Iterable<FuzzyTerm>, isKnown: (word: string) => boolean): FuzzyTerms {
  const byFirst = new Map<string, string[]>();
  const all = new Map<string, string>();
  for (const { term, group } of terms) {
    const lower = term.toLowerCase();
    if (lower.length < FUZZY_TERMS.minWordChars - FUZZY_TERMS.maxLengthDelta || !/^[a-z]+$/.test(lower))
      continue;
    if (all.has(lower)) continue;
    all.set(lower, group);
    const list = byFirst.get(lower[0] ?? '') ?? [];
    list.push(lower);
    byFirst.set(lower[0] ?? '', list);
  }
  // One small fuse.js index per first letter: a typo rarely hits the first letter, and each search stays short.
  const buckets = new Map<string, Bucket>();
  for (const [first, list] of byFirst)
    buckets.set(first, {
      fuse: new Fuse(list, { includeScore: true, threshold: FUZZY_TERMS.maxScore, ignoreLocation: true }),
      terms: list.map((term) => ({ term, pairs: letterPairs(term) })),
    });
  const worthAsking = (bucket: Bucket, word: string): boolean => {
    const pairs = letterPairs(word);
    return bucket.terms.some(({ term, pairs: termPairs }) => {
      if (Math.abs(term.length - word.length) > FUZZY_TERMS.maxLengthDelta) return false;
      let shared = 0;
      for (const pair of pairs) if (termPairs.has(pair)) shared += 1;
      return (2 * shared) / (pairs.size + termPairs.size) >= FUZZY_TERMS.minPairShare;
    });
  };

  return {
    size: all.size,
    correct(text: string): string {
      const replacements = new Map<string, string>();
      let lookups = 0;
      for (const match of text.matchAll(WORD)) {
        if (lookups >= FUZZY_TERMS.maxLookups) break;
        const word = match[0];
        // camelCase tokens are codes or identifiers, handled by their own stages.
        if (/[a-z][A-Z]/.test(word)) continue;
        const lower = word.toLowerCase();
        if (replacements.has(lower) || all.has(lower) || isKnown(lower)) continue;
        const bucket = buckets.get(lower[0] ?? '');
        if (!bucket) continue;
        lookups += 1;
        if (!worthAsking(bucket, lower)) continue;
        const [best, ...others] = bucket.fuse.search(lower, { limit: 4 });
        const group = all.get(best?.item ?? '');
        const rival = others.find((other) => all.get(other.item) !== group);
        if (
          best &&
          (best.score ?? 1) <= FUZZY_TERMS.maxScore &&
          (rival?.score ?? 1) - (best.score ?? 1) >= FUZZY_TERMS.minLead &&
          Math.abs(best.item.length - lower.length) <= FUZZY_TERMS.maxLengthDelta
        )
          replacements.set(lower, best.item);
      }
      if (replacements.size === 0) return text;
      return text.replace(WORD, (word) => replacements.get(word.toLowerCase()) ?? word);
    },
  };
}
