/**
 * `npm run bench`: latency of matcher.match (p50/p99) for short, typical (≤ 2 KB) and maximal (MAX_INPUT_CHARS)
 * pastes, index build time and heap, on the real catalogue and on a generated 10,000-entry catalogue shaped like
 * it; the plain fuse.js baseline measured in the same run. The LAST line printed is one JSON object.
 * Run with `node --expose-gc -r tsx/cjs bench/match.ts` (what `npm run bench` does) for honest heap numbers.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Catalogue } from '../src/core/catalogue/catalogue';
import type { CatalogueData, Entry, LocalizedText } from '../src/core/catalogue/schema';
import { createMatcher, MAX_INPUT_CHARS, type Matcher } from '../src/core/matching';
import { createBaselineMatcher } from '../src/core/matching/baseline';
import type { Glossary } from '../src/core/matching/glossary';
import { loadGlossary } from '../src/knowledge/glossary';
import { loadCatalogue } from '../src/knowledge/load';

const ROOT = path.resolve(__dirname, '..');
const SYNTHETIC_SIZE = 10_000;

/** Deterministic PRNG (mulberry32) so every run measures the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T;

function firstText(text: LocalizedText): string {
  return text.en ?? text.ko ?? text.nl ?? '';
}

/** Noise around an error, like a portal job-details copy. */
function portalCopy(random: () => number, entry: Entry): string {
  const hex = () =>
    Math.floor(random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  const lines = [
    `Backup job - vm-app-${Math.floor(random() * 100)} (${pick(random, ['West Europe', 'Korea Central', 'East US'])})`,
    'Status: Failed',
    `Start time: 10/${1 + Math.floor(random() * 28)}/2021, 9:${10 + Math.floor(random() * 49)}:02 PM`,
    `Job ID: ${hex()}-${hex().slice(0, 4)}-${hex().slice(0, 4)}-${hex().slice(0, 4)}-${hex()}${hex().slice(0, 4)}`,
    entry.codes[0] ? `Error Code: ${entry.codes[0]}` : '',
    `Error Message: ${firstText(entry.message) || entry.title.en}`,
    `Recommended action: ${firstText(entry.steps[0]?.text ?? {}).slice(0, 600)}`,
    `Correlation ID: ${hex()}-${hex().slice(0, 4)}-4cb6-a34a-${hex()}${hex().slice(0, 4)}`,
    'https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/abc/resourceGroups/rg-prod/overview',
  ];
  return lines.filter(Boolean).join('\n').slice(0, 2048);
}

/** A long log with the error somewhere in it, cut at the input limit. */
function maximalPaste(random: () => number, entry: Entry): string {
  const lines: string[] = [];
  let size = 0;
  let n = 0;
  while (size < MAX_INPUT_CHARS * 1.5) {
    n += 1;
    const line =
      n === 40
        ? `0B44 2210 10/02 22:05:11.903 71 cbpclient.cpp(911) ERROR ${entry.codes[0] ?? ''} ${firstText(entry.message) || entry.title.en}`
        : `0B44 2210 10/02 22:05:${String(n % 60).padStart(2, '0')}.${Math.floor(random() * 999)} 71 dsmfsenumerator.cpp(${n}) NORMAL Enumerating F:\\data\\share${n} on fs05.contoso.local chunk=${Math.floor(random() * 1e6)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

export function pastes(catalogue: Catalogue, seed: number) {
  const random = prng(seed);
  const entries = catalogue.entries.filter((e) => e.kind !== 'guide');
  const short: string[] = [];
  const typical: string[] = [];
  const maximal: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const entry = pick(random, entries);
    short.push(
      entry.codes[0] && random() < 0.5
        ? entry.codes[0]
        : (firstText(entry.message) || entry.title.en).slice(0, 120),
    );
    typical.push(portalCopy(random, entry));
    if (i < 20) maximal.push(maximalPaste(random, entry));
  }
  return { short, typical, maximal };
}

/** A catalogue of `size` entries shaped like the real one: same fields, lengths and languages, new codes/words. */
export function syntheticCatalogue(real: Catalogue, size: number, seed = 7): Catalogue {
  const random = prng(seed);
  const templates = real.entries;
  const codeParts = [
    ...new Set(
      real.entries.flatMap((e) => e.codes.flatMap((c) => c.match(/[A-Z][a-z]+|[A-Z]+(?![a-z])/g) ?? [])),
    ),
  ];
  const words = { en: new Set<string>(), ko: new Set<string>(), nl: new Set<string>() };
  for (const e of real.entries) {
    for (const lang of ['en', 'ko', 'nl'] as const) {
      for (const t of [e.title[lang], e.message[lang], e.description[lang]])
        for (const w of (t ?? '').split(/\s+/)) if (w) words[lang].add(w);
    }
  }
  const pools = { en: [...words.en], ko: [...words.ko], nl: [...words.nl] };
  const rewrite = (text: LocalizedText): LocalizedText => {
    const out: LocalizedText = {};
    for (const lang of ['en', 'ko', 'nl'] as const) {
      const value = text[lang];
      if (!value) continue;
      const pool = pools[lang].length > 0 ? pools[lang] : pools.en;
      out[lang] = value
        .split(/\s+/)
        .map((w) => (random() < 0.5 ? pick(random, pool) : w))
        .join(' ');
    }
    return out;
  };
  const entries: Entry[] = [];
  for (let i = 0; i < size; i += 1) {
    const t = templates[i % templates.length] as Entry;
    const id = `syn-${i}-${t.id}`;
    const codes =
      t.codes.length > 0
        ? [
            Array.from({ length: 4 + Math.floor(random() * 3) }, () => pick(random, codeParts)).join('') +
              i.toString(36).toUpperCase(),
          ]
        : [];
    entries.push({
      ...t,
      id,
      refs: [id],
      codes,
      title: { ...rewrite(t.title), en: rewrite({ en: t.title.en }).en ?? t.title.en },
      message: rewrite(t.message),
      description: rewrite(t.description),
      aliases: t.aliases.map((a) => ({
        lang: a.lang,
        text: rewrite({ [a.lang]: a.text })[a.lang] ?? a.text,
      })),
      steps: t.steps.map((s, n) => ({ ...s, id: `${id}#s${n + 1}`, text: rewrite(s.text) })),
      causes: [],
    });
  }
  const data: CatalogueData = { schemaVersion: 1, articles: [...real.data.articles], entries };
  return Catalogue.fromJson(data);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Wall-clock p50/p99 and, because this machine is shared, CPU-time p50/p99 of the process (user + system, which
 * excludes time the process was preempted by others but includes GC).
 */
