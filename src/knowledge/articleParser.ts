/**
 * One article file → entry candidates. What a section becomes follows from its structure (never from words in
 * its anchor):
 * - a table with one error per row (an operation column, or several rows of error | … | action): one `error`
 *   per row (`<anchor>/<n>`);
 * - a section whose sub-sections are the causes that other sections point to ("Cause 1: [..](#anchor)"), or
 *   titled "Causes and solutions": each sub-section is a `cause`;
 * - a section whose sub-sections are "Step 1 … Step n": one `guide`;
 * - a section with sub-sections that are entries of their own (an error code, a problem): each sub-section is
 *   read on its own, and the section's own content, when it has some beyond an introduction, is an entry too;
 * - a section that only links elsewhere ("Next steps", "Related content"): nothing;
 * - any other section: one entry, an `error` when it documents one (codes, error message, a problem heading),
 *   else a `guide` (how-to, prerequisites, best practices).
 */
import { createHash } from 'node:crypto';
import type { Lang } from '../core/catalogue/schema';
import { inlinePlainText, markdownPlainText } from '../markdown';
import { readCell } from './cellContent';
import { codesInText, codesOfHeading, uniqueCodes } from './codes';
import { IngestError } from './errors';
import { parseFrontMatter } from './frontMatter';
import { columnRole, matchLabel, type ColumnRole } from './labels';
import {
  buildOutline,
  collectAnchors,
  parseMarkdown,
  renderInline,
  type Block,
  type InlineContext,
  type Section,
  type Token,
} from './markdown';
import type { ParsedArticle, ParsedStep, ParsedUnit } from './model';
import { repairMojibake } from '../core/mojibake';
import { isProblemHeading, isSolutionHeading } from './headings';
import { describeSource, type SourceIndex } from './sourceIndex';
import { readSection } from './sectionReader';

const LATIN_SCRIPT: ReadonlySet<Lang> = new Set(['en', 'nl']);

/** "Next steps", "Related content", "See also" in the three languages. */
const NAVIGATION_HEADING =
  /^(next steps?|related (content|articles|topics)|see also|more information|다음 단계|관련 (콘텐츠|항목|문서)|참고 항목|volgende stappen|gerelateerde (inhoud|artikelen)|zie ook)$/i;

const CAUSES_HEADING =
  /^(causes? and (solutions?|resolutions?)|원인 및 해결( 방법)?|oorzaken en oplossingen)$/i;

const STEP_HEADING = /^(step|stap)\s*\d+\b|^\d+\s*단계/i;

export function parseArticle(file: string, raw: string, index: SourceIndex): ParsedArticle {
  const unmarked = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const frontMatter = parseFrontMatter(unmarked, file);
  const source = describeSource(file, frontMatter, index);
  const body = dropDirectives(
    LATIN_SCRIPT.has(source.lang) ? repairMojibake(frontMatter.body) : frontMatter.body,
  );
  const tokens = parseMarkdown(body);
  const outline = buildOutline(tokens, file, { generatedIds: source.lang === 'en' });
  const title = outline.children.find((s) => s.level === 1);
  if (!title) throw new IngestError(file, 1, "expected a '# ' title heading after the front matter");
  const stray = outline.children.find((s) => s !== title);
  if (stray)
    throw new IngestError(file, stray.line, 'expected every section to come after the one title heading');

  const ctx: InlineContext = { file, articleSlug: source.slug, anchors: collectAnchors(outline) };
  const reader: Reader = { ctx, causeTargets: causeTargets(body) };
  const units = withDistinctTitles(title.children.flatMap((section) => readTopSection(section, reader)));
  return {
    file,
    article: source.article,
    slug: source.slug,
    lang: source.lang,
    locale: source.locale,
    version: source.version,
    sha256: createHash('sha256').update(raw).digest('hex'),
    title: inlinePlainText(title.inline),
    titleAnchor: title.anchors[0] ?? source.article,
    units,
  };
}

/**
 * Sections under one repeated heading ("### PostgreSQLFlexOperationFailedUserError" four times, told apart by
 * their "Inner error code") would show the operator identical titles: each is qualified by the code only it
 * has, when every one of them has one.
 */
function withDistinctTitles(units: ParsedUnit[]): ParsedUnit[] {
  const byTitle = new Map<string, ParsedUnit[]>();
  for (const unit of units) byTitle.set(unit.title, [...(byTitle.get(unit.title) ?? []), unit]);
  const qualified = new Map<ParsedUnit, string>();
  for (const [title, twins] of byTitle) {
    if (twins.length < 2) continue;
    const own = twins.map((unit) =>
      unit.codes.find((code) => twins.every((other) => other === unit || !other.codes.includes(code))),
    );
    if (own.some((code) => code === undefined)) continue;
    twins.forEach((unit, i) => qualified.set(unit, `${title} (${own[i] ?? ''})`));
  }
  return units.map((unit) => {
    const title = qualified.get(unit);
    return title === undefined ? unit : { ...unit, title };
  });
}

