/**
 * Feature extraction shared by entries and pastes: glossary concepts (cross-language), stemmed Latin words not
 * covered by a concept, and Hangul character bigrams not covered by a concept (spacing-insensitive).
 */
import type { CompiledGlossary } from './glossary';
import { hangulBigrams, tokenize } from './text';

export const CONCEPT = 'c:';
export const WORD = 'w:';
export const HANGUL = 'k:';
export const PHRASE = 'p:';

export interface FeatureOptions {
  /** Emit word-pair features (default true); off for long entry fields (steps, descriptions) to keep the index small. */
  phrases?: boolean;
}

/** The distinct features of a text. */
export function textFeatures(
  text: string,
  glossary: CompiledGlossary,
  options: FeatureOptions = {},
): Set<string> {
  const parts = tokenize(text);
  const hits = glossary.find(parts);
  const features = new Set<string>();
  for (const concept of hits.concepts) features.add(CONCEPT + concept);
  parts.words.forEach((word, i) => {
    if (word.stop || hits.coveredWords.has(i) || word.stem.length < 2 || /^\d+$/.test(word.stem)) return;
    features.add(WORD + word.stem);
  });
  // Adjacent content-word pairs (order-aware) tell "agent … snapshot status" and "agent … status unavailable" apart.
  let previous: string | undefined;
  for (const word of options.phrases === false ? [] : parts.words) {
    if (word.stop || /^\d+$/.test(word.stem)) continue;
    if (previous !== undefined && previous !== word.stem) features.add(`${PHRASE}${previous}_${word.stem}`);
    previous = word.stem;
  }
  parts.hangul.forEach((run, r) => {
    const mask = hits.coveredHangul[r] ?? [];
    const grams = hangulBigrams(run);
    grams.forEach((gram, i) => {
      if (gram.length === 2 && mask[i] && mask[i + 1]) return;
      features.add(HANGUL + gram);
    });
  });
  return features;
}

/** How much a feature of each channel counts relative to the others. */
export function channelWeight(feature: string): number {
  if (feature.startsWith(CONCEPT)) return 1.4;
  if (feature.startsWith(HANGUL)) return 0.6;
  if (feature.startsWith(PHRASE)) return 0.7;
  return 1;
}
