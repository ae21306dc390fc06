/**
 * Codes in a paste: catalogue codes named exactly (case-insensitive) or with a typo or two, numeric and hex IDs
 * where the text says they are IDs, and — to know what we don't know — codes shaped like the catalogue's own
 * (same family prefix, short hex, an "(ID: n)") that are in no entry, and other products' error codes.
 */
import { MODEL } from './model';
import { splitCamel } from './text';

export interface CodeHit {
  /** The catalogue spelling of the code. */
  code: string;
  /** Indexes of the entries carrying it. */
  entries: readonly number[];
  /** Typos between what was pasted and the code (0 = exact). */
  typos: number;
  /** A number without "ID"/"error" next to it, accepted because the paste says little else. */
  bare: boolean;
  /** A Windows HRESULT (0x8xxxxxxx) inside other text: shared by every Windows product. */
  generic: boolean;
  /** The text around it says this is the error that matters ("main error", "caused by …"). */
  emphasised: boolean;
  /** The text says this one does not matter now ("ignore …", "… was fixed", "yesterday …"). */
  demoted: boolean;
}

export interface CodeExtraction {
  hits: CodeHit[];
  /** Codes of the Azure Backup family (catalogue prefixes, short hex codes, "(ID: n)") that no entry has. */
  unknown: string[];
  /** Error-code-shaped tokens of some other product (AuthorizationPermissionMismatch, OutOfMemoryError). */
  foreign: string[];
}

export interface CodeIndex {
  extract(text: string): CodeExtraction;
}

