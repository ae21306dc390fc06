/**
 * knowledge/sources/index.json: which article, language and version each source file is. Language and version
 * are read from the file's front matter (ms.contentlocale, ms.lasthandoff); ingest checks the index agrees.
 */
import { z } from 'zod';
import { LangSchema, type Lang } from '../core/catalogue/schema';
import { IngestError } from './errors';
import type { FrontMatter } from './frontMatter';

export const SourceIndexEntrySchema = z
  .object({
    file: z.string().regex(/^[\w.-]+\.md$/, 'a file name under knowledge/sources ending in .md'),
    article: z.string().regex(/^[a-z0-9-]+$/, 'a lowercase article id'),
    /** learn.microsoft.com slug of the article under azure/backup. */
    slug: z.string().regex(/^[a-z0-9-]+$/, 'a lowercase learn.microsoft.com article slug'),
    lang: LangSchema,
    /** ms.contentlocale, lowercased (e.g. ko-kr). */
    locale: z.string().regex(/^[a-z]{2}-[a-z]{2}$/, 'a locale such as ko-kr'),
    /** ms.lasthandoff as YYYY-MM-DD. */
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  })
  .strict();
export type SourceIndexEntry = z.infer<typeof SourceIndexEntrySchema>;

export const SourceIndexSchema = z
  .object({ sources: z.array(SourceIndexEntrySchema).min(1) })
  .strict();
export type SourceIndex = z.infer<typeof SourceIndexSchema>;

export function parseSourceIndex(json: unknown, file: string): SourceIndex {
  const parsed = SourceIndexSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IngestError(file, 1, `expected ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'a valid source index'}`);
  }
  return parsed.data;
}

/** What the front matter says about a file: language, locale and version date. */
export function describeFromFrontMatter(frontMatter: FrontMatter, file: string): { lang: Lang; locale: string; version: string } {
  const locale = frontMatter.fields['ms.contentlocale'];
  const handoff = frontMatter.fields['ms.lasthandoff'];
  if (!locale) throw new IngestError(file, 1, 'expected an ms.contentlocale front matter field');
  if (!handoff) throw new IngestError(file, 1, 'expected an ms.lasthandoff front matter field');
  const lang = LangSchema.safeParse(locale.slice(0, 2).toLowerCase());
  if (!lang.success)
    throw new IngestError(file, frontMatter.lines['ms.contentlocale'] ?? 1, `expected ms.contentlocale in one of en, ko, nl, got ${locale}`);
  const date = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(handoff);
  if (!date) throw new IngestError(file, frontMatter.lines['ms.lasthandoff'] ?? 1, `expected ms.lasthandoff as MM/DD/YYYY, got ${handoff}`);
  return { lang: lang.data, locale: locale.toLowerCase(), version: `${date[3]}-${date[1]}-${date[2]}` };
}

/** Fails when the index disagrees with the file's own front matter. */
export function checkIndexAgainstFrontMatter(entry: SourceIndexEntry, frontMatter: FrontMatter): void {
  const actual = describeFromFrontMatter(frontMatter, entry.file);
  for (const key of ['lang', 'locale', 'version'] as const) {
    if (actual[key] !== entry[key]) {
      const field = key === 'version' ? 'ms.lasthandoff' : 'ms.contentlocale';
      throw new IngestError(entry.file, frontMatter.lines[field] ?? 1, `expected ${key} ${entry[key]} as in index.json, the front matter says ${actual[key]}`);
    }
  }
}
