/**
 * Extraction stage: error codes and numeric IDs in a paste, looked up in the catalogue's codes exactly
 * (case-insensitive) or within a small edit distance (typos), and numeric IDs only where the text says they are
 * IDs ("ID: 100050", "(ID 33621)", "Error ID: 2013", "error 4024", "[0x29834]").
 */
import { MAX_CODE_TOKEN_CHARS } from './limits';

export interface CodeHit {
  /** The catalogue spelling of the code that was recognised. */
  code: string;
  /** What the paste said. */
  found: string;
  /** Entries carrying the code. */
  entryIds: string[];
  /** Edit distance between what was found and the code (0 = exact). */
  distance: number;
  how: 'exact' | 'fuzzy' | 'numeric';
}

export interface CodeExtraction {
  hits: CodeHit[];
  /**
   * Error-code-shaped tokens that are no catalogue code, not even a typo of one ("OutOfMemoryError",
   * "AuthorizationPermissionMismatch"): evidence that the paste is about some other product's error.
   */
  foreign: string[];
}

export interface CodeIndex {
  extract(text: string): CodeExtraction;
}

interface CodeRecord {
  code: string;
  lower: string;
  entryIds: string[];
}

const GRAM = 3;
const MAX_FUZZY_TOKENS = 200;
const TOKEN = /[A-Za-z][A-Za-z0-9_]{5,}/g;
const HEX = /\b0x[0-9a-f]{3,10}\b/gi;
// A number counts only when introduced as an ID: "ID: 100050", "Error ID: 2013", "(ID 33621)", "error 4024",
// "Fout-id: 2013", "오류 ID: 2013", or bracketed like "[4024]".
const NUMERIC_IN_CONTEXT =
  /(?:\b(?:error|fout|foutcode|code|errorcode|event)?[\s-]?id\b|\b(?:error|fout|foutcode|errorcode|code)\b|오류)\s{0,3}(?:id)?\s{0,3}[:#=-]?\s{0,3}(\d{3,7})\b/gi;
const NUMERIC_BRACKETED = /[[(]\s{0,2}(\d{4,7})\s{0,2}[\])]/g;

/** Allowed typos for a code-like token of this length. */
export function maxTypos(length: number): number {
  if (length < 12) return 0;
  if (length < 16) return 1;
  if (length < 30) return 2;
  return 3;
}

/** Levenshtein distance with a cut-off: returns limit + 1 as soon as the distance must exceed limit. */
export function boundedLevenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? limit + 1;
}

/** Looks like an identifier someone typed or pasted: long, letters, camel humps or all one case. */
function isCodeLike(token: string): boolean {
  if (token.length < 12 || token.length > MAX_CODE_TOKEN_CHARS) return false;
  const humps = token.match(/[a-z][A-Z]/g)?.length ?? 0;
  if (humps >= 2) return true;
  return token.length >= 16 && (token === token.toLowerCase() || token === token.toUpperCase());
}

/** Words that make a camel-case token an error code rather than a name. */
const ERROR_CODE_WORDS =
  /(?:Error|Fail|Fault|Exception|Exceeded|NotFound|Mismatch|Denied|Invalid|Unavailable|Timeout|TimedOut|Forbidden|Conflict|Unauthorized|Unsupported|Limit|Missing)/;

/** An identifier shaped like an error code: camel case with an error word in it. */
export function isErrorCodeShaped(token: string): boolean {
  if (token.length < 10 || token.length > MAX_CODE_TOKEN_CHARS) return false;
  const humps = token.match(/[a-z][A-Z]/g)?.length ?? 0;
  if (humps >= 1) return ERROR_CODE_WORDS.test(token);
  // snake_case codes: repository_missing_exception, ERROR_ACCESS_DENIED.
  const parts = token.split('_').filter((part) => part.length > 0);
  return parts.length >= 2 && parts.some((part) => SNAKE_ERROR_WORDS.has(part.toLowerCase()));
}

