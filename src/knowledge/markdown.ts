/**
 * markdown-it front end: the article as a tree of heading sections, each holding its blocks (paragraphs, lists,
 * tables, notes, code) with 1-based source lines, and a renderer of inline tokens back to markdown with links
 * rewritten (in-article anchors → placeholders, relative → absolute) and images dropped.
 */
import { createMarkdownParser, inlinePlainText, isBreakTag, type MarkdownToken } from '../markdown';
import { IngestError } from './errors';
import { ANCHOR_PLACEHOLDER, articleUrl, resolveHref } from './links';

export type Token = MarkdownToken;

/** One parser for every article (building one is the costly part; parsing is reentrant). */
const PARSER = createMarkdownParser();

export interface InlineContext {
  file: string;
  articleSlug: string;
  /** Anchors of every heading in the file (lowercased), to check in-article links. */
  anchors: ReadonlySet<string>;
}

export type Block =
  | { type: 'paragraph'; line: number; inline: Token[] }
  | {
      type: 'list';
      line: number;
      ordered: boolean;
      items: ListItem[];
      start?: number;
      /** Joined from numbered lists that code blocks at the left margin interrupted (see pushBlock). */
      joinedAcrossCode?: boolean;
    }
  | { type: 'table'; line: number; header: Token[][]; rows: Array<{ line: number; cells: Token[][] }> }
  | { type: 'note'; line: number; paragraphs: Token[][] }
  | { type: 'code'; line: number; markdown: string };

export interface ListItem {
  line: number;
  blocks: Block[];
}

export interface Section {
  level: number;
  line: number;
  /** `<a name>` anchors of the heading, lowercased, in order. */
  anchors: string[];
  /** Inline tokens of the heading without the anchor tags. */
  inline: Token[];
  blocks: Block[];
  children: Section[];
  /** Codes of an empty code heading right before this one ("#### CodeA" then "#### CodeB" and its content). */
  alsoCodes?: string[];
}

/** Block and inline tokens of an article body (inline HTML kept as html_inline tokens, with source line maps). */
export function parseMarkdown(body: string): Token[] {
  return PARSER.parse(body, {});
}

function lineOf(token: Token | undefined): number {
  return (token?.map?.[0] ?? 0) + 1;
}

const ANCHOR_TAG = /<a\s+name\s*=\s*"([^"]*)"\s*>/gi;

/**
 * The id Microsoft Docs gives a heading: its text lowercased, punctuation removed, every whitespace character a
 * hyphen ("BackUpOperationFailed / BackUpOperationFailedV2 - Backup fails" →
 * "backupoperationfailed--backupoperationfailedv2---backup-fails").
 */
export function docsHeadingId(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** All heading anchors of an outline (explicit and generated), lowercased. */
export function collectAnchors(root: Section): Set<string> {
  const anchors = new Set<string>();
  const visit = (section: Section) => {
    for (const anchor of section.anchors) anchors.add(anchor);
    section.children.forEach(visit);
  };
  visit(root);
  return anchors;
}

export interface OutlineOptions {
  /**
   * Whether every heading also gets the id Docs generates from its text (after its explicit anchors). Always
   * true for a heading without an `<a name>`; for others only in the article's original language, whose
   * generated ids are the ones links and translations use.
   */
  generatedIds: boolean;
}

/** Splits the tokens into the heading tree; blocks before the first heading are returned in a level-0 root. */
export function buildOutline(tokens: Token[], file: string, options: OutlineOptions): Section {
  const root: Section = { level: 0, line: 1, anchors: [], inline: [], blocks: [], children: [] };
  const stack: Section[] = [root];
  const generatedCount = new Map<string, number>();
  const current = (): Section => stack[stack.length - 1] ?? root;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) break;
    if (token.type === 'heading_open') {
      const level = Number(token.tag.slice(1));
      const { anchors, inline } = headingParts(tokens[i + 1]?.children ?? []);
      if (anchors.length === 0 || options.generatedIds) {
        // Docs numbers repeated heading ids: "x", "x-1", "x-2".
        const base = docsHeadingId(inlinePlainText(inline));
        const seen = generatedCount.get(base) ?? 0;
        generatedCount.set(base, seen + 1);
        const id = seen === 0 ? base : `${base}-${seen}`;
        if (id && !anchors.includes(id)) anchors.push(id);
      }
      const section: Section = { level, line: lineOf(token), anchors, inline, blocks: [], children: [] };
      while (stack.length > 1 && current().level >= level) stack.pop();
      current().children.push(section);
      stack.push(section);
      i += 3;
      continue;
    }
    const [block, next] = readBlock(tokens, i, file);
    if (block) pushBlock(current().blocks, block);
    i = next;
  }
  return root;
}

