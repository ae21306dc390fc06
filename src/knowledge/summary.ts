/** Per-article figures of a catalogue: entries by kind, codes, steps, languages, versions. */
import type { CatalogueData } from '../core/catalogue/schema';

export interface ArticleSummary {
  article: string;
  entries: number;
  kinds: Record<string, number>;
  codes: number;
  steps: number;
  languages: string[];
  versions: string[];
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
    };
  });
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
  const total = ['total', String(rows.reduce((s, r) => s + r.entries, 0)), '', String(rows.reduce((s, r) => s + r.codes, 0)), String(rows.reduce((s, r) => s + r.steps, 0)), '', ''];
  const table = [header, ...lines, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}
