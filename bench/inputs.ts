/**
 * What `npm run bench` feeds the engines: the evaluation sets (dev, shadow, held-out), pastes shaped like real
 * ones and perturbed so they are never catalogue text verbatim, a maximal log paste, and synthetic catalogues of
 * 1,000 / 10,000 entries for scale. Every query is built from the REAL catalogue's entries (or written by hand in
 * the eval sets), never from the synthetic entries: at 10 k the synthetic entries are distractors only.
 * Everything is deterministic (seeded PRNG) so runs measure the same inputs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Catalogue } from '../src/core/catalogue/catalogue';
import type { CatalogueData, Entry, Lang, LocalizedText } from '../src/core/catalogue/schema';
import { MAX_INPUT_CHARS } from '../src/core/matching';

export const ROOT = path.resolve(__dirname, '..');

export const EVAL_SETS = {
  dev: path.resolve(ROOT, '..', 'shared', 'eval', 'dev.jsonl'),
  shadow: path.join(ROOT, 'test', 'fixtures', 'eval', 'shadow.jsonl'),
  heldout: path.join(ROOT, 'test', 'fixtures', 'eval', 'heldout.jsonl'),
} as const;
export type EvalSetName = keyof typeof EVAL_SETS;

export interface EvalCase {
  id: string;
  text: string;
  expect: { code?: string; ref?: string } | null;
}

export function loadEvalSet(name: EvalSetName): EvalCase[] {
  const file = EVAL_SETS[name];
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalCase);
}

/** The eval rule (DESIGN.md): an expected code in the entry's codes (case-insensitive) or ref in its refs. */
export function satisfies(entry: Entry | undefined, expect: EvalCase['expect']): boolean {
  if (!entry || !expect) return false;
  if (expect.code !== undefined) {
    const code = expect.code.toLowerCase();
    return entry.codes.some((c) => c.toLowerCase() === code);
  }
  return expect.ref !== undefined && entry.refs.includes(expect.ref);
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
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

const anyText = (text: LocalizedText, random: () => number): string => {
  const values = Object.values(text).filter((t): t is string => typeof t === 'string');
  return values.length > 0 ? pick(random, values) : '';
};

/** A person retyping or half-copying: words dropped, case changed, a typo or two, casual words added. */
function perturb(text: string, random: () => number): string {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const word of words) {
    const r = random();
    if (r < 0.12) continue; // dropped
    let w = word;
    if (r < 0.17 && w.length > 4) {
      const i = 1 + Math.floor(random() * (w.length - 2));
      w = w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2); // swapped letters
    }
    if (random() < 0.3) w = w.toLowerCase();
    out.push(w);
  }
  if (random() < 0.4)
    out.unshift(pick(random, ['hi all,', 'again:', 'fyi', 'seeing this on prod:', 'help?']));
  if (random() < 0.4) out.push(pick(random, ['any idea?', 'since last night', '— retried twice', 'ugh']));
  return out.join(' ');
}

