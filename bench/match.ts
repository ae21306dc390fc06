/**
 * `npm run bench [-- --sizes real,1000,10000 --engines remedy,minisearch,flexsearch,fuse --budget-s 90]`
 *
 * Remedy's matcher side by side with MiniSearch, FlexSearch and a fairly configured fuse.js (bench/engines.ts):
 * the same catalogue texts, the same pastes, the same warm-up and samples. Every (catalogue size × engine) is
 * measured in a FRESH child process (bench/match-worker.ts), pinned to one core with `taskset` where available:
 * index build time (median of several builds), memory (peak RSS of the process; heap + array buffers retained by
 * the index after GC), accuracy on the dev, shadow and held-out eval sets, and latency per paste (p50/p99 of
 * short / typical ≤ 2 KB / maximal pastes). Catalogue sizes: the real catalogue, and 1,000 / 10,000 entries
 * (the real entries plus synthetic ones, written to a temp file and loaded as the bot loads its catalogue).
 * Cold start (process start → first answer, whole real catalogue) is measured three times in fresh processes.
 * One table with ratios to Remedy; the targets print as met / MISSED; the LAST line is one JSON object.
 * `--tune` re-runs the peers' dev-set tuning instead (prints the configs to pin in bench/engines.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { parseScriptArgs } from '../src/cli/args';
import { loadCatalogue } from '../src/knowledge/load';
import { ENGINE_NAMES, type EngineName } from './engines';
import { ROOT, scaledCatalogue } from './inputs';
import type { WorkerResult } from './match-worker';

const ArgsSchema = z.object({
  sizes: z
    .string()
    .default('real,1000,10000')
    .transform((v, ctx) =>
      v.split(',').map((s) => {
        const size = s.trim();
        if (size === 'real') return 'real' as const;
        const n = Number(size);
        if (!Number.isInteger(n) || n < 100 || n > 200000)
          ctx.addIssue({ code: 'custom', message: `expected real or 100..200000, got ${size}` });
        return n;
      }),
    ),
  engines: z
    .string()
    .default(ENGINE_NAMES.join(','))
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(ENGINE_NAMES))),
  /** Seconds of answering (accuracy, then latency) per child; only the slow peers at scale reach it. */
  'budget-s': z.coerce.number().positive().default(150),
  /**
   * fuse.js is not run above this size (default 1000): it takes seconds per paste at 1,000 entries, so at
   * 10,000 the budget would buy a handful of samples — the 1,000-entry row already shows it.
   */
  'fuse-max-size': z.coerce.number().int().min(0).default(1000),
  /** Re-run the peers' dev-set tuning instead of the benchmark. */
  tune: z.boolean().default(false),
});

/** The syntax of the options above (node:util parseArgs); ArgsSchema says what their values mean. */
const ARG_OPTIONS = {
  sizes: { type: 'string' },
  engines: { type: 'string' },
  'budget-s': { type: 'string' },
  'fuse-max-size': { type: 'string' },
  tune: { type: 'boolean' },
} as const;

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PIN = hasTaskset() ? ['taskset', '-c', String(cpus().length - 1)] : [];

