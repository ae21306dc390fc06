/**
 * The one markdown-it configuration of the project, shared by ingest (`src/knowledge`) and the cards
 * (`src/cards`), and the inline-token helpers both need: what counts as a line break, and the plain text of a
 * run of inline tokens. `src/core` never imports this (it stays free of markdown-it).
 */
import MarkdownIt from 'markdown-it';

export type MarkdownToken = MarkdownIt.Token;
export type MarkdownParser = MarkdownIt.MarkdownIt;

/** Article markdown as Microsoft Docs writes it: inline HTML kept (as tokens), no autolinks, no soft-break `<br>`. */
export function createMarkdownParser(): MarkdownParser {
  return new MarkdownIt({ html: true, linkify: false, breaks: false });
}

/** Whether an inline HTML token is a line break (`<br>`, `<br/>`, `<br />`). */
export function isBreakTag(html: string): boolean {
  return /^<br\s*\/?>$/i.test(html.trim());
}

/**
 * Plain text of inline tokens: text and code content, link labels, soft and hard breaks as spaces; markup, images
 * and inline HTML (`<br>` included: heading ids are derived from this, as Docs derives them) dropped; whitespace
 * collapsed.
 */
export function inlinePlainText(tokens: readonly MarkdownToken[]): string {
  return tokens
    .map((t) =>
      t.type === 'text' || t.type === 'code_inline'
        ? t.content
        : t.type === 'softbreak' || t.type === 'hardbreak'
          ? ' '
          : '',
    )
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Plain text of a markdown string (a step, a title, a table cell as ingest keeps it): images dropped, links keep
 * their label, bold/italic/code markers removed, whitespace collapsed. Ingest compares and classifies with it.
 */
export function markdownPlainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\s)_([^_]+)_/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}