const hex = (random: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
const guid = (random: () => number) =>
  `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;

/** One paste of a real-looking shape about `entry`: portal blade, CLI output, event log, Teams HTML, chat. */
function shapedPaste(entry: Entry, random: () => number): string {
  const code = entry.codes.length > 0 && random() < 0.7 ? pick(random, entry.codes) : '';
  const message = perturb(anyText(entry.message, random) || anyText(entry.title, random), random).slice(
    0,
    400,
  );
  const vm = `vm-${pick(random, ['app', 'sql', 'web', 'fs', 'sap'])}-${Math.floor(random() * 90 + 10)}`;
  switch (Math.floor(random() * 5)) {
    case 0:
      return [
        `Backup job - ${vm}`,
        'Status: Failed',
        `Start time: 11/${1 + Math.floor(random() * 28)}/2026, 2:${10 + Math.floor(random() * 49)}:02 AM`,
        `Job ID: ${guid(random)}`,
        code && `Error Code: ${code}`,
        `Error Message: ${message}`,
        `Correlation ID: ${guid(random)}`,
      ]
        .filter(Boolean)
        .join('\n');
    case 1:
      return [
        `$ az backup job show -g rg-backup -v rsv-prod -n ${guid(random)} --query properties.errorDetails`,
        '[',
        '  {',
        `    "errorCode": "${code || 'UserError'}",`,
        `    "errorString": ${JSON.stringify(message)},`,
        '    "recommendations": []',
        '  }',
        ']',
      ].join('\n');
    case 2:
      return [
        'Log Name:      Application',
        `Source:        ${pick(random, ['CloudBackup', 'MSDPM', 'Application Error', 'Service Control Manager'])}`,
        `Event ID:      ${Math.floor(random() * 9000 + 100)}`,
        'Level:         Error',
        `Computer:      ${vm}.contoso.local`,
        'Description:',
        `${code ? `${code}: ` : ''}${message}`,
      ].join('\n');
    case 3:
      return `<p><at>Remedy</at>&nbsp;${code ? `<code>${code}</code> ` : ''}on ${vm}: ${message.replace(/"/g, '&quot;')}</p>`;
    default:
      return `${code ? `${code} ` : ''}${message}`;
  }
}

/** A long log with the error somewhere inside, cut at the input limit. */
function maximalPaste(entry: Entry, random: () => number): string {
  const lines: string[] = [];
  let size = 0;
  for (let n = 1; size < MAX_INPUT_CHARS * 1.2; n += 1) {
    const line =
      n === 40
        ? `0B44 2210 11/30 22:05:11.903 71 cbpclient.cpp(911) ERROR ${entry.codes[0] ?? ''} ${perturb(anyText(entry.message, random) || entry.title.en, random)}`
        : `0B44 2210 11/30 22:05:${String(n % 60).padStart(2, '0')}.${Math.floor(random() * 999)} 71 dsmfsenumerator.cpp(${n}) NORMAL Enumerating F:\\data\\share${n} on fs05.contoso.local chunk=${Math.floor(random() * 1e6)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, MAX_INPUT_CHARS);
}

export interface LatencyInputs {
  /** ≤ 200 characters: a code, a one-line message. */
  short: string[];
  /** 200 characters to 2 KB: eval pastes and shaped pastes — the figure the targets are about. */
  typical: string[];
  /** MAX_INPUT_CHARS of log. */
  maximal: string[];
}

/** The same inputs for every engine and every catalogue size (built from the real catalogue only). */
export function latencyInputs(real: Catalogue, seed = 1): LatencyInputs {
  const random = prng(seed);
  const entries = real.entries.filter((e) => e.kind !== 'guide');
  const evalTexts = (['dev', 'shadow', 'heldout'] as const).flatMap((name) =>
    loadEvalSet(name).map((c) => c.text),
  );
  const shaped = Array.from({ length: 300 }, () => shapedPaste(pick(random, entries), random));
  const all = [...evalTexts, ...shaped];
  const short = all.filter((t) => t.length <= 200).slice(0, 200);
  const typical = all.filter((t) => t.length > 200 && t.length <= 2048).slice(0, 200);
  const maximal = Array.from({ length: 20 }, () => maximalPaste(pick(random, entries), random));
  return { short, typical, maximal };
}

/**
 * The real catalogue plus synthetic entries up to `size`: each synthetic entry copies the shape of a real one
 * (fields, lengths, languages, step counts) with half its words replaced by words of the real catalogue's
 * vocabulary in the same language, and a new code made of real code parts. Real entries keep their ids and index
 * positions, so eval expectations still resolve and accuracy "among N entries" is measurable.
 */
export function scaledCatalogue(real: Catalogue, size: number, seed = 7): Catalogue {
  if (size <= real.entries.length) return real;
  const random = prng(seed);
  const templates = real.entries;
  const codeParts = [
    ...new Set(
      templates.flatMap((e) => e.codes.flatMap((c) => c.match(/[A-Z][a-z]+|[A-Z]+(?![a-z])/g) ?? [])),
    ),
  ];
  const words = { en: new Set<string>(), ko: new Set<string>(), nl: new Set<string>() };
  for (const e of templates)
    for (const lang of ['en', 'ko', 'nl'] as const)
      for (const t of [
        e.title[lang],
        e.message[lang],
        e.description[lang],
        ...e.steps.map((s) => s.text[lang]),
      ])
        for (const w of (t ?? '').split(/\s+/)) if (w) words[lang].add(w);
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
  const rewriteItems = (items: ReadonlyArray<{ lang: Lang; text: string }>) =>
    items.map((item) => ({
      lang: item.lang,
      text: rewrite({ [item.lang]: item.text })[item.lang] ?? item.text,
    }));
  const entries: Entry[] = [...templates];
  for (let i = templates.length; i < size; i += 1) {
    const t = templates[i % templates.length] as Entry;
    const id = `syn-${i}-${t.id}`;
    const codes =
      t.codes.length > 0
        ? [
            Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(random, codeParts)).join('') +
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
      aliases: rewriteItems(t.aliases),
      ...(t.formerText && { formerText: rewriteItems(t.formerText) }),
      ...(t.symptoms && { symptoms: rewriteItems(t.symptoms) }),
      steps: t.steps.map((s, n) => ({
        ...s,
        id: `${id}#s${n + 1}`,
        text: rewrite(s.text),
        substeps: s.substeps.map(rewrite),
      })),
      causes: [],
    });
  }
  const data: CatalogueData = { ...real.data, entries };
  return Catalogue.fromJson(data);
}
