/**
 * Article markdown → blocks an Adaptive Card can show. TextBlock markdown supports only bold, italic, links and
 * flat lists, so: lists become bullet blocks (nested items indented), tables become one line per row, code
 * blocks become monospace blocks, headings bold text, HTML tags are dropped (`<br>` breaks the line),
 * `entry:<id>` links point at that entry's documentation (or become plain text), relative links plain text.
 */
import MarkdownIt from 'markdown-it';

type Token = MarkdownIt.Token;

export type BlockKind = 'text' | 'code';

export interface Block {
  kind: BlockKind;
  /** TextBlock markdown (text) or literal text (code). */
  text: string;
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
  const md = new MarkdownIt({ html: true, linkify: false, breaks: false });
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

function blocksOf(md: MarkdownIt.MarkdownIt, markdown: string, options: MarkdownOptions): Block[] {
  const tokens = md.parse(markdown.replace(INCLUDE, ''), {});
  const blocks: Block[] = [];
  const lists: Array<{ ordered: boolean; next: number; itemStarted: boolean }> = [];
  let table: { header: string[]; row: string[]; inHead: boolean } | undefined;
  let inHeading = false;

  const push = (block: Block): void => {
    if (block.text.trim() === '') return;
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
          const cells = table.row.map((cell, i) => {
            const head = table?.header[i];
            return head ? `**${head}:** ${cell}` : cell;
          });
          push({
            kind: 'text',
            text: cells.filter((c) => c.trim() !== '').join(' · '),
            bullet: '•',
            indent: lists.length,
          });
        }
        break;
      case 'table_close':
        table = undefined;
        break;
      case 'fence':
      case 'code_block':
        push({ kind: 'code', text: token.content.replace(/\n+$/, ''), bullet: '', indent: lists.length });
        break;
      case 'html_block':
        for (const line of htmlToLines(token.content)) {
          push({ kind: 'text', text: line, bullet: '', indent: lists.length });
        }
        break;
      case 'inline': {
        // Headings have no TextBlock markdown: shown bold.
        const lines = renderInline(token.children ?? [], options).map((line) =>
          inHeading && line ? `**${line.replace(/\*\*/g, '')}**` : line,
        );
        if (table) {
          const cell = lines.join(' ');
          if (table.inHead) table.header.push(cell);
          else table.row.push(cell);
          break;
        }
        const list = lists[lists.length - 1];
        lines.forEach((line, i) => {
          let bullet = '';
          if (list && !list.itemStarted && i === 0) {
            bullet = list.ordered ? `${list.next++}.` : depth() === 0 ? '•' : '◦';
            list.itemStarted = true;
          }
          // Continuation lines of a list item sit under its text, so they take the item's indent plus one.
          const indent = list ? depth() + (bullet ? 0 : 1) : 0;
          push({ kind: 'text', text: line, bullet, indent });
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

/** Inline tokens → TextBlock markdown lines (a `<br>` or hard break starts a new line). */
function renderInline(children: Token[], options: MarkdownOptions): string[] {
  const lines: string[] = [];
  let current = '';
  const links: Array<string | undefined> = [];
  for (const child of children) {
    switch (child.type) {
      case 'text':
        current += child.content;
        break;
      case 'strong_open':
        current += STRONG_OPEN;
        break;
      case 'strong_close':
        current += STRONG_CLOSE;
        break;
      case 'em_open':
        current += EM_OPEN;
        break;
      case 'em_close':
        current += EM_CLOSE;
        break;
      case 'code_inline':
        current += `\`${child.content}\``;
        break;
      case 'softbreak':
        current += ' ';
        break;
      case 'hardbreak':
        lines.push(current);
        current = '';
        break;
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(child.content.trim())) {
          lines.push(current);
          current = '';
        }
        break;
      case 'link_open': {
        const href = linkTarget(String(child.attrGet('href') ?? ''), options);
        links.push(href);
        if (href) current += '[';
        break;
      }
      case 'link_close': {
        const href = links.pop();
        if (href) current += `](${href})`;
        break;
      }
      case 'image':
        current += child.content;
        break;
      default:
        current += child.content;
    }
  }
  lines.push(current);
  return lines
    .map((line) => tidy(line))
    .filter((line, i) => line !== '' || i === 0)
    .map((line, i) =>
      i === 0 ? line.replace(ADMONITION, (_m, kind: string) => `**${capitalize(kind)}:** `) : line,
    );
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

/*
 * Emphasis is marked with private-use characters while a line is built, so that an empty run ("****") can be told
 * from two runs side by side ("**a** **b**", whose space must stay), and whitespace just inside a run (which
 * TextBlock markdown would show as literal asterisks) can move outside it.
 */
const STRONG_OPEN = '\ue000';
const STRONG_CLOSE = '\ue001';
const EM_OPEN = '\ue002';
const EM_CLOSE = '\ue003';

function emphasis(line: string, open: string, close: string, mark: string): string {
  return line
    .replace(new RegExp(`${open}(\\s*)${close}`, 'g'), '$1')
    .replace(new RegExp(`${open}(\\s+)`, 'g'), `$1${open}`)
    .replace(new RegExp(`(\\s+)${close}`, 'g'), `${close}$1`)
    .replace(new RegExp(`${close}${open}`, 'g'), '')
    .replace(new RegExp(`[${open}${close}]`, 'g'), mark);
}

/** Emphasis markers → TextBlock markdown (empty runs dropped, adjacent runs kept apart), whitespace collapsed. */
function tidy(line: string): string {
  const marked = emphasis(emphasis(line, STRONG_OPEN, STRONG_CLOSE, '**'), EM_OPEN, EM_CLOSE, '_');
  return marked.replace(/[ \t\u00a0]+/g, ' ').trim();
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
    .map((line) => tidy(line))
    .filter((line) => line !== '' && line !== '•');
}

/** Plain text of markdown (for one-line summaries and the copyable ticket text). */
export function markdownToPlain(markdown: string, options: MarkdownOptions = {}): string {
  return plainOf(markdownToBlocks(markdown, options));
}

function plainOf(blocks: readonly Block[]): string {
  return blocks.map((block) => (block.bullet ? `${block.bullet} ` : '') + stripMarks(block.text)).join('\n');
}

/** TextBlock markdown → plain text: links keep their label, bold/italic/code markers go. */
export function stripMarks(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/(^|\s)_(\S[^_]*\S|\S)_(?=\s|$|[.,;:!?)])/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1');
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