interface Reader {
  ctx: InlineContext;
  /** Anchors that a "Cause N: [..](#anchor)" line of the article points at. */
  causeTargets: ReadonlySet<string>;
}

/**
 * Docs directives (`:::image …:::`, `:::zone …`, `:::row:::`) are blanked, keeping line numbers; the text of a
 * complex image (`:::image type="complex"` … `:::image-end:::`) is a long description of a screenshot: blanked too.
 */
export function dropDirectives(body: string): string {
  let inComplexImage = false;
  return body
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (inComplexImage) {
        if (/^:::image-end:::/.test(trimmed)) inComplexImage = false;
        return '';
      }
      if (/^:::image\b/.test(trimmed) && /type\s*=\s*"complex"/.test(trimmed)) {
        inComplexImage = !trimmed.includes(':::image-end:::');
        return '';
      }
      return trimmed.startsWith(':::') ? '' : line.replace(/:::image\s[^:]*?:::/g, '');
    })
    .join('\n');
}

function causeTargets(body: string): Set<string> {
  const targets = new Set<string>();
  const reference = /(?:cause|원인|oorzaak)\s*\d+\s*\**\s*:?\s*\**\s*\[[^\]]*\]\(#([^)\s]+)\)/gi;
  for (const m of body.matchAll(reference)) targets.add(decodeURIComponent(m[1] ?? '').toLowerCase());
  return targets;
}

function headingText(section: Section): string {
  return inlinePlainText(section.inline);
}

function readTopSection(section: Section, reader: Reader): ParsedUnit[] {
  if (isNavigation(section)) return [];
  const rowTables = errorRowTables(section);
  if (rowTables.length > 0) return readRows(section, rowTables, reader.ctx);
  if (isCausesSection(section, reader)) {
    return section.children
      .filter((child) => !isNavigation(child))
      .map((child) => readSection(child, 'cause', reader.ctx));
  }
  if (isStepGuide(section)) return [readSection(section, 'guide', reader.ctx)];
  if (isContainer(section)) {
    const own = hasOwnContent(section) ? [readSection({ ...section, children: [] }, 'auto', reader.ctx)] : [];
    return [
      ...own,
      ...withEmptyCodeHeadingsFolded(section.children).flatMap((child) => readTopSection(child, reader)),
    ];
  }
  return [readSection(section, 'auto', reader.ctx)];
}

/** A section that only points elsewhere: its heading says so, or it holds nothing but links. */
function isNavigation(section: Section): boolean {
  if (NAVIGATION_HEADING.test(headingText(section))) return true;
  if (section.children.length > 0 || section.blocks.length === 0) return false;
  return section.blocks.every((block) => onlyLinks(block));
}

function onlyLinks(block: Block): boolean {
  const inlineOnlyLinks = (tokens: Token[]) => {
    let insideLink = 0;
    let linked = false;
    for (const token of tokens) {
      if (token.type === 'link_open') {
        insideLink += 1;
        linked = true;
      } else if (token.type === 'link_close') insideLink -= 1;
      else if (insideLink === 0 && token.type === 'text' && /[\p{L}\p{N}]/u.test(token.content)) return false;
    }
    return linked;
  };
  if (block.type === 'paragraph') return inlineOnlyLinks(block.inline);
  if (block.type === 'list') {
    return block.items.every((item) =>
      item.blocks.every((inner) => inner.type === 'paragraph' && inlineOnlyLinks(inner.inline)),
    );
  }
  return false;
}

function isCausesSection(section: Section, reader: Reader): boolean {
  if (section.children.length === 0) return false;
  if (CAUSES_HEADING.test(headingText(section))) return true;
  const pointedAt = section.children.filter((child) => child.anchors.some((a) => reader.causeTargets.has(a)));
  return pointedAt.length > 0 && pointedAt.length * 2 >= section.children.length;
}

function isStepGuide(section: Section): boolean {
  return (
    section.children.length >= 2 && section.children.every((child) => STEP_HEADING.test(headingText(child)))
  );
}

/** A sub-section that is an entry of its own rather than part of its parent's explanation. */
function isEntryLike(section: Section): boolean {
  const heading = headingText(section);
  if (isSolutionHeading(heading) || STEP_HEADING.test(heading)) return false;
  if (codesOfHeading(heading).length > 0) return true;
  if (section.blocks.some((block) => block.type === 'paragraph' && startsWithCodeLabel(block.inline)))
    return true;
  if (isProblemHeading(heading)) return true;
  return section.children.some(isEntryLike);
}

