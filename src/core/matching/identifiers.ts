/**
 * Rare-identifier stage: technical identifiers (service names, executables, registry keys, file names) that occur
 * in the text of only one or two entries. In a log or console paste such a name is often the only strong evidence
 * ("sc qc iaasvmprovider", "IaaSBcdrExtension.exe was blocked"), so it counts in proportion to its rarity — enough
 * to ask "which one?", never enough on its own to answer without asking.
 *
 * A key is a lowercased token (and its dot/underscore/backslash-separated parts) of at least MIN_KEY_CHARS with
 * at least three letters. It is only evidence when one of its occurrences — in the paste or in the catalogue —
 * is identifier-shaped (camel case inside a word, letters with digits, joined by dots, underscores or
 * backslashes), and when it is no word of the catalogue's English prose (titles, messages, aliases), no code
 * (codes have their own stage) and no glossary term: a common domain word stays text evidence only.
 */
import type { Entry, LocalizedText } from '../catalogue/schema';
import { stem, STOPWORDS } from './stem';
import { splitCamel } from './text';

export const IDENTIFIER = {
  /** Shortest key looked up. */
  minKeyChars: 6,
  /** Keys found in more entries than this are not rare identifiers. */
  maxEntries: 2,
  /** Best score identifier evidence alone can give (below the confident threshold, above ambiguous). */
  cap: 0.58,
  /** Rarity units (1 = in one entry only) at which the score reaches 1 - 1/e of the cap. */
  scale: 1 / 1.5,
  /** How many identifier-like tokens of a paste are looked up at most. */
  maxQueryTokens: 400,
} as const;

/**
 * Generic words of technical English that name no particular component: an identifier made only of such words
 * ("ErrorCode", "ResourceGroupName", "NT AUTHORITY\\SYSTEM") is a field name or a common word, not a rare name.
 */
const GENERIC_WORDS = new Set(
  (
    'system service services server servers error errors code codes name names status state process program ' +
    'programs files file data database config configuration settings setting manager management microsoft ' +
    'windows azure cloud resource resources group groups subscription subscriptions account accounts user users ' +
    'admin administrator network internet storage disk disks volume drive folder path value values key keys type ' +
    'start started stop stopped failed failure success message request response result id ids time date version ' +
    'client host local remote default policy policies install installation setup update updates package ' +
    'packages plugin plugins agent agents extension extensions backup backups restore snapshot snapshots ' +
    'machine machines virtual computer object objects item items event events log logs task tasks job jobs ' +
    'application applications software hardware security certificate certificates permission permissions ' +
    'access control current level information info details exception exceptions operation operations ' +
    'provider providers handler handlers public private enable enabled disable disabled'
  )
    .split(' ')
    .map((word) => stem(word)),
);

const RAW_TOKEN = /[A-Za-z0-9][A-Za-z0-9_.\\]{0,200}/g;
const SEPARATORS = /[._\\]+/;

/** True when the raw token looks like a technical identifier rather than a word. */
export function isIdentifierShaped(raw: string): boolean {
  const token = raw.replace(/[._\\-]+$/, '');
  if (token.length < IDENTIFIER.minKeyChars) return false;
  if (/[a-z][A-Z]|[A-Z]{2}[a-z]{2}/.test(token)) return true; // IaaSBcdrExtension, OBEngine, VMSnapshotLinux
  if (/[A-Za-z]/.test(token) && /\d/.test(token)) return true; // win32, BCDR2
  return /[A-Za-z0-9][._\\][A-Za-z0-9]/.test(token); // iaasvmprovider.exe, HKEY_LOCAL_MACHINE\SOFTWARE
}

/** The lookup keys of a raw token: the whole token and its separated parts, lowercased. */
export function identifierKeys(raw: string): string[] {
  const token = raw.replace(/[._\\-]+$/, '').toLowerCase();
  const keys = new Set<string>();
  const accept = (key: string) => {
    if (key.length >= IDENTIFIER.minKeyChars && (key.match(/[a-z]/g)?.length ?? 0) >= 3) keys.add(key);
  };
  // A path is named by its segments; its whole text is cut wherever the path had a space.
  if (!token.includes('\\')) accept(token);
  for (const part of token.split(SEPARATORS)) accept(part);
  return [...keys];
}

export interface IdentifierHit {
  key: string;
  entryIds: string[];
}

export interface IdentifierIndex {
  /** Number of distinct rare keys indexed. */
  readonly size: number;
  /** The rare identifiers named in a (cleaned) paste, with the entries whose text names them. */
  find(text: string): IdentifierHit[];
  /** Per entry id: score in [0, cap] from the rare identifiers found. */
  score(hits: readonly IdentifierHit[]): Map<string, number>;
  /** The indexed keys (for fuzzy lookup of typos). */
  keys(): string[];
}

interface KeyRecord {
  /** Entries naming the key, in catalogue order; no longer kept once more than maxEntries + 1. */
  entries: number[];
  shaped: boolean;
  /** Some occurrence is not made of common words only. */
  specific: boolean;
}

/** True when every word of the token (split at separators and camel case) of 4+ letters is a common word. */
function madeOfCommonWords(raw: string, isCommon: (stem: string) => boolean): boolean {
  const common = (word: string) => word.length < 4 || isCommon(stem(word.toLowerCase()));
  return raw.split(/[^A-Za-z]+/).every((segment) => common(segment) || splitCamel(segment).every(common));
}

function localized(text: LocalizedText): string[] {
  return Object.values(text).filter((value): value is string => typeof value === 'string');
}