function time(matcher: Matcher, texts: string[], rounds: number, warmup = 20) {
  for (let w = 0; w < (warmup > 0 ? 3 : 0); w += 1)
    for (const text of texts.slice(0, warmup)) matcher.match(text);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const text of texts) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      matcher.match(text);
      wall.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  if (wall.length === 0) return { n: 0, p50: null, p99: null, cpuP50: null, cpuP99: null };
  return {
    n: wall.length,
    p50: round(percentile(wall, 50)),
    p99: round(percentile(wall, 99)),
    cpuP50: round(percentile(cpu, 50)),
    cpuP99: round(percentile(cpu, 99)),
  };
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

function build(make: () => Matcher) {
  const before = heapUsed();
  const start = performance.now();
  const matcher = make();
  const buildMs = Math.round((performance.now() - start) * 10) / 10;
  const heapMb = Math.round(((heapUsed() - before) / 1048576) * 10) / 10;
  return { matcher, buildMs, heapMb };
}

interface BaselineSamples {
  short: number;
  typical: number;
  maximal: number;
}

function measure(
  name: string,
  catalogue: Catalogue,
  glossary: Glossary,
  seed: number,
  samples: BaselineSamples,
) {
  // `--no-baseline` (for quick iterations only): skip the slow fuse.js measurements.
  const baselineSamples = process.argv.includes('--no-baseline')
    ? { short: 0, typical: 0, maximal: 0 }
    : samples;
  const inputs = pastes(catalogue, seed);
  const ours = build(() => createMatcher(catalogue, glossary));
  const base = build(() => createBaselineMatcher(catalogue));
  const remedy = {
    buildMs: ours.buildMs,
    heapMb: ours.heapMb,
    short: time(ours.matcher, inputs.short, 10),
    typical: time(ours.matcher, inputs.typical, 10),
    maximal: time(ours.matcher, inputs.maximal, 5),
  };
  const baseline = {
    buildMs: base.buildMs,
    heapMb: base.heapMb,
    // fuse.js takes seconds per long pattern: a few samples only (n says how many), none where it would take minutes.
    short: time(base.matcher, inputs.short.slice(0, baselineSamples.short), 1, 0),
    typical: time(base.matcher, inputs.typical.slice(0, baselineSamples.typical), 1, 0),
    maximal: time(base.matcher, inputs.maximal.slice(0, baselineSamples.maximal), 1, 0),
  };
  const line = (label: string, f: typeof remedy) =>
    `${label.padEnd(9)} build ${String(f.buildMs).padStart(8)} ms  heap ${String(f.heapMb).padStart(6)} MB  ` +
    [f.short, f.typical, f.maximal]
      .map(
        (t, i) =>
          `${['short', 'typical', 'maximal'][i]} p50/p99 ${t.p50 ?? '-'}/${t.p99 ?? '-'} ms (cpu ${t.cpuP50 ?? '-'}/${t.cpuP99 ?? '-'}, n=${t.n})`,
      )
      .join('  ');
  process.stdout.write(
    `${name} (${catalogue.entries.length} entries)\n  ${line('remedy', remedy)}\n  ${line('baseline', baseline)}\n`,
  );
  return { entries: catalogue.entries.length, remedy, baseline };
}

