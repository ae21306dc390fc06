/**
 * `remedy ingest [--check] [--summary] [--sources DIR] [--symptoms DIR] [--out FILE]`: builds knowledge/catalogue.json
 * from the articles and the curated symptom wordings.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { IngestError } from '../../knowledge/errors';
import { ingest, serializeCatalogue, writeCatalogue } from '../../knowledge/ingest';
import { DEFAULT_CATALOGUE_PATH, DEFAULT_SOURCES_DIR, DEFAULT_SYMPTOMS_DIR } from '../../knowledge/load';
import { formatSummary, summarizeCatalogue } from '../../knowledge/summary';
import type { CliCommand, CliIo } from '../io';
import { parseCommandArgs, UsageError } from '../args';

const INGEST_ARGS = {
  options: {
    check: { type: 'boolean', default: false },
    summary: { type: 'boolean', default: false },
    sources: { type: 'string', default: DEFAULT_SOURCES_DIR },
    symptoms: { type: 'string', default: DEFAULT_SYMPTOMS_DIR },
    out: { type: 'string', default: DEFAULT_CATALOGUE_PATH },
  },
  allowPositionals: false,
  schema: z.object({
    check: z.boolean(),
    summary: z.boolean(),
    sources: z.string().min(1, 'expected a directory'),
    symptoms: z.string().min(1, 'expected a directory'),
    out: z.string().min(1, 'expected a file path'),
  }),
} as const;
type Options = z.output<typeof INGEST_ARGS.schema>;

/** `[--check] [--summary] [--sources DIR] [--symptoms DIR] [--out FILE]` (throws UsageError). */
export function parseIngestArgs(args: readonly string[]): Options {
  return parseCommandArgs(args, INGEST_ARGS);
}

function firstDifference(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, i) => line !== right[i]);
  return (index < 0 ? Math.min(left.length, right.length) : index) + 1;
}

async function run(args: string[], io: CliIo): Promise<number> {
  let options: Options;
  try {
    options = parseIngestArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`remedy ingest: ${error.message}\n`);
    return 2;
  }
  let data;
  try {
    data = ingest({
      sourcesDir: options.sources,
      symptomsDir: options.symptoms,
      onUnknownSymptoms: (keys) =>
        io.stderr.write(
          `remedy ingest: note: symptom wordings for ${keys.length} entries the articles no longer have (left out): ${keys.join(', ')}\n`,
        ),
    });
  } catch (error) {
    if (error instanceof IngestError) {
      io.stderr.write(`remedy ingest: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (options.check) {
    const expected = serializeCatalogue(data);
    let actual: string | undefined;
    try {
      actual = readFileSync(options.out, 'utf8');
    } catch (error) {
      io.stderr.write(
        `remedy ingest --check: cannot read ${options.out} (${(error as Error).message}); run 'npm run ingest' and commit it\n`,
      );
      return 1;
    }
    if (actual !== expected) {
      io.stderr.write(
        `remedy ingest --check: ${options.out} is stale (first difference at line ${firstDifference(actual, expected)}); run 'npm run ingest' and commit it\n`,
      );
      return 1;
    }
    io.stdout.write(`${options.out} is up to date (${data.entries.length} entries)\n`);
  } else {
    writeCatalogue(options.out, data);
    io.stdout.write(
      `wrote ${options.out}: ${data.entries.length} entries from ${data.articles.length} articles\n`,
    );
  }
  if (options.summary) io.stdout.write(formatSummary(summarizeCatalogue(data)));
  return 0;
}

export const command: CliCommand = {
  summary:
    'build knowledge/catalogue.json from knowledge/sources and knowledge/symptoms (--check: fail if it is stale; --summary)',
  run,
};
