/**
 * Tokenisation stage: Latin words (camel-case aware, stemmed) and Hangul runs (spacing removed, spelling
 * variants unified), shared by the index (entry text) and the query (the paste).
 */
import { repairMojibake } from '../mojibake';
import { stem, STOPWORDS } from './stem';

/** Korean spelling variants that mean the same thing (스냅숏 is the older spelling of 스냅샷). */
const HANGUL_VARIANTS: ReadonlyArray<[RegExp, string]> = [
  [/스냅숏/g, '스냅샷'],
  [/스냅 ?샷/g, '스냅샷'],
  [/디스 ?크/g, '디스크'],
];

export interface TextParts {
  /** Latin words: lowercased, accents removed, camel case split, with their stems (stopwords kept, flagged). */
  words: Word[];
  /** Hangul runs with all spaces removed ("백업 하지" → "백업하지"), variants unified. */
  hangul: string[];
}

export interface Word {
  stem: string;
  stop: boolean;
  /** The word's feature key (`w:` + stem), built once per distinct token. */
  key: string;
}

const HANGUL_RUN = /[\uac00-\ud7a3]+(?:[ \t]+[\uac00-\ud7a3]+)*/g;
const LATIN_TOKEN = /[A-Za-z][A-Za-z0-9']*|(?<![0-9])[0-9]{1,20}[A-Za-z][A-Za-z0-9]*/g;

/** Splits "UserErrorRpCollectionLimitReached" → User Error Rp Collection Limit Reached; "VMSnapshot" → VM Snapshot. */
export function splitCamel(token: string): string[] {
  return token
    .replace(/([A-Z]{2,})s(?=[A-Z]|$)/g, '$1') // an acronym's plural: VMs, NSGs, IDs
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .filter((part) => part.length > 0);
}

export function normalizeLatin(text: string): string {
  if (!/[^\t\n\r\x20-\x7e]/.test(text))
    return text.replace(/\bback-up/gi, 'backup').replace(/\be-mail/gi, 'email');
  return repairMojibake(text, { insideLatinWordsOnly: true })
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\bback-up/gi, 'backup')
    .replace(/\be-mail/gi, 'email');
}

/** Words of one token: per index build (stops growing at the limit) and per index for pastes (emptied when full). */
export type WordCache = Map<string, Word[]>;
const WORD_CACHE_LIMIT = 200_000;
/** Distinct tokens of pastes the index keeps read (pastes repeat a few thousand); emptied when it has this many. */
export const PASTE_WORD_CACHE_LIMIT = 20_000;

/** The feature key of a lowercase word: `w:` and its stem. */
export function wordKey(lower: string): string {
  return `w:${stem(lower)}`;
}

function wordsOf(raw: string): Word[] {
  const words: Word[] = [];
  for (const part of raw.length <= 60 ? splitCamel(raw) : [raw]) {
    const lower = part.toLowerCase();
    if (lower.length < 2) continue;
    const stemmed = stem(lower);
    words.push({ stem: stemmed, stop: STOPWORDS.has(lower), key: `w:${stemmed}` });
  }
  return words;
}

export function tokenize(text: string, cache?: WordCache): TextParts {
  const latin = normalizeLatin(text);
  const words: Word[] = [];
  for (const match of latin.matchAll(LATIN_TOKEN)) {
    const raw = match[0].replace(/'/g, '');
    let parts = cache?.get(raw);
    if (!parts) {
      parts = wordsOf(raw);
      if (cache && cache.size < WORD_CACHE_LIMIT) cache.set(raw, parts);
    }
    for (const word of parts) words.push(word);
  }
  const hangul: string[] = [];
  if (!/[\uac00-\ud7a3]/.test(text)) return { words, hangul };
  let korean = text;
  for (const [pattern, replacement] of HANGUL_VARIANTS) korean = korean.replace(pattern, replacement);
  for (const match of korean.matchAll(HANGUL_RUN)) hangul.push(match[0].replace(/[ \t]+/g, ''));
  return { words, hangul };
}

/** Character bigrams of a Hangul run ("스냅샷" → 스냅, 냅샷); a single syllable stays a unigram. */
export function hangulBigrams(run: string): string[] {
  if (run.length === 1) return [run];
  const grams: string[] = [];
  for (let i = 0; i + 1 < run.length; i += 1) grams.push(run.slice(i, i + 2));
  return grams;
}
