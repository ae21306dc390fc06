/**
 * One article file → entry candidates. Section kinds follow the Microsoft Docs troubleshooting format:
 * - a "causes and solutions" section: each sub-section is a `cause`;
 * - a section of error tables (operation | error details | workaround): one `error` per row (`<anchor>/<n>`);
 * - a section whose sub-sections are "Step 1..n": one `guide`; a section named like a guide (basic
 *   troubleshooting, configure ..., best practices): a `guide`;
 * - a section holding only an introduction and sub-sections: each sub-section is read on its own;
 * - any other section: an `error`.
 */
import { createHash } from 'node:crypto';
import type { EntryKind } from '../core/catalogue/schema';
import { readCell } from './cellContent';
import { codesInText, uniqueCodes } from './codes';
import { IngestError } from './errors';
import { parseFrontMatter } from './frontMatter';
import { matchLabel } from './labels';
import { buildOutline, collectAnchors, parseMarkdown, plainText, renderInline, type InlineContext, type Section } from './markdown';
import type { ParsedArticle, ParsedUnit } from './model';
import { repairMojibake } from './mojibake';
import { checkIndexAgainstFrontMatter, type SourceIndexEntry } from './sourceIndex';
import { readSection } from './sectionReader';

const LATIN_SCRIPT = new Set(['en', 'nl']);

export function parseArticle(source: SourceIndexEntry, raw: string): ParsedArticle {
  const file = source.file;
  const unmarked = raw.replace(/^\uFEFF/, '');
  const text = LATIN_SCRIPT.has(source.lang) ? repairMojibake(unmarked) : unmarked;
  const frontMatter = parseFrontMatter(text.replace(/\r\n?/g, '\n'), file);
  checkIndexAgainstFrontMatter(source, frontMatter);
  const tokens = parseMarkdown(frontMatter.body);
  const ctx: InlineContext = { file, articleSlug: source.slug, anchors: collectAnchors(tokens) };
  const outline = buildOutline(tokens, file);
  const title = outline.children.find((s) => s.level === 1);
  if (!title) throw new IngestError(file, 1, "expected a '# ' title heading after the front matter");
  if (outline.children.length > 1 || outline.children[0] !== title)
    throw new IngestError(file, outline.children.find((s) => s !== title)?.line ?? 1, 'expected every section to come after the one title heading');

  const units: ParsedUnit[] = [];
  for (const section of title.children) {
    if (section.anchors.length === 0) throw new IngestError(file, section.line, 'expected the heading to carry an <a name="..."> anchor');
    units.push(...readTopSection(section, ctx));
  }
  return {
    file,
    article: source.article,
    slug: source.slug,
    lang: source.lang,
    locale: source.locale,
    version: source.version,
    sha256: createHash('sha256').update(raw).digest('hex'),
    title: plainText(title.inline),
    titleAnchor: title.anchors[0] ?? source.article,
    units,
  };
}

function readTopSection(section: Section, ctx: InlineContext): ParsedUnit[] {
  if (isCausesSection(section)) return section.children.map((child) => readAnchored(child, 'cause', ctx));
  if (hasErrorTable(section)) return readRows(section, ctx);
  if (isStepGuide(section) || isGuideHeading(section)) return [readSection(section, 'guide', ctx)];
  if (isContainer(section)) return section.children.flatMap((child) => readTopSection(child, ctx));
  return [readSection(section, 'error', ctx)];
}

function readAnchored(section: Section, kind: EntryKind, ctx: InlineContext): ParsedUnit {
  if (section.anchors.length === 0) throw new IngestError(ctx.file, section.line, 'expected the heading to carry an <a name="..."> anchor');
  return readSection(section, kind, ctx);
}

function isCausesSection(section: Section): boolean {
  return section.anchors.some((a) => /^(causes?-and-solutions?|causes)$/.test(a));
}

function isStepGuide(section: Section): boolean {
  return section.children.length >= 2 && section.children.every((child) => child.anchors.some((a) => /^step-?\d/.test(a)));
}

function isGuideHeading(section: Section): boolean {
  return section.anchors.some((a) => /(^|-)(basic-troubleshooting|guide|configure|prerequisites|best-practices|checklist|before-you-begin)(-|$)/.test(a));
}

/** Only an introduction (paragraphs) before sub-sections that carry the content. */
function isContainer(section: Section): boolean {
  return (
    section.children.length > 0 &&
    section.blocks.every((b) => b.type === 'paragraph' && !b.inline.some((t) => t.type === 'link_open')) &&
    section.children.every((child) => child.anchors.length > 0 && !child.inline.some((t) => t.type === 'link_open'))
  );
}

function columnsOf(section: Section): number {
  return Math.max(0, ...section.blocks.map((b) => (b.type === 'table' ? b.header.length : 0)));
}

function hasErrorTable(section: Section): boolean {
  return columnsOf(section) >= 3;
}

/** One unit per row of the section's operation | error details | workaround table(s). */
function readRows(section: Section, ctx: InlineContext): ParsedUnit[] {
  const heading = plainText(section.inline);
  const rows = section.blocks.flatMap((b) => (b.type === 'table' && b.header.length >= 3 ? b.rows : []));
  return rows.map((row, index) => {
    const [operationCell, detailsCell, workaroundCell] = row.cells;
    if (!operationCell || !detailsCell) throw new IngestError(ctx.file, row.line, 'expected a table row with operation, error details and workaround cells');
    const operation = renderInline(operationCell, ctx, row.line).replace(/\n/g, ' ');
    const details = readCell(detailsCell, ctx, row.line);
    const workaround = workaroundCell ? readCell(workaroundCell, ctx, row.line) : { description: [], steps: [], messages: [], text: '' };
    const message = details.messages[0] ?? messageOfDetails(details.text);
    if (!message) throw new IngestError(ctx.file, row.line, 'expected the error details cell of the row to have text');
    const codes = uniqueCodes([...codesInText(details.text), ...codesInText(operation)]);
    const title = rows.length > 1 ? `${heading}: ${firstSentence(message)}` : heading;
    const unit: ParsedUnit = {
      kind: 'error',
      anchors: section.anchors,
      row: index + 1,
      rowCount: rows.length,
      innerAnchors: index === 0 ? [...section.anchors] : [],
      heading,
      title,
      codes,
      message,
      operation: plain(operation),
      description: workaround.description,
      steps: workaround.steps,
      causeAnchors: [],
      messages: [...details.messages.slice(1), ...workaround.messages],
      line: row.line,
    };
    return unit;
  });
}

/** The error details without code lines and labels. */
function messageOfDetails(text: string): string {
  return plain(
    text
      .split('\n')
      .filter((line) => matchLabel(line)?.kind !== 'code')
      .map((line) => matchLabel(line)?.rest ?? line)
      .join(' '),
  );
}

function plain(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}

function firstSentence(text: string): string {
  if (text.length <= 100) return text;
  const match = /^(.{20,}?[.!?。])(\s|$)/.exec(text);
  const sentence = match?.[1] ?? text;
  return sentence.length > 120 ? `${sentence.slice(0, 117)}...` : sentence;
}
