/**
 * Ingestion: knowledge/sources (index.json + the articles) → validated catalogue data; writing it atomically.
 * Reads only the sources directory it is given. Nothing is written when anything fails.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CatalogueDataSchema, type CatalogueData } from '../core/catalogue/schema';
import { parseArticle } from './articleParser';
import { IngestError } from './errors';
import { mergeArticles } from './merge';
import { parseSourceIndex } from './sourceIndex';

export const SOURCE_INDEX_FILE = 'index.json';

export interface IngestOptions {
  /** Directory with index.json and the article files (knowledge/sources). */
  sourcesDir: string;
}

export function ingest({ sourcesDir }: IngestOptions): CatalogueData {
  const indexPath = join(sourcesDir, SOURCE_INDEX_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(indexPath, 'utf8'));
  } catch (error) {
    throw new IngestError(SOURCE_INDEX_FILE, 1, `expected readable JSON (${(error as Error).message})`);
  }
  const index = parseSourceIndex(json, SOURCE_INDEX_FILE);
  const listed = new Set(index.sources.map((s) => s.file));
  for (const file of readdirSync(sourcesDir).filter((f) => f.endsWith('.md')).sort()) {
    if (!listed.has(file)) throw new IngestError(file, 1, `expected the file to be listed in ${SOURCE_INDEX_FILE}`);
  }
  const parsed = index.sources.map((source) => {
    let raw: string;
    try {
      raw = readFileSync(join(sourcesDir, source.file), 'utf8');
    } catch (error) {
      throw new IngestError(SOURCE_INDEX_FILE, 1, `expected ${source.file} to exist in ${basename(sourcesDir)} (${(error as Error).message})`);
    }
    return parseArticle(source, raw);
  });
  return validateCatalogue(mergeArticles(parsed));
}

/** zod-validates catalogue data; the error names the first problems. */
export function validateCatalogue(data: unknown): CatalogueData {
  const result = CatalogueDataSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`catalogue does not match the schema: ${issues.join('; ')}`);
  }
  return result.data;
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
