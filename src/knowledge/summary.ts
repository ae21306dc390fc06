/**
 * Per-article figures of a catalogue: entries by kind, codes, steps, languages, versions — and, for an article
 * with several files, how each file's sections and table rows lined up with the other languages' (joined) or
 * stayed entries of their own (no counterpart).
 */
import type { CatalogueData, Entry } from '../core/catalogue/schema';

export interface FileAlignment {
  file: string;
  lang: string;
  version: string;
  /** Entries this file contributes to. */
  entries: number;
  /** Of those, entries another language also documents (its sections/rows joined theirs). */
  joined: number;
  /** Table rows among the joined entries. */
  joinedRows: number;
  /** Entries that only this language documents (no counterpart in another language), by id. */
  unmatched: string[];
}

export interface ArticleSummary {
  article: string;
  entries: number;
  kinds: Record<string, number>;
  codes: number;
  steps: number;
  languages: string[];
  versions: string[];
  alignment: FileAlignment[];
}

function isRow(entry: Entry): boolean {
  return /\/(?:[a-z]{2}-)?\d+$/.test(entry.id);
}

function alignmentOf(
  entries: Entry[],
  sources: CatalogueData['articles'][number]['sources'],
): FileAlignment[] {
  const languages = new Set(sources.map((s) => s.lang));
  if (languages.size < 2) return [];
  return sources.map((source) => {
    const own = entries.filter((e) => e.sources.some((s) => s.file === source.file));
    const joined = own.filter((e) => e.sources.some((s) => s.lang !== source.lang));
    return {
      file: source.file,
      lang: source.lang,
      version: source.version,
      entries: own.length,
      joined: joined.length,
      joinedRows: joined.filter(isRow).length,
      unmatched: own.filter((e) => !joined.includes(e)).map((e) => e.id),
    };
  });
}

export function summarizeCatalogue(data: CatalogueData): ArticleSummary[] {
  return data.articles.map((article) => {
    const entries = data.entries.filter((e) => e.article === article.id);
    const kinds: Record<string, number> = {};
    for (const entry of entries) kinds[entry.kind] = (kinds[entry.kind] ?? 0) + 1;
    return {
      article: article.id,
      entries: entries.length,
      kinds,
      codes: new Set(entries.flatMap((e) => e.codes.map((c) => c.toLowerCase()))).size,
      steps: entries.reduce((sum, e) => sum + e.steps.length, 0),
      languages: [...new Set(article.sources.map((s) => s.lang))].sort(),
      versions: [...new Set(article.sources.map((s) => s.version))].sort(),
      alignment: alignmentOf(entries, article.sources),
    };
  });
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

function listed(ids: string[]): string {
  const shown = ids.slice(0, 4).join(', ');
  return ids.length > 4 ? `${shown} and ${ids.length - 4} more` : shown;
}

export function formatSummary(rows: ArticleSummary[]): string {
  const header = ['article', 'entries', 'error/cause/guide', 'codes', 'steps', 'languages', 'versions'];
  const lines = rows.map((r) => [
    r.article,
    String(r.entries),
    `${r.kinds.error ?? 0}/${r.kinds.cause ?? 0}/${r.kinds.guide ?? 0}`,
    String(r.codes),
    String(r.steps),
    r.languages.join(','),
    r.versions.join(','),
  ]);
  const sum = (pick: (r: ArticleSummary) => number) => String(rows.reduce((s, r) => s + pick(r), 0));
  const total = ['total', sum((r) => r.entries), '', sum((r) => r.codes), sum((r) => r.steps), '', ''];
  const out = table([header, ...lines, total]);

  const aligned = rows.filter((r) => r.alignment.length > 0);
  if (aligned.length > 0) {
    out.push('', 'alignment of language versions (sections and table rows joined across languages):');
    for (const r of aligned) {
      out.push(`${r.article}:`);
      for (const a of r.alignment) {
        const none = a.unmatched.length === 0 ? 'none' : `${a.unmatched.length} (${listed(a.unmatched)})`;
        out.push(
          `  ${a.lang} ${a.version} ${a.file}: ${a.entries} entries, ${a.joined} joined with another language` +
            ` (${a.joinedRows} table rows), without counterpart: ${none}`,
        );
      }
    }
  }
  return `${out.join('\n')}\n`;
}
