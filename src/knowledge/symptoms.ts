/**
 * Symptom wordings: how on-call people describe an entry's error in their own words ("the nsg lock-down killed
 * snapshots", a Service Control Manager line), curated per entry in knowledge/symptoms/<article>.json. The
 * articles say what an error is in the vendor's words; these bridge from everyday wording to the entry. They are
 * matching evidence only (never shown on a card) and reach the catalogue through ingest, so the catalogue stays
 * reproducible from its sources. A file names its article; an id no entry has (a section renamed or dropped from
 * the article) is reported, not fatal: a newer article must still ingest.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGS, type CatalogueData, type Lang } from '../core/catalogue/schema';
import { describeIssues } from '../core/validation';
import { IngestError } from './errors';

const Wordings = z.array(z.string().trim().min(1, 'expected a non-empty wording'));

export const SymptomsFileSchema = z
  .object({
    /** The article id the entries belong to (a catalogue `article`). */
    article: z.string().regex(/^[a-z0-9-]+$/, 'a lowercase article id'),
    /** Entry id → wordings per language. */
    entries: z.record(
      z.string().min(1),
      z.object({ en: Wordings.optional(), ko: Wordings.optional(), nl: Wordings.optional() }).strict(),
    ),
  })
  .strict();
export type SymptomsFile = z.infer<typeof SymptomsFileSchema>;

/** Every symptoms file of `dir` (none when the directory does not exist), validated; a bad file is an IngestError. */
export function readSymptoms(dir: string): SymptomsFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch (error) {
        throw new IngestError(file, 1, `expected readable JSON (${(error as Error).message})`);
      }
      const parsed = SymptomsFileSchema.safeParse(json);
      if (!parsed.success)
        throw new IngestError(
          file,
          1,
          `expected a symptoms file: ${describeIssues(parsed.error, { max: 5 })}`,
        );
      return parsed.data;
    });
}

/**
 * The catalogue with each entry's symptom wordings (`symptoms`, in language order, duplicates dropped), and the
 * `article/id` keys no entry of that article has.
 */
export function attachSymptoms(
  data: CatalogueData,
  files: readonly SymptomsFile[],
): { data: CatalogueData; unknown: string[] } {
  const byKey = new Map<string, Array<{ lang: Lang; text: string }>>();
  const unknown: string[] = [];
  const ids = new Set(data.entries.map((entry) => `${entry.article}/${entry.id}`));
  for (const file of files)
    for (const [id, wordings] of Object.entries(file.entries)) {
      const key = `${file.article}/${id}`;
      if (!ids.has(key)) {
        unknown.push(key);
        continue;
      }
      const list = byKey.get(key) ?? [];
      for (const lang of LANGS)
        for (const text of wordings[lang] ?? [])
          if (!list.some((item) => item.lang === lang && item.text === text)) list.push({ lang, text });
      byKey.set(key, list);
    }
  const entries = data.entries.map((entry) => {
    const symptoms = byKey.get(`${entry.article}/${entry.id}`);
    return symptoms && symptoms.length > 0 ? { ...entry, symptoms } : entry;
  });
  return { data: { ...data, entries }, unknown };
}
