/**
 * What each source file is: article, learn.microsoft.com slug, language, locale and version date.
 *
 * An article dropped into knowledge/sources unedited is enough: everything is read from the file itself —
 * language and locale from `ms.contentlocale` (an English original has none: en, en-us), the version from
 * `ms.lasthandoff` (localized copies) or `ms.date` (originals), the slug from the file name. The optional
 * knowledge/sources/index.json overrides any of these per file; its records also name the article an English
 * original belongs to: an original whose slug (file name) is the slug of indexed translations joins their
 * article, so the English text and its translations become one article.
 */
import { z } from 'zod';
import { LANGS, LangSchema, type Lang } from '../core/catalogue/schema';
import { describeIssues } from '../core/validation';
import { IngestError } from './errors';
import type { FrontMatter } from './frontMatter';

const SLUG = /^[a-z0-9-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const SourceIndexEntrySchema = z
  .object({
    file: z.string().regex(/^[\w.-]+\.md$/, 'a file name under knowledge/sources ending in .md'),
    article: z.string().regex(SLUG, 'a lowercase article id').optional(),
    /** learn.microsoft.com slug of the article under azure/backup. */
    slug: z.string().regex(SLUG, 'a lowercase learn.microsoft.com article slug').optional(),
    lang: LangSchema.optional(),
    /** ms.contentlocale, lowercased (e.g. ko-kr). */
    locale: z
      .string()
      .regex(/^[a-z]{2}-[a-z]{2}$/, 'a locale such as ko-kr')
      .optional(),
    /** The version date as YYYY-MM-DD. */
    version: z.string().regex(DATE, 'a date YYYY-MM-DD').optional(),
  })
  .strict();
export type SourceIndexEntry = z.infer<typeof SourceIndexEntrySchema>;

export const SourceIndexSchema = z.object({ sources: z.array(SourceIndexEntrySchema) }).strict();
export type SourceIndex = z.infer<typeof SourceIndexSchema>;

/** A source file fully described (after the index's overrides). */
export interface SourceDescription {
  file: string;
  article: string;
  slug: string;
  lang: Lang;
  locale: string;
  version: string;
}

export function parseSourceIndex(json: unknown, file: string): SourceIndex {
  const parsed = SourceIndexSchema.safeParse(json);
  if (!parsed.success) throw new IngestError(file, 1, `expected ${describeIssues(parsed.error, { max: 1 })}`);
  return parsed.data;
}

/** MM/DD/YYYY (as Docs front matter writes dates) → YYYY-MM-DD. */
function isoDate(value: string, file: string, line: number, field: string): string {
  const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!date) throw new IngestError(file, line, `expected ${field} as MM/DD/YYYY, got ${value}`);
  const [, month = '', day = '', year = ''] = date;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The file name without `.md` and without language or year parts: `mabs-troubleshoot.ko.2020.md` → `mabs-troubleshoot`. */
export function fileStem(file: string): string {
  const parts = file.replace(/\.md$/, '').split('.');
  const kept = parts.filter(
    (part, i) => i === 0 || !(/^\d{4}$/.test(part) || /^[a-z]{2}(-[a-z]{2})?$/i.test(part)),
  );
  return kept.join('.').toLowerCase();
}

/** Language and locale from the front matter (or a `.ko.`-style file name part); an original is English. */
function languageOf(frontMatter: FrontMatter, file: string): { lang: Lang; locale: string } {
  const contentLocale = frontMatter.fields['ms.contentlocale'];
  if (contentLocale) {
    const line = frontMatter.lines['ms.contentlocale'] ?? 1;
    const locale = contentLocale.toLowerCase();
    const lang = LangSchema.safeParse(locale.slice(0, 2));
    if (!lang.success || !/^[a-z]{2}(-[a-z]{2,4})?$/.test(locale))
      throw new IngestError(
        file,
        line,
        `expected ms.contentlocale in one of ${LANGS.join(', ')}, got ${contentLocale}`,
      );
    return { lang: lang.data, locale: locale.length === 2 ? `${locale}-${locale}` : locale };
  }
  const named = file
    .replace(/\.md$/, '')
    .split('.')
    .slice(1)
    .find((part) => LangSchema.safeParse(part.toLowerCase()).success);
  const lang = LangSchema.safeParse(named?.toLowerCase());
  if (lang.success && lang.data !== 'en') return { lang: lang.data, locale: `${lang.data}-${lang.data}` };
  return { lang: 'en', locale: 'en-us' };
}

/** The version date: ms.lasthandoff (when a localized copy was handed off), else ms.date. */
function versionOf(frontMatter: FrontMatter, file: string): string {
  const handoff = frontMatter.fields['ms.lasthandoff'];
  if (handoff) return isoDate(handoff, file, frontMatter.lines['ms.lasthandoff'] ?? 1, 'ms.lasthandoff');
  const date = frontMatter.fields['ms.date'];
  if (date) return isoDate(date, file, frontMatter.lines['ms.date'] ?? 1, 'ms.date');
  throw new IngestError(file, 1, 'expected an ms.date or ms.lasthandoff front matter field (MM/DD/YYYY)');
}

/**
 * Describes one file from its name and front matter, with the index record (if any) overriding. `index` is the
 * whole index: an unlisted English original whose slug some record has joins that record's article.
 */
export function describeSource(
  file: string,
  frontMatter: FrontMatter,
  index: SourceIndex,
): SourceDescription {
  const record = index.sources.find((s) => s.file === file);
  const language = record?.lang
    ? { lang: record.lang, locale: record.locale ?? languageOf(frontMatter, file).locale }
    : languageOf(frontMatter, file);
  const version = record?.version ?? versionOf(frontMatter, file);
  const slug = record?.slug ?? fileStem(file);
  if (!SLUG.test(slug))
    throw new IngestError(
      file,
      1,
      `expected a file name that is a lowercase article slug (a-z, 0-9, -), got ${slug}`,
    );
  const sibling = index.sources.find((s) => s.slug === slug && s.article !== undefined);
  const article = record?.article ?? sibling?.article ?? slug;
  return { file, article, slug, lang: language.lang, locale: language.locale, version };
}
