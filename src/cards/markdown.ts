/**
 * Article markdown → blocks an Adaptive Card can show. Each block is a line of styled runs (bold, italic, inline
 * code, links) that the templates bind into a RichTextBlock of TextRuns — TextBlock markdown has no code style, so
 * inline code would show its backticks. Lists become bullet blocks (nested items indented), tables one line per
 * row, code blocks monospace blocks, headings bold text; HTML tags are dropped (`<br>` breaks the line),
 * `entry:<id>` links point at that entry's documentation (or become plain text), relative links plain text.
 */
import { createMarkdownParser, isBreakTag, type MarkdownParser, type MarkdownToken } from '../markdown';

type Token = MarkdownToken;

export type BlockKind = 'text' | 'code';

/** A stretch of text with one style. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  /** An absolute URL the run links to. */
  url?: string;
}

export interface Block {
  kind: BlockKind;
  /** The block's text as styled runs (a code block is one code run). */
  runs: Run[];
  /** '' for a paragraph, '•'/'◦' for list items, '1.'/'a.' for numbered items. */
  bullet: string;
  /** 0 for top level; nested list items and their continuation paragraphs are indented. */
  indent: number;
}

export interface MarkdownOptions {
  /** Resolves `entry:<id>` links to a URL (e.g. the entry's learn.microsoft.com section). */
  resolveEntry?: (entryId: string) => string | undefined;
}

const ADMONITION = /^\s*\[!(NOTE|IMPORTANT|TIP|WARNING|CAUTION)\]\s*/i;
const INCLUDE = /\[!INCLUDE\s*\[[^\]]*\]\([^)]*\)\]/gi;

/** Markdown → card blocks / plain text, with one MarkdownIt parser reused across calls. */
export interface MarkdownConverter {
  toBlocks(markdown: string, options?: MarkdownOptions): Block[];
  toPlain(markdown: string, options?: MarkdownOptions): string;
  /** First line as plain text, cut at `max` characters on a word boundary. */
  summaryLine(markdown: string, max?: number, options?: MarkdownOptions): string;
}

/** A converter owning one MarkdownIt instance (building a parser is the costly part; parsing is reentrant). */
export function createMarkdownConverter(): MarkdownConverter {
  const md = createMarkdownParser();
  const toBlocks = (markdown: string, options: MarkdownOptions = {}): Block[] =>
    blocksOf(md, markdown, options);
  const toPlain = (markdown: string, options: MarkdownOptions = {}): string =>
    plainOf(toBlocks(markdown, options));
  return {
    toBlocks,
    toPlain,
    summaryLine: (markdown, max = 140, options = {}) => firstLine(toPlain(markdown, options), max),
  };
}

/** Converts markdown to card blocks. Pure; never throws on odd input (worst case: plain text). */
export function markdownToBlocks(markdown: string, options: MarkdownOptions = {}): Block[] {
  return createMarkdownConverter().toBlocks(markdown, options);
}

/** The text of runs without their styles. */
export function runsText(runs: readonly Run[]): string {
  return runs.map((run) => run.text).join('');
}

function blocksOf(md: MarkdownParser, markdown: string, options: MarkdownOptions): Block[] {
  const tokens = md.parse(markdown.replace(INCLUDE, ''), {});
  const blocks: Block[] = [];
  const lists: Array<{ ordered: boolean; next: number; itemStarted: boolean }> = [];
  let table: { header: string[]; row: Run[][]; inHead: boolean } | undefined;
  let inHeading = false;

  const push = (block: Block): void => {
    if (runsText(block.runs).trim() === '') return;
    blocks.push(block);
  };

  const depth = (): number => Math.max(0, lists.length - 1);

  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 1, itemStarted: false });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1), itemStarted: false });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        if (list) list.itemStarted = false;
        break;
      }
      case 'table_open':
        table = { header: [], row: [], inHead: false };
        break;
      case 'thead_open':
        if (table) table.inHead = true;
        break;
      case 'thead_close':
        if (table) table.inHead = false;
        break;
      case 'tr_open':
        if (table) table.row = [];
        break;
      case 'tr_close':
        if (table && !table.inHead) {
          push({ kind: 'text', runs: tableRow(table.header, table.row), bullet: '•', indent: lists.length });
        }
        break;
      case 'table_close':
        table = undefined;
        break;
      case 'fence':
      case 'code_block':
        push({
          kind: 'code',
          runs: [{ text: token.content.replace(/\n+$/, ''), code: true }],
          bullet: '',
          indent: lists.length,
        });
        break;
      case 'html_block':
        for (const line of htmlToLines(token.content)) {
          const runs = tidy(inlineRuns(md.parseInline(line, {})[0]?.children ?? [], options).flat());
          push({ kind: 'text', runs, bullet: '', indent: lists.length });
        }
        break;
      case 'inline': {
        // Headings are shown as bold text.
        const lines = renderInline(token.children ?? [], options).map((line) =>
          inHeading ? line.map((run) => ({ ...run, bold: true })) : line,
        );
        if (table) {
          const cell = tidy(joinLines(lines));
          if (table.inHead) table.header.push(runsText(cell));
          else table.row.push(cell);
          break;
        }
        const list = lists[lists.length - 1];
        lines.forEach((runs, i) => {
          let bullet = '';
          if (list && !list.itemStarted && i === 0) {
            bullet = list.ordered ? `${list.next++}.` : depth() === 0 ? '•' : '◦';
            list.itemStarted = true;
          }
          // Continuation lines of a list item sit under its text, so they take the item's indent plus one.
          const indent = list ? depth() + (bullet ? 0 : 1) : 0;
          push({ kind: 'text', runs, bullet, indent });
        });
        break;
      }
      case 'heading_open':
        inHeading = true;
        break;
      case 'heading_close':
        inHeading = false;
        break;
      default:
        break;
    }
  }
  return blocks;
}

