/**
 * Error codes and numeric IDs as printed: `UserErrorGuestAgentStatusUnavailable`, `BackUpOperationFailed /
 * BackUpOperationFailedV2`, `(ID: 100050)`, `Error: 100110`, `[0x29834]`, `ErrorCode - FileFaultFault`.
 */

/** An identifier shaped like a code: CamelCase with at least two humps (or all lowercase, as some versions print). */
export function isCodeShaped(token: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9]{7,}$/.test(token)) return false;
  const humps = token.match(/[A-Z][a-z0-9]/g)?.length ?? 0;
  return humps >= 2 || (/^[a-z0-9]+$/.test(token) && /error|fail|fault/.test(token));
}

/** A numeric error ID as printed next to a code or after "ID:" (`100050`, `320001`). */
export function isNumericCode(token: string): boolean {
  return /^\d{3,7}$/.test(token);
}

/** A hex error code (`0x29834`, `0x80070570`): at least five hex digits, so locale ids like 0x409 are not codes. */
const HEX_CODE = /\b(0x[0-9A-Fa-f]{5,8})\b/g;

function cleanCodeText(text: string): string {
  return text.replace(/\*\*|`|["'“”‘’]/g, '').trim();
}

/**
 * Codes after an "Error code:" label: several separated by "/" or ",", quoted or in code spans, numeric IDs
 * leading a code (`320001, ResourceNotFound`). Stops at the first word that is not a code.
 */
export function codesAfterLabel(rest: string): string[] {
  const codes: string[] = [];
  // The label's value runs to the end of its sentence; words in it that are no code ("File Sync
  // PreRestoreFailed", "Vault Credentials Error: 100110") are skipped.
  const value = cleanCodeText(rest).split(/[.;:](?:\s|$)/)[0] ?? '';
  for (const token of value.split(/\s*[,/]\s*|\s+/).slice(0, 8)) {
    const code = token.replace(/[.;:)]+$/, '');
    if (isCodeShaped(code) || isNumericCode(code) || /^0x[0-9A-Fa-f]{4,8}$/.test(code)) codes.push(code);
  }
  return codes;
}

/**
 * Codes that lead a heading: "CODE - message", "CODE / CODE2 - message", "CODE-message", just "CODE", or
 * "320001, ResourceNotFound - message / 400094, BCMV2VMNotFound - message" (each " / " part may lead with codes).
 */
export function codesOfHeading(heading: string): string[] {
  // "#### Error code: UserErrorX" headings name the code after the label.
  const labelled = /^(?:error ?codes?|foutcodes?|오류 코드)\s*:\s*(.+)$/i.exec(heading.trim());
  if (labelled) return codesAfterLabel(labelled[1] ?? '');
  // "### OperationCancelledBecauseConflictingAutohealOperationRunning UserError": one code the heading wraps.
  const split = /^([A-Za-z][A-Za-z0-9]+) ([A-Z][A-Za-z0-9]+)$/.exec(heading.trim());
  if (split && isCodeShaped(split[1] ?? '') && isCodeShaped(`${split[1] ?? ''}${split[2] ?? ''}`))
    return [`${split[1] ?? ''}${split[2] ?? ''}`];
  const codes: string[] = [];
  // "### KubernetesBackupListExtensionsError:" — a closing colon is no part of the code.
  const parts = heading
    .trim()
    .replace(/\s*:$/, '')
    .split(/\s+\/\s+/);
  for (const [index, part] of parts.entries()) {
    const lead = /^([A-Za-z0-9][A-Za-z0-9]*(?:\s*,\s*[A-Za-z0-9]+)*)\s*(?:-+\s*|$)/.exec(part.trim());
    const tokens = (lead?.[1] ?? '').split(/\s*,\s*/);
    const valid =
      tokens.length > 0 && tokens.every((t) => isCodeShaped(t) || (isNumericCode(t) && tokens.length > 1));
    if (lead && valid) codes.push(...tokens);
    else if (index === 0) return [];
  }
  return codes;
}

/** The message part of a "CODE - message" heading (the whole heading when it has no code). */
export function messageOfHeading(heading: string): string {
  const codes = codesOfHeading(heading);
  if (codes.length === 0) return heading.trim();
  if (/^(?:error ?codes?|foutcodes?|오류 코드)\s*:/i.test(heading.trim())) return '';
  return heading.replace(/^[A-Za-z0-9,\s/]+?\s*-+\s*/, '').trim();
}

/** Links' targets removed (a URL's `clcid=0x409` or `id=30653` is not a code). */
function withoutUrls(text: string): string {
  return text.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, '');
}

/** Codes and IDs in an error message or error details cell ("Error 34506.", "Error: 100110", "(ID: 4024)"). */
export function codesInText(text: string): string[] {
  return codesIn(text, true);
}

/**
 * Codes in explanatory text and steps: labelled codes, "(ID: n)", hex codes — but not "Error 1401." from an
 * example log line a step quotes.
 */
export function codesInBody(text: string): string[] {
  return codesIn(text, false);
}

function codesIn(text: string, message: boolean): string[] {
  const plain = withoutUrls(text).replace(/\*\*|`/g, '');
  const found: string[] = [];
  const labelled =
    /(?:error ?codes?|foutcode|오류 코드)\s*[:-]\s*["'“]?([A-Za-z0-9][A-Za-z0-9]*(?:\s*[,/]\s*["'“]?[A-Za-z0-9]+)*)/gi;
  for (const m of plain.matchAll(labelled)) found.push(...codesAfterLabel(m[1] ?? ''));
  if (message)
    for (const m of plain.matchAll(/(?:\bID|\bError|\bFout|오류)\s*:?\s*(\d{4,6})\b/gi))
      found.push(m[1] ?? '');
  for (const m of plain.matchAll(/(?:\bID|오류 ID|\bFout-id)\s*:?\s*(\d{3,6})\b/gi)) found.push(m[1] ?? '');
  for (const m of plain.matchAll(HEX_CODE)) found.push(m[1] ?? '');
  return uniqueCodes(found.filter(Boolean));
}

/**
 * Codes named in prose as errors: "the error **UserErrorSQLNoSysadminMembership**", "one of the following error
 * codes: **A**, **B**, **C**" — bold or code-span identifiers right after the word error / error code(s).
 */
export function codesNamedAsErrors(markdown: string): string[] {
  const found: string[] = [];
  // Bold or code spans right after "error"/"error codes:", each holding one code or a comma list of them
  // ("**A**, **B**" or "**A, B, C**").
  const span =
    String.raw`(?:\*\*|` +
    '`' +
    String.raw`)[A-Za-z][A-Za-z0-9]+(?:\s*,\s*[A-Za-z][A-Za-z0-9]+)*(?:\*\*|` +
    '`)';
  const run = new RegExp(
    String.raw`\b(?:error|errors|error codes?)\s*:?\s*((?:${span}(?:\s*,\s*|\s+(?:or|and)\s+|,?\s*)?)+)`,
    'gi',
  );
  for (const m of markdown.matchAll(run)) {
    for (const token of (m[1] ?? '').replace(/\*\*|`/g, ' ').split(/[\s,]+/)) {
      if (isCodeShaped(token)) found.push(token);
    }
  }
  return uniqueCodes(found);
}

/** Unique codes, case-insensitively, keeping the first spelling that has capitals. */
export function uniqueCodes(codes: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const code of codes) {
    const key = code.toLowerCase();
    const seen = byKey.get(key);
    if (seen === undefined || (seen === key && code !== key)) byKey.set(key, code);
  }
  return [...byKey.values()];
}
