/**
 * One measurement of `npm run bench`, run by bench/match.ts in a FRESH child process per engine and catalogue
 * size (so no earlier index, JIT state or heap growth skews it):
 *   node --expose-gc -r tsx/cjs bench/match-worker.ts --engine remedy --catalogue FILE [--builds 3] [--tune]
 * Loads the catalogue file as the bot does, builds the engine's index (timed; memory as peak RSS and as heap +
 * array buffers after GC), answers the eval sets (accuracy) and the latency inputs (after the same warm-up for
 * every engine, the same samples), and prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { z } from 'zod';
import { parseScriptArgs } from '../src/cli/args';
import { loadGlossary } from '../src/knowledge/glossary';
import { loadCatalogue } from '../src/knowledge/load';
import type { Catalogue } from '../src/core/catalogue/catalogue';
import { buildEngine, ENGINE_NAMES, type Engine, type EngineName, type PeerConfig } from './engines';
import { EVAL_SETS, latencyInputs, loadEvalSet, ROOT, satisfies, type EvalSetName } from './inputs';

export interface Accuracy {
  /** Cases answered (fewer than the set's size only when the time budget ran out: `partial`). */
  cases: number;
  partial: boolean;
  positives: number;
  top1: number | null;
  top3: number | null;
  negativesSilent: number | null;
  /** Remedy only (peers never say `confident`): share of confident answers that are right. */
  confidentPrecision: number | null;
  /** Share of positives answered confidently and right (what the bot says unprompted in a channel). */
  unprompted: number | null;
}

export interface Latency {
  n: number;
  /** Wall clock per answer (includes being preempted by other processes on a shared machine). */
  p50: number;
  p99: number;
  max: number;
  /** CPU time of the process per answer (user + system): what the answer itself cost. */
  cpuP50: number;
  cpuP99: number;
}

export interface WorkerResult {
  engine: EngineName;
  entries: number;
  buildMs: number[];
  warmupAnswers: number;
  /** The typical inputs answered first, right after the build (part of the warm-up; V8 is still compiling). */
  firstAnswers: Latency;
  rssBeforeBuildMb: number;
  peakRssMb: number;
  heapPlusBuffersMb: number;
  accuracy: Partial<Record<EvalSetName, Accuracy>>;
  latency: { short: Latency; typical: Latency; maximal: Latency };
}

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

/** Wall-clock deadline of this worker's answering (accuracy + latency): `--budget-s`; fuse.js at scale needs it. */
let deadline = Infinity;
/**
 * Answers of the warm-up: Remedy's p99 still shows V8 compiling its hot paths after 500 answers and no longer does
 * after 2,000 (measured on the real catalogue, one pinned core).
 */
const WARMUP_ANSWERS = 2000;
/**
 * The short and typical samples are answered this many times over (each pass in the same order): a p99 of 200 answers
 * is the second-slowest, decided by one or two pauses every process has (a young-generation GC every ~200 answers
 * here, a preemption); of 1,000 it is the tenth-slowest. The same for every engine; the budget still cuts it short.
 */
const LATENCY_PASSES = 5;
const passes = (texts: string[]) => Array.from({ length: LATENCY_PASSES }, () => texts).flat();
const overBudget = () => performance.now() > deadline;