function startsWithCodeLabel(inline: Token[]): boolean {
  return matchLabel(inlinePlainText(inline))?.kind === 'code';
}

/**
 * A section whose sub-sections are read on their own: one of them is an entry of its own, or the section holds
 * nothing but introductory paragraphs before them.
 */
function isContainer(section: Section): boolean {
  if (section.children.length === 0) return false;
  if (section.children.some(isEntryLike)) return true;
  // "## UserErrorX" whose content sits under a sub-heading ("### Permission to restore …"): one error, the
  // sub-sections explain it.
  if (codesOfHeading(headingText(section)).length > 0) return false;
  return (
    section.blocks.every((b) => b.type === 'paragraph') &&
    section.children.every((child) => child.blocks.length > 0 || child.children.length > 0)
  );
}

/**
 * "#### UserErrorA" with nothing under it, then "#### UserErrorB" and the content: both codes name the error
 * documented under the second heading, which both anchors lead to.
 */
function withEmptyCodeHeadingsFolded(children: Section[]): Section[] {
  const out: Section[] = [];
  let pending: Section[] = [];
  for (const child of children) {
    const empty = child.blocks.length === 0 && child.children.length === 0;
    const codes = codesOfHeading(headingText(child));
    if (empty && codes.length > 0) {
      pending.push(child);
      continue;
    }
    if (pending.length > 0) {
      out.push({
        ...child,
        anchors: [...child.anchors, ...pending.flatMap((p) => p.anchors)],
        alsoCodes: [...(child.alsoCodes ?? []), ...pending.flatMap((p) => codesOfHeading(headingText(p)))],
      });
      pending = [];
    } else out.push(child);
  }
  return [...out, ...pending];
}

/**
 * Content beyond a one-paragraph introduction: a list, table or code block, or several paragraphs. A note alone
 * ("> [!NOTE] Refer to … for the permissions") introduces the sub-sections; it documents nothing of its own.
 */
function hasOwnContent(section: Section): boolean {
  const paragraphs = section.blocks.filter((b) => b.type === 'paragraph').length;
  return section.blocks.some((b) => b.type !== 'paragraph' && b.type !== 'note') || paragraphs >= 2;
}

interface RowTable {
  block: Extract<Block, { type: 'table' }>;
  roles: Array<ColumnRole | undefined>;
}

function rolesOf(block: Extract<Block, { type: 'table' }>): Array<ColumnRole | undefined> {
  return block.header.map((cell) => columnRole(inlinePlainText(cell)));
}

/**
 * Tables that document one error per row: with an operation column (operation | error details | workaround),
 * or an error/message column and an action column and more than one row, in a section whose heading is not
 * itself an error code (a `### CODE` section's table describes that one error).
 */
function errorRowTables(section: Section): RowTable[] {
  const headingCodes = codesOfHeading(headingText(section));
  const tables: RowTable[] = [];
  for (const block of section.blocks) {
    if (block.type !== 'table') continue;
    const roles = rolesOf(block);
    const hasMessage = roles.includes('message') || roles.includes('code');
    const hasAction = roles.includes('action');
    if (roles[0] === 'cause' || !hasMessage || !hasAction) continue;
    if (roles.includes('operation') || (block.rows.length > 1 && headingCodes.length === 0))
      tables.push({ block, roles });
  }
  return tables;
}