/** Runs a node script in a fresh process (pinned when possible); returns its last stdout line and wall time. */
function child(args: string[]): { line: string; wallMs: number } {
  const command = [...PIN, process.execPath, ...args];
  const start = performance.now();
  const result = spawnSync(command[0] as string, command.slice(1), {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} exited with ${result.status}: ${result.stderr.slice(-2000)}`);
  const lines = result.stdout.trim().split('\n');
  return { line: lines[lines.length - 1] ?? '', wallMs };
}

/** Whether dist/ (npm run build) exists and is newer than every source file of src/. */
function distState(): 'fresh' | 'stale' | 'missing' {
  const built = path.join(ROOT, 'dist', 'src', 'core', 'matching', 'index.js');
  if (!existsSync(built)) return 'missing';
  const builtAt = statSync(built).mtimeMs;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, item) => {
      const file = path.join(dir, item.name);
      return Math.max(latest, item.isDirectory() ? newest(file) : statSync(file).mtimeMs);
    }, 0);
  return newest(path.join(ROOT, 'src')) <= builtAt ? 'fresh' : 'stale';
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

function tuneAll(): void {
  for (const engine of ENGINE_NAMES.filter((e) => e !== 'remedy')) {
    process.stderr.write(`tuning ${engine} on the dev set...\n`);
    const { line } = child([
      '--expose-gc',
      '-r',
      'tsx/cjs',
      'bench/match-worker.ts',
      '--engine',
      engine,
      '--tune',
    ]);
    process.stdout.write(`${line}\n`);
  }
}

interface SizeRun {
  label: string;
  entries: number;
  results: Partial<Record<EngineName, WorkerResult>>;
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '-' : `${(v * 100).toFixed(1)}%`;
const num = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3));
const mbs = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const times = (peer: number, ours: number) =>
  ours > 0 && Number.isFinite(peer / ours) ? `×${(peer / ours).toFixed(peer / ours >= 10 ? 0 : 2)}` : '-';

/** One table: rows are figures, columns are engines; peer cells carry their ratio to Remedy. */
function table(run: SizeRun, engines: EngineName[]): string {
  const ours = run.results.remedy;
  const rows: Array<[string, (r: WorkerResult) => string]> = [];
  for (const set of ['dev', 'shadow', 'heldout'] as const) {
    rows.push([
      `${set} top-1 / top-3`,
      (r) => {
        const a = r.accuracy[set];
        if (!a) return 'not run at this size';
        if (a.cases === 0) return 'not measured (budget)';
        return `${pct(a.top1)} / ${pct(a.top3)}${a.partial ? ` (n=${a.cases}!)` : ''}`;
      },
    ]);
    rows.push([`${set} negatives silent`, (r) => pct(r.accuracy[set]?.negativesSilent)]);
  }
  rows.push([
    'heldout unprompted (conf. prec.)',
    (r) => {
      const a = r.accuracy.heldout;
      return r.engine === 'remedy' && a ? `${pct(a.unprompted)} (${pct(a.confidentPrecision)})` : 'n/a';
    },
  ]);
  // Latency cells: wall clock p50 / p99, then the answer's own CPU time p99; peers with their ratio to Remedy.
  for (const kind of ['short', 'typical', 'maximal'] as const) {
    const cell = (r: WorkerResult, pick: (l: WorkerResult['latency'][typeof kind]) => number) => {
      const l = r.latency[kind];
      if (l.n === 0) return 'not measured (budget)';
      const value = pick(l);
      const base = r.engine !== 'remedy' && ours ? ` ${times(value, pick(ours.latency[kind]))}` : '';
      const short = ours && l.n < ours.latency[kind].n ? ` (n=${l.n}!)` : '';
      return `${num(value)}${base}${short}`;
    };
    rows.push([`${kind} paste p50 ms`, (r) => cell(r, (l) => l.p50)]);
    rows.push([`${kind} paste p99 ms`, (r) => cell(r, (l) => l.p99)]);
    rows.push([`${kind} paste CPU p99 ms`, (r) => cell(r, (l) => l.cpuP99)]);
  }
  // The typical pastes answered first, right after the build (reported, not a target: V8 is still compiling).
  rows.push([
    'typical p99 ms, first answers',
    (r) => {
      const l = r.firstAnswers;
      const base = r.engine !== 'remedy' && ours ? ` ${times(l.p99, ours.firstAnswers.p99)}` : '';
      const cut = ours && l.n < ours.firstAnswers.n ? ` (n=${l.n}!)` : '';
      return l.n === 0 ? 'not measured (budget)' : `${num(l.p99)}${base}${cut}`;
    },
  ]);
  rows.push([
    'index build ms (median)',
    (r) =>
      `${num(median(r.buildMs))}${r.engine !== 'remedy' && ours ? ` ${times(median(r.buildMs), median(ours.buildMs))}` : ''}`,
  ]);
  rows.push([
    'peak RSS MB',
    (r) =>
      `${mbs(r.peakRssMb)}${r.engine !== 'remedy' && ours ? ` ${times(r.peakRssMb, ours.peakRssMb)}` : ''}`,
  ]);
  rows.push([
    'index heap+buffers MB',
    (r) =>
      `${mbs(r.heapPlusBuffersMb)}${r.engine !== 'remedy' && ours ? ` ${times(r.heapPlusBuffersMb, ours.heapPlusBuffersMb)}` : ''}`,
  ]);
  const present = engines.filter((e) => run.results[e]);
  const header = ['', ...present];
  const body = rows.map(([label, cell]) => [
    label,
    ...present.map((e) => cell(run.results[e] as WorkerResult)),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    `${run.label} (${run.entries} entries)`,
    fmt(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(fmt),
  ].join('\n');
}

function main(): void {
  const args = parseScriptArgs('bench', process.argv.slice(2), {
    options: ARG_OPTIONS,
    allowPositionals: false,
    schema: ArgsSchema,
  });
  if (!args) return;
  if (args.tune) return tuneAll();
  const loadBefore = loadavg();
  process.stdout.write(
    `machine: ${cpus().length} cores, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ` +
      `${PIN.length > 0 ? `children pinned with ${PIN.join(' ')}` : 'taskset not available: children not pinned'}\n`,
  );
  const realPath = path.join(ROOT, 'knowledge', 'catalogue.json');
  const real = loadCatalogue(realPath);
  const dir = mkdtempSync(path.join(tmpdir(), 'remedy-bench-'));
  const runs: SizeRun[] = [];
  const notRun: string[] = [];
  try {
    for (const size of args.sizes) {
      let file = realPath;
      if (size !== 'real') {
        file = path.join(dir, `catalogue-${size}.json`);
        writeFileSync(file, JSON.stringify(scaledCatalogue(real, size).data));
      }
      const run: SizeRun = {
        label: size === 'real' ? 'real catalogue' : `${size} entries (real + synthetic)`,
        entries: size === 'real' ? real.entries.length : Math.max(size, real.entries.length),
        results: {},
      };
      for (const engine of args.engines) {
        if (engine === 'fuse' && run.entries > args['fuse-max-size']) {
          notRun.push(`${engine} at ${run.label}: above --fuse-max-size ${args['fuse-max-size']}`);
          continue;
        }
        process.stderr.write(`bench: ${run.label}: ${engine}...\n`);
        // The real catalogue: every latency input and all three eval sets. At scale: the same short and typical
        // samples (a p99 of fewer than 100 is one pause), fewer maximal ones, and the dev + shadow sets, so the
        // slow peers finish within the budget (which cuts a sample short and says so: n / partial).
        const scale = size !== 'real';
        const { line } = child([
          '--expose-gc',
          '-r',
          'tsx/cjs',
          'bench/match-worker.ts',
          '--engine',
          engine,
          '--catalogue',
          file,
          '--builds',
          '3',
          '--samples',
          scale ? '200,200,10' : '200,200,20',
          '--sets',
          scale ? 'dev,shadow' : 'dev,shadow,heldout',
          '--budget-s',
          String(args['budget-s']),
        ]);
        run.results[engine] = JSON.parse(line) as WorkerResult;
      }
      runs.push(run);
      process.stdout.write(`\n${table(run, args.engines)}\n`);
      for (const line of notRun.splice(0)) process.stdout.write(`not run: ${line}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Cold start: three fresh processes each, whole real catalogue — compiled (as `npm start` runs) and with tsx.
  const dist = distState();
  const coldRuns = (code: 'dist' | 'src') =>
    [0, 1, 2].map(() => {
      const args =
        code === 'dist'
          ? ['bench/coldstart.cjs', 'dist', realPath]
          : ['-r', 'tsx/cjs', 'bench/coldstart.cjs', 'src', realPath];
      const { line, wallMs } = child(args);
      return {
        ...(JSON.parse(line) as Record<string, number | string>),
        spawnToAnswerMs: Math.round(wallMs),
      };
    });
  const cold = { dist: dist === 'missing' ? [] : coldRuns('dist'), tsx: coldRuns('src') };
  const coldSpread = (runs: typeof cold.tsx) => {
    const ms = runs.map((c) => Number(c.spawnToAnswerMs));
    return { min: Math.min(...ms), median: median(ms), max: Math.max(...ms), ms };
  };
  const coldFigures = {
    dist: cold.dist.length > 0 ? coldSpread(cold.dist) : undefined,
    tsx: coldSpread(cold.tsx),
  };
  for (const [label, figures, runs] of [
    [`compiled dist/ (${dist})`, coldFigures.dist, cold.dist],
    ['tsx', coldFigures.tsx, cold.tsx],
  ] as const) {
    if (!figures) {
      process.stdout.write(`\ncold start, compiled: not measured (no dist/: run npm run build)\n`);
      continue;
    }
    process.stdout.write(
      `\ncold start, ${label} (spawn → first answer, ${real.entries.length} entries, 3 runs): min/median/max ` +
        `${figures.min}/${figures.median}/${figures.max} ms; median run: ` +
        `${JSON.stringify(runs[figures.ms.indexOf(figures.median)])}\n`,
    );
  }

  // Targets: each is a comparison of measured figures, so each can fail.
  const realRun = runs.find((r) => r.label === 'real catalogue')?.results;
  const bigRun = runs.find((r) => r.entries >= 10000)?.results;
  const targets: Array<{ target: string; value: string; met: boolean | null }> = [];
  const add = (target: string, value: number | undefined, limit: number, unit: string) =>
    targets.push({
      target,
      value: value === undefined ? 'not measured' : `${num(value)} ${unit}`,
      met: value === undefined ? null : value <= limit,
    });
  add('typical paste p99 ≤ 1 ms, real catalogue (wall clock)', realRun?.remedy?.latency.typical.p99, 1, 'ms');
  add(
    'typical paste p99 ≤ 1 ms, real catalogue (CPU time)',
    realRun?.remedy?.latency.typical.cpuP99,
    1,
    'ms',
  );
  add('typical paste p99 ≤ 5 ms, 10 k entries (wall clock)', bigRun?.remedy?.latency.typical.p99, 5, 'ms');
  add('typical paste p99 ≤ 5 ms, 10 k entries (CPU time)', bigRun?.remedy?.latency.typical.cpuP99, 5, 'ms');
  const ourBuild = bigRun?.remedy ? median(bigRun.remedy.buildMs) : undefined;
  const flexBuild = bigRun?.flexsearch ? median(bigRun.flexsearch.buildMs) : undefined;
  add(
    `index build ≤ 2× FlexSearch's at 10 k (FlexSearch ${flexBuild === undefined ? '-' : num(flexBuild)} ms)`,
    ourBuild !== undefined && flexBuild !== undefined ? ourBuild / flexBuild : undefined,
    2,
    '×',
  );
  add('peak RSS ≤ 300 MB at 10 k', bigRun?.remedy?.peakRssMb, 300, 'MB');
  const coldTarget = coldFigures.dist && dist === 'fresh' ? coldFigures.dist : coldFigures.tsx;
  add(
    `cold start ≤ 500 ms (median of 3, ${coldTarget === coldFigures.tsx ? 'tsx: dist/ missing or older than src/' : 'compiled dist/, as npm start'})`,
    coldTarget.median,
    500,
    'ms',
  );
  for (const peer of args.engines.filter((e) => e !== 'remedy')) {
    const ours = realRun?.remedy?.accuracy.heldout?.top1;
    const theirs = realRun?.[peer]?.accuracy.heldout?.top1;
    targets.push({
      target: `held-out top-1 at least ${peer}'s (real catalogue)`,
      value: `${pct(ours)} vs ${pct(theirs)}`,
      met:
        ours === undefined || theirs === undefined || ours === null || theirs === null
          ? null
          : ours >= theirs,
    });
  }
  process.stdout.write('\ntargets:\n');
  for (const t of targets)
    process.stdout.write(
      `  ${t.met === null ? 'NOT MEASURED' : t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.value}\n`,
    );
  const loadAfter = loadavg();
  process.stdout.write(
    `load average before/after: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${loadAfter.map((l) => l.toFixed(2)).join(' ')}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'match', pinned: PIN.length > 0, loadBefore, loadAfter, runs, coldStart: { distState: dist, ...cold }, targets })}\n`,
  );
}

if (require.main === module) main();