export function accuracyOf(engine: Engine, catalogue: Catalogue, set: EvalSetName): Accuracy | undefined {
  const all = loadEvalSet(set);
  if (all.length === 0) return undefined;
  const cases: typeof all = [];
  let positives = 0;
  let top1 = 0;
  let top3 = 0;
  let negatives = 0;
  let silent = 0;
  let confident = 0;
  let confidentRight = 0;
  for (const c of all) {
    if (overBudget()) break;
    cases.push(c);
    const answer = engine.answer(c.text, 3);
    const right = answer.ranked.map((i) => satisfies(catalogue.entries[i], c.expect));
    if (c.expect === null) {
      negatives += 1;
      if (answer.verdict === 'none') silent += 1;
      if (answer.verdict === 'confident') confident += 1;
      continue;
    }
    positives += 1;
    if (right[0]) top1 += 1;
    if (right.some(Boolean)) top3 += 1;
    if (answer.verdict === 'confident') {
      confident += 1;
      if (right[0]) confidentRight += 1;
    }
  }
  return {
    cases: cases.length,
    partial: cases.length < all.length,
    positives,
    top1: ratio(top1, positives),
    top3: ratio(top3, positives),
    negativesSilent: ratio(silent, negatives),
    confidentPrecision: ratio(confidentRight, confident),
    unprompted: ratio(confidentRight, positives),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

function time(engine: Engine, texts: string[]): Latency {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const text of texts) {
    if (overBudget()) break;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    engine.answer(text, 3);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    n: wall.length,
    p50: round3(percentile(wall, 50)),
    p99: round3(percentile(wall, 99)),
    max: round3(wall[wall.length - 1] ?? 0),
    cpuP50: round3(percentile(cpu, 50)),
    cpuP99: round3(percentile(cpu, 99)),
  };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench does)');
  collect();
  collect();
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const heapPlusBuffers = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/** The options bench/match.ts passes this child (validated here like every other entry point's). */
const WORKER_ARGS = {
  options: {
    engine: { type: 'string' },
    catalogue: { type: 'string', default: path.join(ROOT, 'knowledge', 'catalogue.json') },
    tune: { type: 'boolean', default: false },
    samples: { type: 'string', default: '200,200,20' },
    builds: { type: 'string', default: '3' },
    'budget-s': { type: 'string' },
    sets: { type: 'string', default: 'dev,shadow,heldout' },
  },
  allowPositionals: false,
  schema: z.object({
    engine: z.enum(ENGINE_NAMES),
    catalogue: z.string(),
    tune: z.boolean(),
    samples: z
      .string()
      .transform((list) => list.split(',').map(Number))
      .pipe(z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)])),
    builds: z.coerce.number().int().min(1),
    'budget-s': z.coerce.number().positive().optional(),
    sets: z
      .string()
      .transform((list) => list.split(','))
      .pipe(z.array(z.enum(Object.keys(EVAL_SETS) as [EvalSetName, ...EvalSetName[]]))),
  }),
} as const;

export interface MeasureOptions {
  builds: number;
  budgetS: number;
  /** Latency samples per kind (the first n inputs of each kind; the same for every engine at a size). */
  samples: { short: number; typical: number; maximal: number };
  sets: EvalSetName[];
}

export function measure(
  engineName: EngineName,
  cataloguePath: string,
  options: MeasureOptions,
): WorkerResult {
  const { builds, budgetS, samples, sets } = options;
  const glossary = loadGlossary(path.join(ROOT, 'knowledge', 'glossary.json'));
  const catalogue = loadCatalogue(cataloguePath);
  const real = loadCatalogue(path.join(ROOT, 'knowledge', 'catalogue.json'));
  const inputs = latencyInputs(real);
  gc();
  const before = heapPlusBuffers();
  const rssBefore = process.memoryUsage().rss;
  const buildMs: number[] = [];
  let start = performance.now();
  let engine: Engine = buildEngine(engineName, catalogue, glossary);
  buildMs.push(Math.round((performance.now() - start) * 10) / 10);
  gc();
  const retained = heapPlusBuffers() - before;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  for (let b = 1; b < builds; b += 1) {
    start = performance.now();
    engine = buildEngine(engineName, catalogue, glossary);
    buildMs.push(Math.round((performance.now() - start) * 10) / 10);
  }
  gc();
  // The same warm-up for every engine: the typical inputs answered until V8 has optimised the hot paths, as a bot
  // that has been answering is (WARMUP_ANSWERS; at most 20 s: fuse.js at scale takes seconds per answer), then the
  // answering budget starts. Its first answers are timed as well: what a fresh process answers in (reported only).
  const warmupEnd = performance.now() + 20_000;
  deadline = warmupEnd;
  const firstAnswers = time(engine, inputs.typical.slice(0, samples.typical));
  let warmup = firstAnswers.n;
  while (warmup < WARMUP_ANSWERS && performance.now() < warmupEnd) {
    engine.answer(inputs.typical[warmup % inputs.typical.length] ?? '', 3);
    warmup += 1;
  }
  deadline = performance.now() + budgetS * 1000;
  // Accuracy first (the comparison that matters most),
  const accuracy: WorkerResult['accuracy'] = {};
  for (const set of sets) {
    const figures = accuracyOf(engine, catalogue, set);
    if (figures) accuracy[set] = figures;
  }
  // Then latency (the same samples for every engine): a budget cut shows as n / `partial`.
  const latency = {
    short: time(engine, passes(inputs.short.slice(0, samples.short))),
    typical: time(engine, passes(inputs.typical.slice(0, samples.typical))),
    maximal: time(engine, inputs.maximal.slice(0, samples.maximal)),
  };
  return {
    engine: engineName,
    entries: catalogue.entries.length,
    buildMs,
    warmupAnswers: warmup,
    firstAnswers,
    rssBeforeBuildMb: mb(rssBefore),
    peakRssMb: mb(peakRss),
    heapPlusBuffersMb: mb(retained),
    accuracy,
    latency,
  };
}

