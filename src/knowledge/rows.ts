/**
 * Which row of another version's (or language's) table documents the same error. Rows are joined by position
 * when both tables have the same number of rows and no position contradicts it (two rows whose error codes
 * differ); otherwise by error codes and shared content (links, commands, numbers), never by position alone.
 * A row nothing matches stays an entry of its own.
 */
import type { ParsedUnit } from './model';
import { overlap, signature } from './stepAlignment';

function codeSet(unit: ParsedUnit): Set<string> {
  return new Set(unit.codes.map((c) => c.toLowerCase()));
}

/** Two rows that name error codes, none of them shared: they document different errors. */
function contradicts(a: ParsedUnit, b: ParsedUnit): boolean {
  const x = codeSet(a);
  const y = codeSet(b);
  return x.size > 0 && y.size > 0 && ![...x].some((c) => y.has(c));
}

function rowSignature(unit: ParsedUnit): Set<string> {
  return signature([unit.message ?? '', ...unit.steps.flatMap((s) => [s.text, ...s.substeps])].join('\n'));
}

function evidence(a: ParsedUnit, b: ParsedUnit): number {
  if (contradicts(a, b)) return 0;
  const x = codeSet(a);
  if ([...codeSet(b)].some((c) => x.has(c))) return 2;
  const score = overlap(rowSignature(a), rowSignature(b));
  return score >= 0.5 ? score : 0;
}

/** For each row of `rows`, the index of the row of `reference` it documents the same error as, if any. */
export function alignRows(
  reference: readonly ParsedUnit[],
  rows: readonly ParsedUnit[],
): Array<number | undefined> {
  const positional =
    reference.length === rows.length &&
    rows.every((row, i) => {
      const other = reference[i];
      return other !== undefined && !contradicts(other, row);
    });
  if (positional) return rows.map((_, i) => i);
  // Best evidence first (a shared code before shared content), nearest position on a tie; each row joins at
  // most one row. Order need not be kept: a translation may list the rows differently.
  const candidates: Array<{ score: number; distance: number; ref: number; row: number }> = [];
  reference.forEach((other, ref) => {
    rows.forEach((row, index) => {
      const score = evidence(other, row);
      if (score > 0) candidates.push({ score, distance: Math.abs(ref - index), ref, row: index });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.distance - b.distance || a.row - b.row);
  const partner: Array<number | undefined> = rows.map(() => undefined);
  const taken = new Set<number>();
  for (const { ref, row } of candidates) {
    if (taken.has(ref) || partner[row] !== undefined) continue;
    partner[row] = ref;
    taken.add(ref);
  }
  return partner;
}