/** Whether text introduces what follows it ("Run these commands:", "You can use this SQL query:"). */
export function introducesWhatFollows(text: string): boolean {
  return /:\s*$/.test(text);
}

/** Whether a list item's own text ends by introducing what follows. */
function introducesNext(item: ListItem): boolean {
  const last = item.blocks[item.blocks.length - 1];
  return last?.type === 'paragraph' && introducesWhatFollows(inlinePlainText(last.inline));
}

/**
 * Appends a block to a section's blocks. A code block written at the left margin right after a list belongs to the
 * list's last item when that item introduces it ("- Run these commands:" then the fence unindented). A numbered list
 * interrupted by such code blocks ("1. Check the pods.", the command's fence unindented, then "2. …") is one list:
 * the code blocks belong to the item before them, when the list after them continues the numbering; and once a list
 * has been joined so, the code block right after its last item is that item's too.
 */
function pushBlock(blocks: Block[], block: Block): void {
  const previous = blocks[blocks.length - 1];
  if (block.type === 'code' && previous?.type === 'list') {
    const last = previous.items[previous.items.length - 1];
    const introduced = last !== undefined && (previous.joinedAcrossCode === true || introducesNext(last));
    if (last !== undefined && introduced && !last.blocks.some((b) => b.type === 'code')) {
      last.blocks.push(block);
      return;
    }
  }
  if (block.type === 'list' && block.ordered && block.start !== undefined && block.start > 1) {
    let at = blocks.length;
    while (at > 0 && blocks[at - 1]?.type === 'code') at -= 1;
    const list = blocks[at - 1];
    const codes = blocks.slice(at);
    const last = list?.type === 'list' ? list.items[list.items.length - 1] : undefined;
    if (
      list?.type === 'list' &&
      (codes.length > 0 || list.joinedAcrossCode === true) &&
      list.ordered &&
      last !== undefined &&
      (list.start ?? 1) + list.items.length === block.start
    ) {
      blocks.splice(at);
      last.blocks.push(...codes);
      list.items.push(...block.items);
      list.joinedAcrossCode = true;
      return;
    }
  }
  blocks.push(block);
}

/** A heading's `<a name>` anchors (lowercased, in order) and its other inline tokens. */
function headingParts(children: Token[]): { anchors: string[]; inline: Token[] } {
  const anchors: string[] = [];
  const inline: Token[] = [];
  for (const child of children) {
    if (child.type === 'html_inline' && /^<\/?a[\s>]/i.test(child.content)) {
      for (const m of child.content.matchAll(ANCHOR_TAG)) {
        const anchor = (m[1] ?? '').toLowerCase();
        if (anchor && !anchors.includes(anchor)) anchors.push(anchor);
      }
      continue;
    }
    if (child.type === 'html_inline') continue;
    inline.push(child);
  }
  return { anchors, inline };
}

/** Index just past the token that closes the one opened at `start`. */
function skipToClose(tokens: Token[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    depth += tokens[i]?.nesting ?? 0;
    if (depth === 0) return i + 1;
  }
  return tokens.length;
}

