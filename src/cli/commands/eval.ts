/**
 * `remedy eval [--file F] [--quiet]` (npm run eval): runs an evaluation set (JSON lines {"id","lang","kind",
 * "text","expect"}) through the matcher and through the plain fuse.js baseline; prints top-1, top-3, negatives'
 * `none` rate and confident precision per kind, per language and overall, side by side, then the failures, and
 * as the LAST line one JSON object with every figure. Default file: ../shared/eval/dev.jsonl from the package root.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createBaselineMatcher } from '../../core/matching/baseline';
import { createMatcher, type Matcher, type MatchResponse } from '../../core/matching';
import { loadGlossary } from '../../knowledge/glossary';
import { loadCatalogue } from '../../knowledge/load';
import type { CliCommand, CliIo } from '../io';
import { CATALOGUE_FILE, GLOSSARY_FILE, PACKAGE_ROOT } from './match';

export const DEFAULT_EVAL_FILE = path.resolve(PACKAGE_ROOT, '..', 'shared', 'eval', 'dev.jsonl');

const ExpectSchema = z.union([
  z.object({ code: z.string().min(1) }),
  z.object({ ref: z.string().min(1) }),
  z.null(),
]);
const CaseSchema = z.object({
  id: z.string({ message: 'expected "id" (string)' }),
  lang: z.string({ message: 'expected "lang" (string)' }),
  kind: z.string({ message: 'expected "kind" (string)' }),
  text: z.string({ message: 'expected "text" (string)' }),
  expect: ExpectSchema,
});
export type EvalCase = z.infer<typeof CaseSchema>;

export function parseCases(text: string, file: string): EvalCase[] {
  const cases: EvalCase[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(
        `${file}:${i + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const parsed = CaseSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(
        `${file}:${i + 1}: ${parsed.error.issues.map((s) => `${s.path.join('.') || '(line)'}: ${s.message}`).join('; ')}`,
      );
    }
    cases.push(parsed.data);
  });
  return cases;
}

/** Whether a result satisfies the expectation (code case-insensitively in codes, or ref in refs). */
export function satisfies(
  result: { codes: readonly string[]; refs: readonly string[] },
  expect: EvalCase['expect'],
): boolean {
  if (expect === null) return false;
  if ('code' in expect) return result.codes.some((c) => c.toLowerCase() === expect.code.toLowerCase());
  return result.refs.some((r) => r.toLowerCase() === expect.ref.toLowerCase());
}

export interface CaseOutcome {
  positive: boolean;
  top1: boolean;
  top3: boolean;
  none: boolean;
  confident: boolean;
}

export function judge(item: EvalCase, response: MatchResponse): CaseOutcome {
  const positive = item.expect !== null;
  const rank = response.results.findIndex((r) => satisfies(r, item.expect));
  return {
    positive,
    top1: positive && rank === 0,
    top3: positive && rank >= 0 && rank < 3,
    none: response.verdict === 'none',
    confident: response.verdict === 'confident',
  };
}

