/**
 * Domain queries over the catalogue that the bot's intents ask (search, `stats <code>`, which codes a paste
 * names). Pure: plain functions of the catalogue (or its entries) and the text asked about.
 */
import Fuse from 'fuse.js';
import type { Catalogue } from './catalogue';
import type { Entry } from './schema';

function haystackOf(entry: Entry): string {
  const texts = [
    entry.id,
    ...entry.codes,
    ...entry.refs,
    ...Object.values(entry.title),
    ...Object.values(entry.message),
  ];
  return texts.join('\n').toLowerCase();
}

/** Entries whose codes, refs, titles or messages contain every word (errors and guides before causes). */
export function searchCatalogue(entries: readonly Entry[], query: string): Entry[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return [];
  const hits = entries.filter((entry) => {
    const haystack = haystackOf(entry);
    return words.every((word) => haystack.includes(word));
  });
  if (hits.length === 0) return fuzzySearch(entries, words);
  const rank = (e: Entry) => (e.kind === 'cause' ? 1 : 0);
  return [...hits].sort((a, b) => rank(a) - rank(b));
}

/** One fuse.js index per catalogue (entries are immutable), built on the first search that needs it. */
const fuzzyIndexes = new WeakMap<readonly Entry[], Fuse<Entry>>();

/**
 * When no entry contains every word as typed: every word within a few typos (fuse.js extended search ANDs the
 * words), best first — `UserErrorGuestAgnetStatus` or `kluisrefrenties` still find their entry.
 */
function fuzzySearch(entries: readonly Entry[], words: string[]): Entry[] {
  let index = fuzzyIndexes.get(entries);
  if (!index) {
    index = new Fuse([...entries], {
      keys: [
        { name: 'codes', weight: 3 },
        { name: 'title', weight: 2, getFn: (entry) => Object.values(entry.title) },
        { name: 'message', getFn: (entry) => Object.values(entry.message) },
        { name: 'refs' },
      ],
      ignoreLocation: true,
      useExtendedSearch: true,
      threshold: 0.3,
    });
    fuzzyIndexes.set(entries, index);
  }
  // Characters that extended search reads as operators are not part of any code or word we search for.
  const pattern = words
    .map((word) => word.replace(/[!^=$'|"]/g, ''))
    .filter(Boolean)
    .join(' ');
  return pattern ? index.search(pattern).map((result) => result.item) : [];
}

/** The entry's codes that occur in a text (the "matched code" an outcome keeps instead of the text). */
export function codesIn(text: string, entry: Entry): string[] {
  const lower = text.toLowerCase();
  return entry.codes.filter((code) => lower.includes(code.toLowerCase())).slice(0, 20);
}

/** The entry a name designates exactly: an error code, a ref or an entry id (case-insensitive codes and refs). */
export function entryNamedBy(catalogue: Catalogue, name: string): Entry | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) return undefined;
  return catalogue.byErrorCode(trimmed) ?? catalogue.byReference(trimmed) ?? catalogue.get(trimmed);
}