function readBlock(tokens: Token[], start: number, file: string): [Block | undefined, number] {
  const token = tokens[start];
  if (token === undefined) return [undefined, start + 1];
  const line = lineOf(token);
  switch (token.type) {
    case 'paragraph_open':
      return [
        { type: 'paragraph', line, inline: tokens[start + 1]?.children ?? [] },
        skipToClose(tokens, start),
      ];
    case 'bullet_list_open':
    case 'ordered_list_open': {
      const end = skipToClose(tokens, start);
      const items: ListItem[] = [];
      let i = start + 1;
      while (i < end - 1) {
        const itemToken = tokens[i];
        const itemEnd = skipToClose(tokens, i);
        const blocks: Block[] = [];
        let j = i + 1;
        while (j < itemEnd - 1) {
          const [block, next] = readBlock(tokens, j, file);
          if (block) blocks.push(block);
          j = next;
        }
        items.push({ line: lineOf(itemToken), blocks });
        i = itemEnd;
      }
      const ordered = token.type === 'ordered_list_open';
      const first = ordered ? Number(token.attrGet('start') ?? 1) : undefined;
      return [{ type: 'list', line, ordered, items, ...(first === undefined ? {} : { start: first }) }, end];
    }
    case 'table_open': {
      const end = skipToClose(tokens, start);
      const header: Token[][] = [];
      const rows: Array<{ line: number; cells: Token[][] }> = [];
      let inHead = false;
      let current: { line: number; cells: Token[][] } | undefined;
      for (const t of tokens.slice(start + 1, end)) {
        if (t.type === 'thead_open') inHead = true;
        else if (t.type === 'thead_close') inHead = false;
        else if (t.type === 'tr_open') current = { line: lineOf(t), cells: [] };
        else if (t.type === 'tr_close' && current) {
          if (inHead) header.push(...current.cells);
          else rows.push(current);
          current = undefined;
        } else if (t.type === 'inline' && current) current.cells.push(t.children ?? []);
      }
      return [{ type: 'table', line, header, rows }, end];
    }
    case 'blockquote_open': {
      const end = skipToClose(tokens, start);
      const paragraphs = tokens
        .slice(start + 1, end - 1)
        .filter((t) => t.type === 'inline')
        .map((t) => t.children ?? []);
      return [{ type: 'note', line, paragraphs }, end];
    }
    case 'fence':
    case 'code_block':
      return [
        { type: 'code', line, markdown: '```\n' + token.content.replace(/\n$/, '') + '\n```' },
        start + 1,
      ];
    default:
      if (token.nesting === 1) return [undefined, skipToClose(tokens, start)];
      if (
        token.nesting === 0 &&
        token.type !== 'inline' &&
        token.type !== 'hr' &&
        token.type !== 'html_block'
      )
        throw new IngestError(
          file,
          line,
          `expected a paragraph, list, table, note or code block, found ${token.type}`,
        );
      return [undefined, start + 1];
  }
}

/**
 * Renders inline tokens to markdown (`<br>` → newline, other inline HTML dropped). Links to in-article anchors
 * become `entry-anchor:` placeholders; a link to an anchor that no heading of the file has stays a URL.
 */
export function renderInline(tokens: Token[], ctx: InlineContext, _line: number): string {
  let out = '';
  const linkStack: Array<string | undefined> = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        out += token.content;
        break;
      case 'code_inline':
        out += '`' + token.content + '`';
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'strong_open':
      case 'strong_close':
        out += '**';
        break;
      case 'em_open':
      case 'em_close':
        out += '_';
        break;
      case 's_open':
      case 's_close':
        out += '~~';
        break;
      case 'image':
        break;
      case 'link_open': {
        const href = String(token.attrGet('href') ?? '');
        const target = resolveHref(href, ctx.articleSlug);
        // An anchor no heading of this file has (a dead link in the article, or a heading another language
        // version has) stays a link to that place of the published article.
        if (target.kind === 'anchor' && ctx.anchors.has(target.anchor))
          linkStack.push(`${ANCHOR_PLACEHOLDER}${target.anchor}`);
        else if (target.kind === 'anchor') linkStack.push(`${articleUrl(ctx.articleSlug)}#${target.anchor}`);
        else linkStack.push(target.url);
        out += '[';
        break;
      }
      case 'link_close':
        out += `](${linkStack.pop() ?? ''})`;
        break;
      case 'html_inline':
        if (isBreakTag(token.content)) out += '\n';
        break;
      default:
        out += token.content;
    }
  }
  return tidy(out);
}

/** Collapses runs of spaces, trims every line, removes empty emphasis left by dropped images or tags. */
export function tidy(markdown: string): string {
  return markdown
    .replace(/\[\s*\]\([^)]*\)/g, '')
    .replace(/\*\*\*\*/g, '')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