/** A table row as one line: "**Header:** cell · **Header:** cell" (cells without text left out). */
function tableRow(header: readonly string[], row: readonly Run[][]): Run[] {
  const out: Run[] = [];
  row.forEach((cell, i) => {
    if (runsText(cell).trim() === '') return;
    if (out.length > 0) out.push({ text: ' · ' });
    const head = header[i];
    if (head) out.push({ text: `${head}:`, bold: true }, { text: ' ' });
    out.push(...cell);
  });
  return tidy(out);
}

function joinLines(lines: readonly Run[][]): Run[] {
  return lines.flatMap((line, i) => (i === 0 ? line : [{ text: ' ' }, ...line]));
}

/** Inline tokens → lines of runs (a `<br>` or hard break starts a new line), tidied, admonitions labelled. */
function renderInline(children: Token[], options: MarkdownOptions): Run[][] {
  return inlineRuns(children, options)
    .map((line) => tidy(line))
    .filter((line, i) => line.length > 0 || i === 0)
    .map((line, i) => (i === 0 ? admonition(line) : line));
}

/** Inline tokens → lines of raw runs (one run per text token, styled by the open strong/em/link tokens). */
function inlineRuns(children: Token[], options: MarkdownOptions): Run[][] {
  const lines: Run[][] = [];
  let current: Run[] = [];
  let bold = 0;
  let italic = 0;
  const links: Array<string | undefined> = [];
  const add = (text: string, code = false): void => {
    const url = links.find((href) => href !== undefined);
    const run: Run = { text };
    if (bold > 0) run.bold = true;
    if (italic > 0) run.italic = true;
    if (code) run.code = true;
    if (url) run.url = url;
    current.push(run);
  };
  const breakLine = (): void => {
    lines.push(current);
    current = [];
  };
  for (const child of children) {
    switch (child.type) {
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold = Math.max(0, bold - 1);
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic = Math.max(0, italic - 1);
        break;
      case 'code_inline':
        add(child.content, true);
        break;
      case 'softbreak':
        add(' ');
        break;
      case 'hardbreak':
        breakLine();
        break;
      case 'html_inline':
        if (isBreakTag(child.content)) breakLine();
        else if (/^<\/?(strong|b)\b/i.test(child.content))
          bold = Math.max(0, bold + (child.content[1] === '/' ? -1 : 1));
        else if (/^<\/?(em|i)\b/i.test(child.content))
          italic = Math.max(0, italic + (child.content[1] === '/' ? -1 : 1));
        break;
      case 'link_open':
        links.push(linkTarget(String(child.attrGet('href') ?? ''), options));
        break;
      case 'link_close':
        links.pop();
        break;
      default:
        // text, image (its alt text) and anything unknown: their content as text.
        add(child.content);
    }
  }
  lines.push(current);
  return lines;
}

const sameStyle = (a: Run, b: Run): boolean =>
  !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.code === !!b.code && a.url === b.url;

/**
 * Runs as a card shows them: whitespace collapsed (code keeps its inner spaces), a space just inside a bold or
 * italic run moved outside it, the line trimmed, empty runs dropped and neighbours of one style merged — so
 * "**a** **b**" stays three runs, "a", " " and "b", and "****" leaves nothing behind.
 */
