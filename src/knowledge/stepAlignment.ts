/**
 * Aligning two ordered lists that say the same things in different languages or versions (the steps of an
 * entry, the rows of a table): by position when the lists are equally long and nothing contradicts it, else by
 * the language-neutral content both carry — links, code and commands, numbers, error codes, paths.
 */
import type { Lang } from '../core/catalogue/schema';
import type { ParsedStep } from './model';
import { classifyText } from './stepKinds';

/** Language-neutral tokens of a markdown text. */
export function signature(markdown: string): Set<string> {
  const tokens = new Set<string>();
  for (const m of markdown.matchAll(/\]\(([^)\s]+)\)/g))
    tokens.add(`url:${(m[1] ?? '').replace(/[?#].*$/, '').toLowerCase()}`);
  const text = markdown.replace(/\]\([^)]*\)/g, ']');
  for (const m of text.matchAll(/`([^`]+)`/g)) tokens.add(`code:${(m[1] ?? '').trim().toLowerCase()}`);
  for (const m of text.matchAll(/(?<![\d.,])\d+(?:[.,]\d+)*(?!\d)/g))
    if ((m[0] ?? '').length >= 2) tokens.add(`n:${m[0]}`);
  for (const m of text.matchAll(
    /\b[A-Za-z]*[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b|\b[A-Za-z0-9_.-]+\.(?:exe|msc|conf|dll|sys|msi|json|xml|vhdx)\b/g,
  ))
    tokens.add(`id:${(m[0] ?? '').toLowerCase()}`);
  for (const m of text.matchAll(/[A-Za-z]:\\[^\s*`]+|\/(?:etc|var|usr|mnt)\/[^\s*`]+/g))
    tokens.add(`path:${(m[0] ?? '').toLowerCase()}`);
  return tokens;
}

export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

/**
 * The best order-keeping pairing of `a` and `b` (dynamic programming over the pair scores; a pair scoring 0 is
 * never made). Returns, for each item of `b`, the index of its partner in `a`, or undefined.
 */
export function alignSequences<A, B>(
  a: readonly A[],
  b: readonly B[],
  score: (x: A, y: B) => number,
): Array<number | undefined> {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const best: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => best[i * cols + j] ?? 0;
  const scores = new Map<number, number>();
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const x = a[i - 1];
      const y = b[j - 1];
      const s = x === undefined || y === undefined ? 0 : score(x, y);
      scores.set(i * cols + j, s);
      const pair = s > 0 ? at(i - 1, j - 1) + s : 0;
      best[i * cols + j] = Math.max(at(i - 1, j), at(i, j - 1), pair);
    }
  }
  const partner: Array<number | undefined> = new Array<number | undefined>(b.length).fill(undefined);
  let i = a.length;
  let j = b.length;
  while (i > 0 && j > 0) {
    const s = scores.get(i * cols + j) ?? 0;
    if (s > 0 && at(i, j) === at(i - 1, j - 1) + s) {
      partner[j - 1] = i - 1;
      i -= 1;
      j -= 1;
    } else if (at(i - 1, j) >= at(i, j - 1)) i -= 1;
    else j -= 1;
  }
  return partner;
}

/** One aligned step: the step as each language writes it. */
export type StepSlot = Map<Lang, ParsedStep>;

function stepSignature(step: ParsedStep): Set<string> {
  return signature([step.text, ...step.substeps].join('\n'));
}

/**
 * Aligns each language's steps to the first list's: by position when equally long, else by shared content; a
 * step nothing matches gets a slot of its own, placed after the slot of the step before it.
 */
export function alignSteps(lists: ReadonlyArray<{ lang: Lang; steps: readonly ParsedStep[] }>): StepSlot[] {
  const [first, ...others] = lists;
  if (first === undefined) return [];
  const slots: StepSlot[] = first.steps.map((step) => new Map([[first.lang, step]]));
  for (const { lang, steps } of others) {
    const representative = slots.map((slot) => [...slot.entries()][0]);
    const partners =
      steps.length === slots.length
        ? steps.map((_, i) => i)
        : alignSequences(representative, steps, (x, y) => (x ? stepScore(x[1], x[0], y, lang) : 0));
    let insertAt = 0;
    steps.forEach((step, i) => {
      const partner = partners[i];
      const slot = partner === undefined ? undefined : slots[partner];
      if (slot && partner !== undefined && !slot.has(lang)) {
        slot.set(lang, step);
        insertAt = slots.indexOf(slot) + 1;
      } else {
        slots.splice(insertAt, 0, new Map([[lang, step]]));
        insertAt += 1;
      }
    });
  }
  return slots;
}

/**
 * How surely two steps are the same action: the share of language-neutral content they have in common; else,
 * when neither carries any, a weak 0.3 for two checks or two diagnostics (distinctive kinds in any language —
 * two "fix" steps prove nothing).
 */
function stepScore(x: ParsedStep, xLang: Lang, y: ParsedStep, yLang: Lang): number {
  const a = stepSignature(x);
  const b = stepSignature(y);
  const score = overlap(a, b);
  if (score >= 0.5) return score;
  if (a.size > 0 && b.size > 0) return 0;
  const kind = classifyText(x.text, xLang);
  return kind !== 'fix' && kind === classifyText(y.text, yLang) ? 0.3 : 0;
}
