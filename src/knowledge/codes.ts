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

const CODE_LIST = /([A-Za-z][A-Za-z0-9]+(?:\s*\/\s*[A-Za-z][A-Za-z0-9]+)*)/;

/** Codes after an "Error code:" label (several separated by "/"). */
export function codesAfterLabel(rest: string): string[] {
  const match = CODE_LIST.exec(rest.replace(/\*/g, '').trim());
  if (!match || match.index !== 0) return [];
  return (match[1] ?? '')
    .split('/')
    .map((c) => c.trim())
    .filter(isCodeShaped);
}

/** Codes that lead a heading: "CODE - message", "CODE / CODE2 - message", "CODE-message" or just "CODE". */
export function codesOfHeading(heading: string): string[] {
  const text = heading.trim();
  const lead = /^([A-Za-z][A-Za-z0-9]+(?:\s*\/\s*[A-Za-z][A-Za-z0-9]+)*)\s*(?:-+\s*|$)/.exec(text);
  if (!lead) return [];
  const codes = (lead[1] ?? '').split('/').map((c) => c.trim());
  return codes.every(isCodeShaped) ? codes : [];
}

/** The message part of a "CODE - message" heading (the whole heading when it has no code). */
export function messageOfHeading(heading: string): string {
  const codes = codesOfHeading(heading);
  if (codes.length === 0) return heading.trim();
  return heading.replace(/^[A-Za-z0-9\s/]+?\s*-+\s*/, '').trim();
}

/** Codes and IDs mentioned in running text (error details cells, messages). */
export function codesInText(text: string): string[] {
  const plain = text.replace(/\*\*/g, '');
  const found: string[] = [];
  for (const m of plain.matchAll(/(?:error ?code|foutcode|오류 코드)\s*[:-]\s*([A-Za-z][A-Za-z0-9]+(?:\s*\/\s*[A-Za-z][A-Za-z0-9]+)*)/gi))
    found.push(...codesAfterLabel(m[1] ?? ''));
  for (const m of plain.matchAll(/(?:\bID|\bError|\bFout|오류)\s*:?\s*(\d{4,6})\b/gi)) found.push(m[1] ?? '');
  for (const m of plain.matchAll(/(?:\bID|오류 ID|\bFout-id)\s*:?\s*(\d{4,6})\b/gi)) found.push(m[1] ?? '');
  for (const m of plain.matchAll(/\[(0x[0-9A-Fa-f]{4,8})\]/g)) found.push(m[1] ?? '');
  return uniqueCodes(found.filter(Boolean));
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