function main(): void {
  const glossary = loadGlossary(path.join(ROOT, 'knowledge', 'glossary.json'));
  const real = loadCatalogue(path.join(ROOT, 'knowledge', 'catalogue.json'));
  if (!(globalThis as { gc?: unknown }).gc)
    process.stdout.write('note: run with node --expose-gc for exact heap figures\n');
  const realFigures = measure('real catalogue', real, glossary, 1, { short: 30, typical: 10, maximal: 1 });
  const start = performance.now();
  const synthetic = syntheticCatalogue(real, SYNTHETIC_SIZE);
  process.stdout.write(
    `generated ${SYNTHETIC_SIZE} synthetic entries in ${Math.round(performance.now() - start)} ms\n`,
  );
  const synthFigures = measure('synthetic catalogue', synthetic, glossary, 2, {
    short: 3,
    typical: 1,
    maximal: 0,
  });
  const targets = {
    realTypicalP99Le1ms: (realFigures.remedy.typical.p99 ?? Infinity) <= 1,
    realTypicalCpuP99Le1ms: (realFigures.remedy.typical.cpuP99 ?? Infinity) <= 1,
    synthTypicalP99Le5ms: (synthFigures.remedy.typical.p99 ?? Infinity) <= 5,
    synthTypicalCpuP99Le5ms: (synthFigures.remedy.typical.cpuP99 ?? Infinity) <= 5,
    fasterThanBaselineAt10k:
      (synthFigures.remedy.typical.p99 ?? Infinity) < (synthFigures.baseline.typical.p50 ?? 0),
  };
  process.stdout.write(`targets: ${JSON.stringify(targets)}\n`);
  process.stdout.write(
    `${JSON.stringify({ maxInputChars: MAX_INPUT_CHARS, real: realFigures, synthetic: synthFigures, targets })}\n`,
  );
}

if (require.main === module) main();