export interface Figures {
  cases: number;
  positives: number;
  negatives: number;
  top1: number | null;
  top3: number | null;
  negativesNone: number | null;
  confident: number;
  confidentPrecision: number | null;
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

export function summarise(outcomes: readonly CaseOutcome[]): Figures {
  const positives = outcomes.filter((o) => o.positive);
  const negatives = outcomes.filter((o) => !o.positive);
  const confident = outcomes.filter((o) => o.confident);
  return {
    cases: outcomes.length,
    positives: positives.length,
    negatives: negatives.length,
    top1: ratio(positives.filter((o) => o.top1).length, positives.length),
    top3: ratio(positives.filter((o) => o.top3).length, positives.length),
    negativesNone: ratio(negatives.filter((o) => o.none).length, negatives.length),
    confident: confident.length,
    confidentPrecision: ratio(confident.filter((o) => o.positive && o.top1).length, confident.length),
  };
}

function groupBy(
  cases: readonly EvalCase[],
  outcomes: readonly CaseOutcome[],
  key: (c: EvalCase) => string,
): Record<string, Figures> {
  const groups = new Map<string, CaseOutcome[]>();
  cases.forEach((c, i) => {
    const outcome = outcomes[i];
    if (!outcome) return;
    const list = groups.get(key(c)) ?? [];
    list.push(outcome);
    groups.set(key(c), list);
  });
  return Object.fromEntries([...groups].map(([name, list]) => [name, summarise(list)]));
}

const pct = (value: number | null) =>
  value === null ? '   -  ' : `${(value * 100).toFixed(1).padStart(5)}%`;

function row(name: string, ours: Figures, base: Figures | undefined): string {
  const cells = (f: Figures | undefined) =>
    f ? `${pct(f.top1)} ${pct(f.top3)} ${pct(f.negativesNone)} ${pct(f.confidentPrecision)}` : '';
  return `${name.padEnd(16)} ${String(ours.cases).padStart(4)}  ${cells(ours)}  | ${cells(base)}`;
}

function describe(response: MatchResponse): string {
  const results = response.results.map((r) => `${r.id} (${r.score.toFixed(3)})`).join(', ');
  return `${response.verdict}: ${results || '(no results)'}`;
}

export const TARGETS = { top1: 0.95, top3: 0.99, negativesNone: 0.98, confidentPrecision: 0.99 } as const;

export interface EvalReport {
  file: string;
  remedy: { overall: Figures; byKind: Record<string, Figures>; byLang: Record<string, Figures> };
  baseline: { overall: Figures; byKind: Record<string, Figures>; byLang: Record<string, Figures> };
  targetsMet: Record<keyof typeof TARGETS, boolean>;
  failures: string[];
}

export function evaluate(
  cases: readonly EvalCase[],
  matcher: Matcher,
  baseline: Matcher,
  file: string,
  io: CliIo,
  quiet: boolean,
): EvalReport {
  const ours = cases.map((c) => matcher.match(c.text, { top: 3 }));
  const theirs = cases.map((c) => baseline.match(c.text, { top: 3 }));
  const ourOutcomes = cases.map((c, i) => judge(c, ours[i] as MatchResponse));
  const baseOutcomes = cases.map((c, i) => judge(c, theirs[i] as MatchResponse));
  const report = (outcomes: CaseOutcome[]) => ({
    overall: summarise(outcomes),
    byKind: groupBy(cases, outcomes, (c) => c.kind),
    byLang: groupBy(cases, outcomes, (c) => c.lang),
  });
  const remedy = report(ourOutcomes);
  const base = report(baseOutcomes);
  const out = (line: string) => io.stdout.write(`${line}\n`);
  out(`evaluation set: ${file} (${cases.length} cases)`);
  out(
    `${'group'.padEnd(16)} ${'n'.padStart(4)}  ${'remedy: top1   top3  neg∅  conf✓'.padEnd(31)}  | baseline (plain fuse.js): top1 top3 neg∅ conf✓`,
  );
  for (const [title, ourGroups, baseGroups] of [
    ['by kind', remedy.byKind, base.byKind],
    ['by language', remedy.byLang, base.byLang],
  ] as const) {
    out(`-- ${title}`);
    for (const [name, figures] of Object.entries(ourGroups)) out(row(name, figures, baseGroups[name]));
  }
  out('-- overall');
  out(row('overall', remedy.overall, base.overall));
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const outcome = ourOutcomes[i];
    const response = ours[i];
    if (!outcome || !response) return;
    const wrongConfident = outcome.confident && !outcome.top1;
    const failed = outcome.positive ? !outcome.top1 || wrongConfident : !outcome.none;
    if (!failed) return;
    failures.push(c.id);
    if (quiet) return;
    const expected =
      c.expect === null ? 'none' : 'code' in c.expect ? `code ${c.expect.code}` : `ref ${c.expect.ref}`;
    out(
      `FAIL ${c.id} [${c.kind}/${c.lang}] expected ${expected}${wrongConfident ? ' (CONFIDENT AND WRONG)' : ''}`,
    );
    out(`  text: ${JSON.stringify(c.text.length > 300 ? `${c.text.slice(0, 300)}…` : c.text)}`);
    out(`  got:  ${describe(response)}`);
  });
  out(`failures: ${failures.length}`);
  const o = remedy.overall;
  return {
    file,
    remedy,
    baseline: base,
    targetsMet: {
      top1: (o.top1 ?? 0) >= TARGETS.top1,
      top3: (o.top3 ?? 0) >= TARGETS.top3,
      negativesNone: (o.negativesNone ?? 0) >= TARGETS.negativesNone,
      confidentPrecision: (o.confidentPrecision ?? 1) >= TARGETS.confidentPrecision,
    },
    failures,
  };
}

const ArgsSchema = z.object({ file: z.string().min(1, '--file expects a path'), quiet: z.boolean() });

export const command: CliCommand = {
  summary:
    'evaluate matching on a JSON-lines set (default ../shared/eval/dev.jsonl) against a fuse.js baseline',
  async run(args, io) {
    const raw = { file: DEFAULT_EVAL_FILE, quiet: false };
    for (let i = 0; i < args.length; i += 1) {
      const arg = args[i];
      if (arg === '--file') {
        raw.file = args[i + 1] ?? '';
        i += 1;
      } else if (arg?.startsWith('--file=')) raw.file = arg.slice('--file='.length);
      else if (arg === '--quiet') raw.quiet = true;
      else {
        io.stderr.write(`remedy eval: unknown argument ${arg} (expected --file <path>, --quiet)\n`);
        return 2;
      }
    }
    const parsed = ArgsSchema.safeParse(raw);
    if (!parsed.success) {
      io.stderr.write(`remedy eval: ${parsed.error.issues.map((s) => s.message).join('; ')}\n`);
      return 2;
    }
    const file = path.resolve(parsed.data.file);
    if (!existsSync(file)) {
      io.stdout.write(`eval skipped: ${file} not found (pass --file <path> to evaluate another set)\n`);
      io.stdout.write(`${JSON.stringify({ skipped: true, file })}\n`);
      return 0;
    }
    const cases = parseCases(readFileSync(file, 'utf8'), file);
    const catalogue = loadCatalogue(CATALOGUE_FILE);
    const matcher = createMatcher(catalogue, loadGlossary(GLOSSARY_FILE));
    const baseline = createBaselineMatcher(catalogue);
    const report = evaluate(cases, matcher, baseline, file, io, parsed.data.quiet);
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  },
};