/** `--tune`: the grid search of a peer's field boosts, fuzziness and silence threshold on the dev set only. */
export const TUNING_GRID = {
  codes: [1, 2, 4, 8],
  name: [1, 2, 4],
  fuzzy: { minisearch: [0, 0.2], flexsearch: [0], fuse: [0.2, 0.3, 0.4] },
  prefix: { minisearch: [false, true], flexsearch: [false, true], fuse: [false] },
};

function tune(engineName: Exclude<EngineName, 'remedy'>, cataloguePath: string): void {
  const glossary = loadGlossary(path.join(ROOT, 'knowledge', 'glossary.json'));
  const catalogue = loadCatalogue(cataloguePath);
  const dev = loadEvalSet('dev');
  let best: { config: PeerConfig; top1: number; silent: number } | undefined;
  for (const codes of TUNING_GRID.codes)
    for (const name of TUNING_GRID.name)
      for (const fuzzy of TUNING_GRID.fuzzy[engineName])
        for (const prefix of TUNING_GRID.prefix[engineName]) {
          const config: PeerConfig = { boost: { codes, name, body: 1 }, fuzzy, prefix, silence: 0 };
          const engine = buildEngine(engineName, catalogue, glossary, config);
          // Silence threshold: the best score of each dev case; choose the cut that maximises
          // (right top-1 answers kept + negatives silenced).
          const rows = dev.map((c) => {
            const answer = engine.answer(c.text, 1);
            const right = satisfies(catalogue.entries[answer.ranked[0] ?? -1], c.expect);
            return { negative: c.expect === null, right, score: answer.best };
          });
          const cuts = [0, ...new Set(rows.map((r) => r.score))].sort((a, b) => a - b);
          for (const cut of cuts) {
            const top1 = rows.filter((r) => !r.negative && r.right).length;
            const silent = rows.filter((r) => r.negative && r.score < cut).length;
            const lost = rows.filter((r) => !r.negative && r.right && r.score < cut).length;
            const candidate = { config: { ...config, silence: cut }, top1: top1 - lost, silent };
            if (
              !best ||
              candidate.top1 + candidate.silent > best.top1 + best.silent ||
              (candidate.top1 + candidate.silent === best.top1 + best.silent && candidate.top1 > best.top1)
            )
              best = candidate;
          }
        }
  process.stdout.write(`${JSON.stringify({ engine: engineName, tuned: best })}\n`);
}

if (require.main === module) {
  const args = parseScriptArgs('bench/match-worker.ts', process.argv.slice(2), WORKER_ARGS);
  if (args?.tune) {
    if (args.engine === 'remedy') throw new Error('--tune is for the peers');
    tune(args.engine, args.catalogue);
  } else if (args) {
    const [short, typical, maximal] = args.samples;
    const options: MeasureOptions = {
      builds: args.builds,
      budgetS: args['budget-s'] ?? Infinity,
      samples: { short, typical, maximal },
      sets: args.sets,
    };
    process.stdout.write(`${JSON.stringify(measure(args.engine, args.catalogue, options))}\n`);
  }
}
