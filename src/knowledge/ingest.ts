/**
 * Ingestion: knowledge/sources (the articles, and an optional index.json of overrides), with the curated symptom
 * wordings of knowledge/symptoms → validated catalogue data; writing it atomically. Reads only the directories it is given. Nothing is written when anything
 * fails: every failure is an IngestError naming file, line and what was expected.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { CatalogueDataSchema, type CatalogueData } from '../core/catalogue/schema';
import { parseArticle } from './articleParser';
import { describeIssues } from '../core/validation';
import { IngestError } from './errors';
import { mergeArticles } from './merge';
import { attachSymptoms, readSymptoms } from './symptoms';
import { parseSourceIndex, type SourceIndex } from './sourceIndex';
import { errorMessage } from '../core/errors';

export const SOURCE_INDEX_FILE = 'index.json';

/** Just enough of the catalogue shape to find where an entry came from. */
const EntrySourceSchema = z.object({
  entries: z.array(z.object({ sources: z.array(z.object({ file: z.string(), line: z.number() })) })),
});

export interface IngestOptions {
  /** Directory with index.json and the article files (knowledge/sources). */
  sourcesDir: string;
  /** Directory of curated symptom wordings per article (knowledge/symptoms); none when absent. */
  symptomsDir?: string;
  /** Told the `article/id` keys of symptom wordings whose entry the articles no longer have. */
  onUnknownSymptoms?: (keys: string[]) => void;
}

export function ingest({ sourcesDir, symptomsDir, onUnknownSymptoms }: IngestOptions): CatalogueData {
  const index = readSourceIndex(sourcesDir);
  const files = readdirSync(sourcesDir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  for (const record of index.sources) {
    if (!files.includes(record.file))
      throw new IngestError(
        SOURCE_INDEX_FILE,
        1,
        `expected ${record.file} to exist in ${basename(sourcesDir)}`,
      );
  }
  const parsed = files.map((file) => {
    let raw: string;
    try {
      raw = readFileSync(join(sourcesDir, file), 'utf8');
    } catch (error) {
      throw new IngestError(file, 1, `expected a readable file (${(error as Error).message})`);
    }
    return withFile(file, () => parseArticle(file, raw, index));
  });
  const merged = withFile(files[0] ?? SOURCE_INDEX_FILE, () => mergeArticles(parsed, index));
  if (symptomsDir === undefined) return validateCatalogue(merged);
  const { data, unknown } = attachSymptoms(merged, readSymptoms(symptomsDir));
  if (unknown.length > 0) onUnknownSymptoms?.(unknown);
  return validateCatalogue(data);
}

/**
 * Runs one step of ingestion so that any failure names a file: an IngestError passes through; anything else (a
 * structure this ingester does not understand) becomes one naming the file, so the operator sees which article
 * to look at rather than a bare TypeError.
 */
function withFile<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const reason = errorMessage(error);
    throw new IngestError(
      file,
      1,
      `expected an article in the Microsoft Docs format this ingester reads (${reason})`,
    );
  }
}

/** knowledge/sources/index.json when there is one (it is optional); an unreadable or invalid one is an error. */
function readSourceIndex(sourcesDir: string): SourceIndex {
  const indexPath = join(sourcesDir, SOURCE_INDEX_FILE);
  if (!existsSync(indexPath)) return { sources: [] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(indexPath, 'utf8'));
  } catch (error) {
    throw new IngestError(SOURCE_INDEX_FILE, 1, `expected readable JSON (${(error as Error).message})`);
  }
  return parseSourceIndex(json, SOURCE_INDEX_FILE);
}

/** zod-validates catalogue data; the error names the first problems. */
export function validateCatalogue(data: unknown): CatalogueData {
  const result = CatalogueDataSchema.safeParse(data);
  if (!result.success) {
    // Point at the source of the first entry at fault, so the message names the article it came from.
    const [first] = result.error.issues;
    const at = first?.path[0] === 'entries' && typeof first.path[1] === 'number' ? first.path[1] : undefined;
    const source = at === undefined ? undefined : sourceOfEntry(data, at);
    throw new IngestError(
      source?.file ?? 'catalogue.json',
      source?.line ?? 1,
      `expected data matching the catalogue schema: ${describeIssues(result.error, { max: 5 })}`,
    );
  }
  return result.data;
}

function sourceOfEntry(data: unknown, index: number): { file: string; line: number } | undefined {
  const parsed = EntrySourceSchema.safeParse(data);
  if (!parsed.success) return undefined;
  return parsed.data.entries[index]?.sources[0];
}

/** The catalogue file's exact text (stable key order and formatting: re-running ingest gives the same bytes). */
export function serializeCatalogue(data: CatalogueData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Validates, then writes through a temporary file and a rename, so a failed write leaves the old file. */
export function writeCatalogue(path: string, data: CatalogueData): void {
  const text = serializeCatalogue(validateCatalogue(data));
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, 'utf8');
  renameSync(temporary, path);
}