function tidy(runs: readonly Run[]): Run[] {
  const spaced: Run[] = [];
  for (const run of runs) {
    const text = run.code ? run.text : run.text.replace(/[ \t\n\u00a0]+/g, ' ');
    if (text === '') continue;
    const styled = run.bold || run.italic;
    const lead = styled && !run.code && text.startsWith(' ') ? ' ' : '';
    const trail = styled && !run.code && text.endsWith(' ') && text.trim() !== '' ? ' ' : '';
    const core = lead || trail ? text.trim() : text;
    if (lead) spaced.push({ text: ' ' });
    if (core) spaced.push({ ...run, text: core });
    if (trail) spaced.push({ text: ' ' });
  }
  const merged: Run[] = []; // neighbours of one style are joined at the end (mergeSame)
  for (const run of spaced) {
    const last = merged[merged.length - 1];
    // A space after a space (across runs) goes; a lone space has no style worth keeping.
    if (last && last.text.endsWith(' ') && run.text.startsWith(' ') && !run.code && !last.code) {
      const rest = run.text.slice(1);
      if (rest === '') continue;
      merged.push({ ...run, text: rest });
      continue;
    }
    merged.push(run.text.trim() === '' && !run.code ? { text: run.text } : { ...run });
  }
  // Trim the line's ends.
  while (merged.length > 0 && !merged[0]?.code && merged[0]?.text.trim() === '') merged.shift();
  while (
    merged.length > 0 &&
    !merged[merged.length - 1]?.code &&
    merged[merged.length - 1]?.text.trim() === ''
  )
    merged.pop();
  const first = merged[0];
  if (first && !first.code) merged[0] = { ...first, text: first.text.trimStart() };
  const lastRun = merged[merged.length - 1];
  if (lastRun && !lastRun.code) merged[merged.length - 1] = { ...lastRun, text: lastRun.text.trimEnd() };
  return mergeSame(merged.filter((run) => run.text !== ''));
}

function mergeSame(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && sameStyle(last, run)) out[out.length - 1] = { ...last, text: last.text + run.text };
    else out.push(run);
  }
  return out;
}

/** "[!NOTE] Be careful." → a bold "Note:" run, then the text. */
function admonition(line: Run[]): Run[] {
  const first = line[0];
  if (!first || first.code) return line;
  const m = ADMONITION.exec(first.text);
  if (!m) return line;
  const rest = first.text.slice(m[0].length);
  const label: Run = { text: `${capitalize(m[1] ?? '')}:`, bold: true };
  const tail = rest ? [{ ...first, text: rest }, ...line.slice(1)] : line.slice(1);
  return tail.length > 0 ? mergeSame([label, { text: ' ' }, ...tail]) : [label];
}

/** Absolute http(s) links stay; `entry:<id>` resolves through the options; anything else becomes plain text. */
function linkTarget(href: string, options: MarkdownOptions): string | undefined {
  if (/^https?:\/\//i.test(href)) return encodeURI(decodeSafely(href)).replace(/\)/g, '%29');
  const entry = /^entry:(.+)$/i.exec(href);
  if (entry?.[1]) return options.resolveEntry?.(entry[1]);
  return undefined;
}

function decodeSafely(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    // A malformed %-escape: keep the URL as the article wrote it rather than failing the whole card.
    return url;
  }
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** An HTML block (MABS table cells): `<li>` items as bullets, `<br>` as line breaks, other tags dropped. */
function htmlToLines(html: string): string[] {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n• ')
    .replace(/<\/(p|div|li|ol|ul|tr)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '' && line !== '•');
}

/** Plain text of markdown (for one-line summaries and the copyable ticket text). */
export function markdownToPlain(markdown: string, options: MarkdownOptions = {}): string {
  return plainOf(markdownToBlocks(markdown, options));
}

function plainOf(blocks: readonly Block[]): string {
  return blocks.map((block) => (block.bullet ? `${block.bullet} ` : '') + runsText(block.runs)).join('\n');
}

/** First line of markdown as plain text, cut at `max` characters on a word boundary. */
export function summaryLine(markdown: string, max = 140, options: MarkdownOptions = {}): string {
  return firstLine(markdownToPlain(markdown, options), max);
}

function firstLine(plain: string, max: number): string {
  const first = plain.split('\n')[0] ?? '';
  return truncate(first.replace(/^[•◦]\s|^\d+\.\s/, ''), max);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
