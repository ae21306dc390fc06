/**
 * Features shared by entries and pastes: glossary concepts (cross-language), stemmed Latin words and numbers not
 * covered by a concept, names written as one token (dotted, underscored, camel case), adjacent word pairs, and
 * Hangul bigrams not covered by a concept (spacing-insensitive).
 */
import type { CompiledGlossary } from './glossary';
import { MODEL } from './model';
import { stem } from './stem';
import { hangulBigrams, tokenize, type WordCache } from './text';

const CONCEPT = 'c:';
const WORD = 'w:'; // text.ts builds word keys with it
const NUMBER = 'n:';
const HANGUL = 'k:';
const PHRASE = 'p:';
const NAME = 'i:';

const NUMBERS = /(?<![\w.])\d{2,6}(?![\w.])/g;
/** Names written as one token: joined by . _ \ / (waagent.conf, IaaSBcdrExtension.exe) or camel case. */
const NAMES = /[A-Za-z][A-Za-z0-9]*(?:[._\\/][A-Za-z0-9]+)*/g;
const CAMEL = /[a-z][A-Z]/;
const JOINERS = /[._\\/]/;

/**
 * The distinct features of a text; word pairs only when `phrases` (all but a code's words). `joinedParts`, when
 * given, receives the word keys of the parts of joined names (`iaasvmprovider` in iaasvmprovider.dll, `waagent` in
 * /etc/waagent.conf): where the catalogue writes a word that way it may be a component's name rather than prose.
 */
export function textFeatures(
  text: string,
  glossary: CompiledGlossary,
  phrases: boolean,
  cache?: WordCache,
  joinedParts?: string[],
): Set<string> {
  const parts = tokenize(text, cache);
  const hits = glossary.find(parts);
  const features = new Set<string>();
  for (const concept of hits.concepts) features.add(CONCEPT + concept);
  if (phrases) for (const pair of hits.pairs) features.add(`${PHRASE}${pair}`);
  let previous: string | undefined;
  parts.words.forEach((word, i) => {
    if (word.stop || word.stem.length < 2) return;
    if (!hits.coveredWords.has(i)) features.add(word.key);
    if (phrases && previous !== undefined && previous !== word.stem)
      features.add(`${PHRASE}${previous}_${word.stem}`);
    previous = word.stem;
  });
  for (const match of text.matchAll(NUMBERS)) features.add(NUMBER + match[0]);
  for (const match of text.matchAll(NAMES)) {
    const name = match[0];
    if (name.length < 6) continue;
    const joined = JOINERS.test(name);
    if (!joined && !CAMEL.test(name)) continue;
    features.add(NAME + name.toLowerCase());
    if (!joined) continue;
    for (const part of name.split(JOINERS)) {
      if (part.length < 6 || !/[a-z].*[a-z].*[a-z]/i.test(part)) continue;
      // A camel-case part is a name of its own (IaaSBcdrExtension in IaaSBcdrExtension.exe, VMSnapshotLinux in
      // Microsoft.Azure.RecoveryServices.VMSnapshotLinux); a lower-case one may be (iaasvmprovider.dll).
      if (CAMEL.test(part)) features.add(NAME + part.toLowerCase());
      else joinedParts?.push(WORD + stem(part.toLowerCase()));
    }
  }
  parts.hangul.forEach((run, r) => {
    const mask = hits.coveredHangul[r] ?? [];
    hangulBigrams(run).forEach((gram, i) => {
      if (gram.length === 2 && mask[i] && mask[i + 1]) return;
      features.add(HANGUL + gram);
    });
  });
  return features;
}

/** How much a feature of its kind counts (MODEL channels). */
export function channelWeight(feature: string): number {
  if (feature.startsWith(CONCEPT)) return MODEL.conceptChannel;
  if (feature.startsWith(HANGUL)) return MODEL.hangulChannel;
  if (feature.startsWith(PHRASE)) return MODEL.phraseChannel;
  if (feature.startsWith(NAME)) return MODEL.nameBoost;
  return MODEL.wordChannel;
}

/**
 * Whether a paste feature the catalogue never uses says the paste is about something else: a Latin word does; a
 * stray number does not, nor a Hangul bigram (one the Korean articles never have is mostly a chat ending or
 * particle, 했는데요, 있어요, not a topic).
 */
export function countsWhenUnknown(feature: string): boolean {
  return feature.startsWith(WORD);
}
