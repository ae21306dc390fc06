/** The YAML-like front matter of a Microsoft Docs article: flat `key: value` lines between `---` fences. */
import { IngestError } from './errors';

export interface FrontMatter {
  fields: Readonly<Record<string, string>>;
  /** Field name → 1-based line, for error messages. */
  lines: Readonly<Record<string, number>>;
  /** The article with the front matter lines blanked (line numbers stay those of the file). */
  body: string;
}

export function parseFrontMatter(text: string, file: string): FrontMatter {
  const lines = text.split('\n');
  if ((lines[0] ?? '').trim() !== '---')
    throw new IngestError(file, 1, "expected front matter starting with '---'");
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) throw new IngestError(file, 1, "expected the front matter to end with a '---' line");
  const fields: Record<string, string> = {};
  const fieldLines: Record<string, number> = {};
  for (let i = 1; i < end; i++) {
    const match = /^([\w.-]+):\s*(.*)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, key = '', raw = ''] = match;
    fields[key] = raw.trim().replace(/^(['"])(.*)\1$/, '$2');
    fieldLines[key] = i + 1;
  }
  const body = lines.map((line, i) => (i <= end ? '' : line)).join('\n');
  return { fields, lines: fieldLines, body };
}