/** One unit per row of the section's error tables. */
function readRows(section: Section, tables: RowTable[], ctx: InlineContext): ParsedUnit[] {
  const heading = headingText(section);
  const rows = tables.flatMap(({ block, roles }) => block.rows.map((row) => ({ row, roles })));
  // The section heading as the lead of a row's title ("Backup: …"), without its closing period.
  const label = heading.replace(/[.。]\s*$/, '');
  const units = rows.map(({ row, roles }, index) => {
    const cellOf = (role: ColumnRole): Token[] | undefined => {
      const at = roles.indexOf(role);
      return at < 0 ? undefined : row.cells[at];
    };
    const messageCell = cellOf('message');
    const codeCell = cellOf('code');
    if (!messageCell && !codeCell)
      throw new IngestError(
        ctx.file,
        row.line,
        'expected the table row to have a cell under its error column',
      );
    const operationCell = cellOf('operation');
    const operation = operationCell ? renderInline(operationCell, ctx, row.line).replace(/\n/g, ' ') : '';
    const details = messageCell ? readCell(messageCell, ctx, row.line) : undefined;
    const codeText = codeCell ? renderInline(codeCell, ctx, row.line) : '';
    const actionCell = cellOf('action');
    const action = actionCell ? readCell(actionCell, ctx, row.line) : undefined;
    const causeCell = cellOf('cause');
    const cause = causeCell ? readCell(causeCell, ctx, row.line) : undefined;
    const bullets = details ? bulletMessages(details.text) : [];
    const message = details
      ? (details.messages[0] ?? bullets[0] ?? messageOfDetails(details.text))
      : markdownPlainText(codeText);
    if (!message)
      throw new IngestError(ctx.file, row.line, 'expected the error cell of the table row to have text');
    // An error cell may open with the code itself ("UserErrorX", "UserErrorX - message").
    const leadLine = markdownPlainText((details?.text ?? '').split('\n')[0] ?? '').replace(/^[-*]\s+/, '');
    const codes = uniqueCodes([
      ...splitCodeCell(codeText),
      ...codesOfHeading(leadLine),
      ...codesInText(details?.text ?? ''),
      ...codesInText(operation),
    ]);
    const causeText = cause
      ? [cause.text.replace(/\n/g, ' ')].filter(Boolean).map((t) => `**Cause:** ${t}`)
      : [];
    const steps: ParsedStep[] = action?.steps.length
      ? action.steps
      : instructionsInMessage(details?.text ?? '');
    const unit: ParsedUnit = {
      kind: 'error',
      anchors: section.anchors,
      row: index + 1,
      rowCount: rows.length,
      innerAnchors: index === 0 ? [...section.anchors] : [],
      heading,
      title: rows.length > 1 ? `${label}: ${firstSentence(message)}` : heading,
      codes,
      message,
      ...(operation ? { operation: markdownPlainText(operation) } : {}),
      description: [...causeText, ...(action?.description ?? [])],
      steps,
      causeAnchors: [],
      messages: [...(details?.messages.slice(1) ?? []), ...bullets.slice(1), ...(action?.messages ?? [])],
      line: row.line,
    };
    return unit;
  });
  // Rows whose messages start alike ("Setup could not update registry metadata. …") are told apart by the
  // sentence where their messages differ: their last.
  for (const unit of units) {
    const twins = units.filter((other) => other.title === unit.title);
    if (twins.length < 2) continue;
    for (const twin of twins) twin.title = `${label}: ${lastSentence(twin.message ?? '')}`;
  }
  return units;
}

function lastSentence(text: string): string {
  const sentences = text.split(/(?<=[.!?。])\s+/).filter(Boolean);
  return sentences[sentences.length - 1] ?? text;
}

/**
 * "The job isn't in a cancelable state: <br>Wait until the job finishes." — an error printed with what to do:
 * when the workaround column documents nothing, the lines after the "…:" line are the steps.
 */
function instructionsInMessage(text: string): ParsedStep[] {
  const lines = text.split('\n').map((line) => line.trim());
  const intro = lines.findIndex((line) => /:\**$/.test(line));
  if (intro < 0 || intro === lines.length - 1) return [];
  return lines
    .slice(intro + 1)
    .filter((line) => line && !/:\**$/.test(line) && !/^\**(or|또는|of)\**$/i.test(line))
    .map((line) => ({ text: line, substeps: [], alternative: false }));
}

/** An "Error code" cell: `0x80070002, 0x80070003`, `320001, ResourceNotFound`. */
function splitCodeCell(text: string): string[] {
  return markdownPlainText(text)
    .split(/\s*[,/]\s*|\s+/)
    .filter((token) => /^(0x[0-9A-Fa-f]{4,8}|\d{3,7}|[A-Za-z][A-Za-z0-9]{5,})$/.test(token));
}

/** An error cell listing several messages as "- message" lines: each one. */
function bulletMessages(text: string): string[] {
  const lines = text.split('\n').filter((line) => line.trim());
  const bullets = lines.filter((line) => /^[-*]\s+/.test(line.trim()));
  return bullets.length >= 2
    ? bullets.map((line) => markdownPlainText(line.trim().replace(/^[-*]\s+/, '')))
    : [];
}

/** The error details without code lines and labels. */
function messageOfDetails(text: string): string {
  const lines = text.split('\n').filter((line) => matchLabel(line)?.kind !== 'code');
  return markdownPlainText(lines.map((line) => matchLabel(line)?.rest ?? line).join(' '));
}

function firstSentence(text: string): string {
  if (text.length <= 100) return text;
  const match = /^(.{20,}?[.!?。])(\s|$)/.exec(text);
  const sentence = match?.[1] ?? text;
  return sentence.length > 120 ? `${sentence.slice(0, 117)}...` : sentence;
}