const GRAM = 3;
const MAX_FUZZY_TOKENS = 100;
const TOKEN = /[A-Za-z][A-Za-z0-9_]{3,}/g;
const HEX = /\b0x[0-9a-f]{3,8}\b/gi;
/** A number the text introduces as an ID or error: "ID: 100050", "(ID 33621)", "error 4024", "Fout-id: 2013", "[4024]". */
const NUMBER_IN_CONTEXT =
  /(?:\b(?:error|fout|foutcode|code|errorcode)?[\s-]?id\b|\b(?:error|fout|foutcode|errorcode|code)\b|오류)\s{0,3}(?:id)?\s{0,3}[:#=-]?\s{0,3}(\d{3,7})\b|[[(]\s{0,2}(\d{4,7})\s{0,2}[\])]/gi;
/** IDs that name an event, job or process, never an error: not a code we could be missing. */
const NOT_AN_ERROR_ID =
  /\b(?:event|job|process|thread|request|activity|session|task|user|tenant|instance)[\s-]*id\s{0,3}[:#=]?\s{0,3}$/i;
/** Short hex codes (DPM/MARS style 0x29834); 8-digit HRESULTs are Windows', not a backup error of their own. */
const SHORT_HEX = /^0x[0-9a-f]{4,6}$/i;
/** Words that make a camel-case or snake_case token an error code rather than a name. */
const ERROR_WORDS =
  /(?:Error|Fail|Fault|Exception|Exceeded|NotFound|Mismatch|Denied|Invalid|Unavailable|Timeout|TimedOut|Forbidden|Conflict|Unauthorized|Unsupported|Limit|Missing|NotSupported)/;
/**
 * What says a code is the one that matters: "main error", "caused by", "now getting", "still", "the failing one is",
 * "what actually blocks us is", "hoofdfout", "nu krijgen we", "원인", "지금은" shortly before it; "… is the real
 * problem", "… still happening", "… which is new" after it.
 */
const EMPHASIS_BEFORE =
  /(?:\b(?:main|primary|actual|real|root|underlying|caused by|because of|due to|now|still|currently|instead|new (?:error|one|thing)|(?:failing|blocking|current|live|open|remaining) (?:one|error|issue)|need help with|keeps failing|what (?:actually |really )?(?:blocks|fails|matters|breaks)|right now|at the moment|hoofdfout|eigenlijke|oorzaak|nu|nog steeds)\b|주요|실제|원인|지금|여전히)[^.\n]{0,40}$/i;
const EMPHASIS_AFTER =
  /^[^.\n]{0,12}\b(?:(?:is|was)\s+(?:the\s+|our\s+)?(?:main|real|actual|root|primary|new)\b|(?:is|which is)\s+(?:the\s+|our\s+)?(?:real\s+|main\s+|actual\s+)?(?:blocker|problem|issue)\b|still\s+(?:happening|failing|there|open|occurring)\b|keeps?\s+(?:failing|happening|coming back|showing up)\b|which is new\b|is what (?:we|i) need help with\b|is what matters\b|is (?:the )?(?:root )?cause\b|is (?:the one |what(?:'s| is) )?failing\b|blijft\b)|^[^.\n]{0,12}(?:계속|(?:이|가) 문제)/i;
/**
 * What sets a code aside: "ignore …", "earlier/yesterday …", "fixed/resolved/sorted out …", "not worried about …",
 * "besides the usual …", "negeer", "opgelost", "무시", "어제" shortly before it; "… was fixed / is gone / went away /
 * no longer appears / is a red herring / is expected / (resolved, …) / 해결됐 / is opgelost" after it; or a remark
 * marked off after it on its line ("<- ignore", "— fixed", "- cleared after …", ": done").
 */
const DEMOTED_BEFORE =
  /\b(?:ignore|ignoring|disregard|earlier|previously|yesterday|last (?:week|night|month)|apart from|aside from|other than|besides|not worried about|negeer|eerder|gisteren)\b[^.;,\n]{0,30}$|\b(?:not|isn't|isnt|wasn't|wasnt|instead of|rather than)\s+(?:(?:the|an?)\s+)?$|\b(?:fixed|fixing|resolved|solved|sorted out|cleared|got rid of|got past|no more|used to get|was getting)\s+(?:(?:the|that|this|an?|our|all)\s+)?(?:[\w-]+\s+)?$|(?:어제|이전에)[^.;,\n]{0,20}$/i;
/** Words that say an error is dealt with or does not matter ("fixed", "a red herring", "opgelost"). */
const SET_ASIDE = String.raw`(?:fixed|resolved|solved|sorted|cleared|done|closed|gone|harmless|benign|expected|unrelated|known|noise|fine|old|stale|transient|cosmetic|a red herring|a one-off|(?:just |only )?(?:a |the )?(?:symptom|side effect|follow-on|knock-on|consequence)|not the (?:issue|problem|cause)|opgelost|verholpen)`;
const DEMOTED_AFTER = new RegExp(
  String.raw`^[^.\n]{0,25}?(?:\b(?:is|was|were|got|been|zijn)\s+(?:already\s+|now\s+|long\s+)?(?:${SET_ASIDE}|yesterday|earlier|gisteren|eerder)\b|\((?:fixed|resolved|ignored?|old|harmless|known|expected)\b|\b(?:can be ignored|went away|disappeared|cleared up|resolved itself|fixed itself|(?:only )?(?:happened|showed up|appeared) once|no longer (?:appears|shows|happens|occurs|comes up))\b|\b(?:that's|thats|that is|it's|its|which is|is)\s+(?:just\s+|only\s+)?(?:an?\s+)?(?:known|expected|harmless|benign|old|noise|warning|one-off)\b)` +
    String.raw`|^[^.\n]{0,40}?(?:해결(?:됐|되었|했|완료)|무시)` +
    String.raw`|^\s*(?:[-–—:(]|<-+|=>)\s*(?:ignore|ignored|${SET_ASIDE})\b` +
    String.raw`|^.{0,200}?(?:<-+|-->?|[—–(\[#,;]|\s-\s).{0,60}?\b(?:ignore|ignored|fixed|resolved)\W*$`,
  'i',
);

/**
 * When none of the patterns above speaks, the clause a code sits in (its sentence, line, or the part of it before
 * or after a "but" / "and" / comma) may still say how it stands: words that set an error aside against words that
 * say it is live, counted without their order, so that phrasings nobody wrote into the patterns count too.
 */
const CLAUSE_BREAK =
  /[.!?;](?=\s|$)|\n|,|\s(?:but|and|however|though|although|whereas|while|maar|en|terwijl)\s|(?:지만|는데|고)\s/giu;
const CLAUSE_SET_ASIDE = new RegExp(
  String.raw`\b(?:${SET_ASIDE}|ignore[sd]?|ignoring|herring|symptom|one-off|once|earlier|previously|yesterday|last (?:week|night|month)|went away|disappeared|no longer|anymore|used to|worked around|handled|mitigated|succeeded|passed|negeer|gisteren|eerder|weg)\b|해결|무시|어제|이전`,
  'giu',
);
const CLAUSE_LIVE = new RegExp(
  String.raw`\b(?:now|still|currently|today|tonight|again|keeps?|every (?:night|day|time|run)|persists?|remaining|blocker|blocking|blocks|real|main|actual|actually|root|new|need help|urgent|nu|nog|steeds|blijft|vandaag)\b|지금|계속|여전히|문제`,
  'giu',
);
const count = (pattern: RegExp, text: string) => text.match(pattern)?.length ?? 0;

/** The live words minus the set-aside words of the clause around text[at, at + length). */
function clauseStance(text: string, at: number, length: number): number {
  let start = 0;
  let end = text.length;
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    if (match.index + match[0].length <= at) start = match.index + match[0].length;
    else if (match.index >= at + length) {
      end = match.index;
      break;
    }
  }
  const clause = text.slice(start, at) + ' ' + text.slice(at + length, end);
  return count(CLAUSE_LIVE, clause) - count(CLAUSE_SET_ASIDE, clause);
}

/** Whether a clause that holds none of the codes (spans) is live: the error that matters is written out there. */
function liveElsewhere(text: string, spans: ReadonlyArray<readonly [number, number]>): boolean {
  let start = 0;
  for (const match of [...text.matchAll(CLAUSE_BREAK), { index: text.length, 0: '' }]) {
    const end = match.index;
    const clause = text.slice(start, end);
    if (
      !spans.some(([from, to]) => from < end && to > start) &&
      count(CLAUSE_LIVE, clause) > count(CLAUSE_SET_ASIDE, clause)
    )
      return true;
    start = end + match[0].length;
  }
  return false;
}

/** The text after a code up to its line's end (DEMOTED_AFTER's patterns are anchored and bounded). */
const restOfLine = (text: string, from: number) => text.slice(from).split('\n', 1)[0] ?? '';

/** Allowed typos in a code name of this length. */
export function maxTypos(length: number): number {
  if (length < 12) return 0;
  if (length < 16) return 1;
  if (length < 30) return 2;
  return 3;
}

/**
 * Edit distance with a cut-off (insertions, deletions, substitutions and swaps of two neighbours, the commonest
 * typos): limit + 1 as soon as the distance must exceed limit.
 */
export function boundedLevenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? limit + 1;
}

/** An identifier shaped like an error code: camel case or snake_case with an error word in it. */
export function isErrorCodeShaped(token: string): boolean {
  if (token.length < 10 || token.length > MODEL.maxCodeChars) return false;
  if (/[a-z][A-Z]/.test(token)) return ERROR_WORDS.test(token);
  const parts = token.split('_').filter((part) => part.length > 0);
  return (
    parts.length >= 2 &&
    parts.some((part) => ERROR_WORDS.test(part[0]?.toUpperCase() + part.slice(1).toLowerCase()))
  );
}

const firstWord = (code: string) => (splitCamel(code)[0] ?? '').toLowerCase();

const grams = (text: string) =>
  new Set(Array.from({ length: Math.max(0, text.length - GRAM + 1) }, (_, i) => text.slice(i, i + GRAM)));

/**
 * `documented` tells whether the catalogue's text names a token (as a name, word or number) although no entry has
 * it as a code: such a token is not a code we are missing.
 */
export function buildCodeIndex(
  entries: ReadonlyArray<{ codes: readonly string[] }>,
  documented: (token: string) => boolean = () => false,
): CodeIndex {
  const byLower = new Map<string, { code: string; entries: number[] }>();
  entries.forEach((entry, e) => {
    for (const code of entry.codes) {
      const lower = code.toLowerCase();
      const record = byLower.get(lower) ?? { code, entries: [] };
      if (!record.entries.includes(e)) record.entries.push(e);
      byLower.set(lower, record);
    }
  });
  // The families of the catalogue's code names: a first word that starts two or more codes (UserError…, CBP…).
  const firstWords = new Map<string, number>();
  for (const { code } of byLower.values())
    if (/[a-z][A-Z]/.test(code)) firstWords.set(firstWord(code), (firstWords.get(firstWord(code)) ?? 0) + 1);
  const families = new Set([...firstWords].filter(([, n]) => n >= 2).map(([word]) => word));

  const fuzzy = [...byLower.keys()].filter(
    (lower) => /^[a-z][a-z0-9]+$/.test(lower) && maxTypos(lower.length) > 0,
  );
  const postings = new Map<string, number[]>();
  fuzzy.forEach((lower, i) => {
    for (const gram of grams(lower)) {
      const list = postings.get(gram);
      if (list) list.push(i);
      else postings.set(gram, [i]);
    }
  });

  /**
   * The catalogue code a long token is a typo of. Within k edits at most k·q of the token's q-grams are destroyed,
   * so among its m rarest grams a code within k edits shares at least m − k·q: only those m postings are counted
   * (m = 2·k·q + 1 when the token has that many), then the edit distance decides.
   */
  function nearest(lower: string): { lower: string; typos: number } | undefined {
    const limit = maxTypos(lower.length);
    const lists = [...grams(lower)]
      .map((gram) => postings.get(gram) ?? [])
      .sort((a, b) => a.length - b.length);
    const m = Math.min(lists.length, 2 * limit * GRAM + 1);
    const needed = m - limit * GRAM;
    if (limit === 0 || needed <= 0) return undefined;
    const counts = new Map<number, number>();
    for (const list of lists.slice(0, m)) for (const i of list) counts.set(i, (counts.get(i) ?? 0) + 1);
    let best: { lower: string; typos: number } | undefined;
    for (const [i, count] of counts) {
      const candidate = fuzzy[i];
      if (count < needed || candidate === undefined) continue;
      const typos = boundedLevenshtein(lower, candidate, Math.min(limit, maxTypos(candidate.length)));
      if (typos <= limit && (!best || typos < best.typos)) best = { lower: candidate, typos };
    }
    return best;
  }

  return {
    extract(text: string): CodeExtraction {
      const hits = new Map<string, CodeHit>();
      const unknown = new Set<string>();
      const foreign = new Set<string>();
      const stances = new Map<string, number>(); // per code, its clauses' stance (clauseStance)
      const spans: Array<[number, number]> = [];
      // A paste of little more than one code asks about it: a bare number or HRESULT then means ours.
      const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
      const alone = words.length <= 3;
      const add = (lower: string, at: number, length: number, typos: number, bare = false) => {
        const record = byLower.get(lower);
        if (!record) return;
        const emphasised =
          EMPHASIS_BEFORE.test(text.slice(Math.max(0, at - 60), at)) ||
          EMPHASIS_AFTER.test(text.slice(at + length, at + length + 40));
        const demoted =
          DEMOTED_BEFORE.test(text.slice(Math.max(0, at - 60), at)) ||
          DEMOTED_AFTER.test(restOfLine(text, at + length));
        const previous = hits.get(lower);
        spans.push([at, at + length]);
        const stance = clauseStance(text, at, length) + (stances.get(lower) ?? 0);
        stances.set(lower, stance);
        hits.set(lower, {
          code: record.code,
          entries: record.entries,
          typos: Math.min(typos, previous?.typos ?? typos),
          bare: bare && (previous?.bare ?? true),
          generic: !alone && /^0x8[0-9a-f]{7}$/i.test(record.code),
          // Said to be dealt with wins over a word like "now" or "still" near it.
          emphasised: (emphasised && !demoted) || (previous?.emphasised ?? false),
          demoted: demoted && (previous?.demoted ?? true),
        });
      };
      let budget = MAX_FUZZY_TOKENS;
      for (const match of text.matchAll(TOKEN)) {
        const token = match[0];
        if (token.length > MODEL.maxCodeChars) continue;
        const lower = token.toLowerCase();
        const exact = byLower.has(lower)
          ? lower
          : byLower.has(lower.replace(/_/g, ''))
            ? lower.replace(/_/g, '')
            : '';
        if (exact) {
          add(exact, match.index, token.length, 0);
          continue;
        }
        const codeLike = token.length >= 12 && (/[a-z][A-Z].*[a-z][A-Z]/.test(token) || token.length >= 16);
        const near = codeLike && budget-- > 0 ? nearest(lower) : undefined;
        if (near) add(near.lower, match.index, token.length, near.typos);
        else if (isErrorCodeShaped(token) && !documented(token))
          (families.has(firstWord(token)) ? unknown : foreign).add(token);
      }
      for (const match of text.matchAll(HEX)) {
        const lower = match[0].toLowerCase();
        if (byLower.has(lower)) add(lower, match.index, lower.length, 0);
        else if (SHORT_HEX.test(lower) && !documented(lower)) unknown.add(match[0]);
      }
      for (const match of text.matchAll(NUMBER_IN_CONTEXT)) {
        const value = match[1] ?? match[2] ?? '';
        const at = match.index + match[0].length - value.length;
        if (byLower.has(value)) add(value, at, value.length, 0);
        else if (
          /\bid\s{0,3}[:#=]?\s{0,3}\d+$/i.test(match[0]) &&
          !NOT_AN_ERROR_ID.test(text.slice(0, at)) &&
          !documented(value)
        )
          unknown.add(value);
      }
      // A catalogue number on its own ("100110", "4024?"): the paste says little else, so it means the code. In a
      // paste that names another code of ours it is one of the codes talked about (five digits or more: not a year).
      const few = hits.size === 0 && alone;
      const amongCodes = hits.size > 0;
      for (const word of words)
        if (/^\d{3,7}$/.test(word) && byLower.has(word) && !hits.has(word))
          if (few || (amongCodes && word.length >= 5)) add(word, text.indexOf(word), word.length, 0, true);
      // No pattern spoke about any code: the clauses decide, when they tell the codes apart — or, for codes all
      // set aside, when a clause without a code is live (the error that matters is written out).
      const all = [...hits.values()];
      if (all.length > 0 && !all.some((hit) => hit.emphasised || hit.demoted)) {
        const stance = (hit: CodeHit) => stances.get(hit.code.toLowerCase()) ?? 0;
        const live = all.filter((hit) => stance(hit) > 0);
        const aside = all.filter((hit) => stance(hit) < 0);
        if (live.length === 1 && all.length > 1) for (const hit of live) hit.emphasised = true;
        else if (
          live.length === 0 &&
          aside.length > 0 &&
          (aside.length < all.length || liveElsewhere(text, spans))
        )
          for (const hit of aside) hit.demoted = true;
      }
      return { hits: all, unknown: [...unknown], foreign: [...foreign] };
    },
  };
}
