/**
 * Clean-up stage: turns whatever arrived (Teams HTML, portal copies, logs) into plain text without noise.
 * Every regular expression here is linear (no nested quantifiers) and the input is cut first.
 */
import { MODEL } from './model';

const MAX_INPUT_CHARS = MODEL.maxInputChars;

export interface CleanedText {
  /** Plain text: tags, mentions and entities resolved, noise (GUIDs, times, URLs, paths, hosts) removed. */
  text: string;
  /** True when the input was longer than MAX_INPUT_CHARS and was cut. */
  truncated: boolean;
}

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  rarr: '→',
  larr: '←',
  zwj: '',
  zwnj: '',
  shy: '',
};

/** Decodes HTML character references (named, decimal, hex); unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Removes Teams markup: `<at>` mentions, block tags as line breaks, other tags dropped. */
export function stripMarkup(text: string): string {
  return text
    .replace(/\\</g, '<')
    .replace(/<at\b[^<>]{0,200}>[^<]{0,200}<\/at>/gi, ' ')
    .replace(/<(?:br|\/p|\/div|\/li|li|\/tr|\/h[1-6]|\/pre|\/blockquote)\b[^<>]{0,200}>/gi, '\n')
    .replace(/<\/?[a-z][a-z0-9-]{0,30}(?:\s[^<>]{0,500})?\/?>/gi, ' ');
}

const NOISE: ReadonlyArray<[RegExp, string]> = [
  // URLs and e-mail addresses.
  [/\b(?:https?|ftp):\/\/[^\s<>"'`)\]]{1,2000}/gi, ' '],
  [/\bwww\.[^\s<>"'`)\]]{1,2000}/gi, ' '],
  [/\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}\b/g, ' '],
  // GUIDs / correlation ids.
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' '],
  // Dates and times: 2021-08-21, 10/11/2020, 02:00:18.902, 9:30 PM, T02:11:09Z.
  [/\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, ' '],
  [/\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b/g, ' '],
  [/\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d{1,9})?(?:\s?[AP]M\b)?/gi, ' '],
  // IPv4 addresses.
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, ' '],
  // Host names under common private/public suffixes (MABS02.fabrikam.local, vm01.contoso.com).
  [
    /\b[a-z0-9][\w-]{0,62}(?:\.[\w-]{1,63}){0,5}\.(?:local|lan|corp|internal|intra|com|net|org|io|cloud|nl|kr)\b/gi,
    ' ',
  ],
  // Resource names (vm-erp-db-01, WEB-EU-02, sql-reporting-02): three or more dash-joined parts, one with a digit.
  [/(?<![\w.-])(?=[\w-]*\d)[a-z0-9]+(?:-[a-z0-9]+){2,}(?![\w-]|\.\w)/gi, ' '],
  // Windows paths (drive or UNC) and Unix paths: keep only the last segment, it may name a file or service.
  [/(?:\b[a-z]:\\|\\\\)(?:[^\\\n"'<>|]{1,255}\\){0,40}/gi, ' '],
  [/(?<=^|[\s('"=])(?:\/[\w.@-]{1,255}){2,40}\//g, ' '],
  // Placeholders like <ServerName>, <VMName> that survived markup removal.
  [/<[A-Za-z][\w ]{0,40}>/g, ' '],
  // Fields naming a machine or vault (Computer: WEB-EU-02, Vault: rsv-prod): a name, never which error.
  [
    /(?<=^|\n|\|)[ \t]*(?:computer|server|host ?name|machine|vault|vm(?: name)?)[ \t]*[:=\t][^\n|]{0,200}/gim,
    ' ',
  ],
  // Field labels of event logs, portal blades and alerts ("Log Name:", "Task Category:", "Start time:"): the
  // label says what kind of record it is, never which error; the value after it stays.
  [
    /(?<=^|\n|\|)[ \t]*(?:log name|source|date|event id|task category|level|keywords|user|computer|op ?code|severity|status|start time|end time|duration|job id|activity id|correlation id|request id|alert raised(?: \(utc\))?|backup item|item|vault|server|datasource|backup management type|protected item|description)[ \t]*[:=\t]/gim,
    ' ',
  ],
];

/** Removes identifiers that never help recognise an error and only add noise. */
export function stripNoise(text: string): string {
  let out = text;
  for (const [pattern, replacement] of NOISE) out = out.replace(pattern, replacement);
  return out;
}

/** Replaces control characters and other binary junk by spaces. */
export function stripBinary(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\ufeff\u200b-\u200d]/g, ' ');
}

/** The clean-up stage: cut, de-binary, de-HTML, decode entities, drop noise, collapse spaces. */
export function cleanText(raw: string): CleanedText {
  const truncated = raw.length > MAX_INPUT_CHARS;
  let text = truncated ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  text = stripBinary(text);
  text = stripMarkup(text);
  text = decodeEntities(text);
  text = stripNoise(text);
  text = text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  return { text, truncated };
}