const SNAKE_ERROR_WORDS = new Set([
  'error',
  'exception',
  'failed',
  'failure',
  'fault',
  'missing',
  'denied',
  'invalid',
  'timeout',
  'notfound',
  'forbidden',
  'unavailable',
]);

function grams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + GRAM <= text.length; i += 1) out.add(text.slice(i, i + GRAM));
  return out;
}

export function buildCodeIndex(entries: ReadonlyArray<{ id: string; codes: readonly string[] }>): CodeIndex {
  const byLower = new Map<string, CodeRecord>();
  for (const entry of entries) {
    for (const code of entry.codes) {
      const lower = code.toLowerCase();
      const record = byLower.get(lower) ?? { code, lower, entryIds: [] };
      if (!record.entryIds.includes(entry.id)) record.entryIds.push(entry.id);
      byLower.set(lower, record);
    }
  }
  const fuzzyRecords = [...byLower.values()].filter(
    (r) => /^[a-z][a-z0-9]+$/.test(r.lower) && maxTypos(r.lower.length) > 0,
  );
  const postings = new Map<string, number[]>();
  fuzzyRecords.forEach((record, index) => {
    for (const gram of grams(record.lower)) {
      const list = postings.get(gram) ?? [];
      list.push(index);
      postings.set(gram, list);
    }
  });

  function fuzzyLookup(lower: string): { record: CodeRecord; distance: number } | undefined {
    const limit = maxTypos(lower.length);
    if (limit === 0) return undefined;
    const tokenGrams = grams(lower);
    // q-gram lemma: within k edits, at least |grams| - k·q grams are shared.
    const needed = tokenGrams.size - limit * GRAM;
    if (needed <= 0) return undefined;
    const counts = new Map<number, number>();
    for (const gram of tokenGrams) {
      for (const index of postings.get(gram) ?? []) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    let best: { record: CodeRecord; distance: number } | undefined;
    for (const [index, count] of counts) {
      if (count < needed) continue;
      const record = fuzzyRecords[index];
      if (!record) continue;
      const distance = boundedLevenshtein(
        lower,
        record.lower,
        Math.min(limit, maxTypos(record.lower.length)),
      );
      if (distance <= limit && (!best || distance < best.distance)) best = { record, distance };
    }
    return best;
  }

  return {
    extract(text: string): CodeExtraction {
      const hits = new Map<string, CodeHit>();
      const foreign: string[] = [];
      const add = (record: CodeRecord, found: string, distance: number, how: CodeHit['how']) => {
        const previous = hits.get(record.lower);
        if (previous && previous.distance <= distance) return;
        hits.set(record.lower, { code: record.code, found, entryIds: record.entryIds, distance, how });
      };
      const seen = new Set<string>();
      let fuzzyBudget = MAX_FUZZY_TOKENS;
      for (const match of text.matchAll(TOKEN)) {
        const token = match[0];
        if (token.length > MAX_CODE_TOKEN_CHARS || seen.has(token)) continue;
        seen.add(token);
        const lower = token.toLowerCase();
        const exact = byLower.get(lower) ?? byLower.get(lower.replace(/_/g, ''));
        if (exact) {
          add(exact, token, 0, 'exact');
          continue;
        }
        let near: ReturnType<typeof fuzzyLookup>;
        if (isCodeLike(token) && fuzzyBudget > 0) {
          fuzzyBudget -= 1;
          near = fuzzyLookup(lower);
          if (near) add(near.record, token, near.distance, 'fuzzy');
        }
        if (!near && isErrorCodeShaped(token)) foreign.push(token);
      }
      for (const match of text.matchAll(HEX)) {
        const record = byLower.get(match[0].toLowerCase());
        if (record) add(record, match[0], 0, 'numeric');
      }
      for (const pattern of [NUMERIC_IN_CONTEXT, NUMERIC_BRACKETED]) {
        for (const match of text.matchAll(pattern)) {
          const value = match[1];
          const record = value ? byLower.get(value) : undefined;
          if (record && value) add(record, value, 0, 'numeric');
        }
      }
      return { hits: [...hits.values()], foreign };
    },
  };
}