/** Every text of an entry that may name an identifier (codes excluded: they have their own stage). */
function entryTexts(entry: Entry): string[] {
  const out = [
    ...localized(entry.title),
    ...localized(entry.message),
    ...localized(entry.operation),
    ...localized(entry.description),
    ...entry.aliases.map((alias) => alias.text),
    ...(entry.formerText ?? []).map((former) => former.text),
  ];
  for (const step of entry.steps) {
    out.push(...localized(step.text));
    for (const sub of step.substeps) out.push(...localized(sub));
  }
  // Link targets are addresses, not names the user would paste.
  return out.map((text) => text.replace(/\]\([^)]{0,2000}\)/g, '] '));
}

/** Words of the catalogue's English prose: a key spelled like one of them is a word, not an identifier. */
function englishWords(entries: readonly Entry[]): Set<string> {
  const words = new Set<string>();
  for (const entry of entries) {
    const texts = [
      entry.title.en,
      entry.message.en,
      ...entry.aliases.filter((a) => a.lang === 'en').map((a) => a.text),
    ];
    for (const text of texts)
      for (const word of (text ?? '').toLowerCase().match(/[a-z]+/g) ?? []) words.add(word);
  }
  return words;
}

/**
 * @param isTerm whether a (stemmed) word is a glossary term
 * @param wordEntries how many entries use a (stemmed) word — the entry index knows
 */
export function buildIdentifierIndex(
  entries: readonly Entry[],
  isTerm: (word: string) => boolean,
  wordEntries: (word: string) => number,
): IdentifierIndex {
  const records = new Map<string, KeyRecord>();
  const codes = new Set(entries.flatMap((entry) => entry.codes.map((code) => code.toLowerCase())));
  const english = englishWords(entries);
  const isCommon = (word: string) =>
    STOPWORDS.has(word) ||
    GENERIC_WORDS.has(word) ||
    english.has(word) ||
    wordEntries(word) > IDENTIFIER.maxEntries ||
    isTerm(word);
  const texts = entries.map(entryTexts);
  // Pass 1: which entries name each key, and whether any occurrence is identifier-shaped.
  texts.forEach((list, e) => {
    for (const text of list) {
      for (const match of text.matchAll(RAW_TOKEN)) {
        if (match[0].length < IDENTIFIER.minKeyChars) continue;
        const shaped = isIdentifierShaped(match[0]);
        for (const key of identifierKeys(match[0])) {
          let record = records.get(key);
          if (!record) {
            record = { entries: [], shaped: false, specific: false };
            records.set(key, record);
          }
          const { entries: named } = record;
          if (named.length <= IDENTIFIER.maxEntries && named[named.length - 1] !== e) named.push(e);
          record.shaped ||= shaped;
        }
      }
    }
  });
  // Pass 2, for the rare keys only: is some occurrence more than a compound of common words?
  for (const list of texts) {
    for (const text of list) {
      for (const match of text.matchAll(RAW_TOKEN)) {
        if (match[0].length < IDENTIFIER.minKeyChars) continue;
        const keys = identifierKeys(match[0]).filter(
          (key) => (records.get(key)?.entries.length ?? Infinity) <= IDENTIFIER.maxEntries,
        );
        if (keys.length === 0 || madeOfCommonWords(match[0], isCommon)) continue;
        for (const key of keys) {
          const record = records.get(key);
          if (record && !isCommon(stem(key))) record.specific = true;
        }
      }
    }
  }
  const rare = new Map<string, { entryIds: string[]; shaped: boolean; rarity: number }>();
  const total = Math.max(2, entries.length);
  for (const [key, record] of records) {
    const df = record.entries.length;
    if (df > IDENTIFIER.maxEntries || !record.specific || codes.has(key) || english.has(key) || isTerm(key))
      continue;
    rare.set(key, {
      entryIds: record.entries.map((e) => entries[e]?.id ?? '').filter((id) => id !== ''),
      shaped: record.shaped,
      // 1 for a key in one entry, less the more entries share it.
      rarity: Math.log(1 + total / df) / Math.log(1 + total),
    });
  }

  return {
    size: rare.size,
    find(text: string): IdentifierHit[] {
      const hits = new Map<string, IdentifierHit>();
      let looked = 0;
      for (const match of text.matchAll(RAW_TOKEN)) {
        if (looked >= IDENTIFIER.maxQueryTokens) break;
        const raw = match[0];
        if (raw.length < IDENTIFIER.minKeyChars) continue;
        looked += 1;
        const shaped = isIdentifierShaped(raw);
        // One piece of evidence per token: its rarest qualifying key ("iaasbcdrextension.exe" and
        // "iaasbcdrextension" name the same thing).
        let best: { key: string; rarity: number; entryIds: string[] } | undefined;
        for (const key of identifierKeys(raw)) {
          const record = rare.get(key);
          if (!record || !(shaped || record.shaped)) continue;
          if (!best || record.rarity > best.rarity) best = { key, ...record };
        }
        if (best && !hits.has(best.key)) hits.set(best.key, { key: best.key, entryIds: best.entryIds });
      }
      return [...hits.values()];
    },
    score(hits: readonly IdentifierHit[]): Map<string, number> {
      const units = new Map<string, number>();
      for (const hit of hits) {
        const rarity = rare.get(hit.key)?.rarity ?? 0;
        for (const id of hit.entryIds) units.set(id, (units.get(id) ?? 0) + rarity);
      }
      const out = new Map<string, number>();
      for (const [id, sum] of units) out.set(id, IDENTIFIER.cap * (1 - Math.exp(-sum / IDENTIFIER.scale)));
      return out;
    },
    keys(): string[] {
      return [...rare.keys()];
    },
  };
}
