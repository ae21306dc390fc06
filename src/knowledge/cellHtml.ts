/**
 * A small tolerant reader of the inline HTML inside Microsoft Docs table cells: `<br>`, `<ol>/<ul>`, `<li>` (closed
 * or not), stray text between list items, a stray `<ol>` where `</ol>` was meant. The cell becomes a tree of
 * lines and lists; markdown between tags is rendered by renderInline (links rewritten, images dropped).
 */
import { renderInline, type InlineContext, type Token } from './markdown';

export type CellItem = { type: 'text'; markdown: string } | { type: 'tag'; name: string; closing: boolean };

/** The cell as a flat stream of markdown text runs and tags. */
export function tokenizeCell(tokens: Token[], ctx: InlineContext, line: number): CellItem[] {
  const items: CellItem[] = [];
  let buffer: Token[] = [];
  let strongOpen = false;
  const flush = () => {
    if (buffer.length === 0) return;
    let depth = 0;
    for (const t of buffer) depth += t.type === 'strong_open' ? 1 : t.type === 'strong_close' ? -1 : 0;
    let markdown = renderInline(buffer, ctx, line);
    if (strongOpen) markdown = `**${markdown}`;
    const stillOpen = strongOpen ? depth === 0 : depth > 0;
    if (stillOpen) markdown = `${markdown}**`;
    strongOpen = stillOpen;
    if (markdown.replace(/\*/g, '').trim()) items.push({ type: 'text', markdown });
    buffer = [];
  };
  for (const token of tokens) {
    if (token.type !== 'html_inline') {
      buffer.push(token);
      continue;
    }
    flush();
    const tag = /^<\s*(\/)?\s*([a-z][a-z0-9]*)/i.exec(token.content);
    if (tag) items.push({ type: 'tag', name: (tag[2] ?? '').toLowerCase(), closing: tag[1] === '/' });
  }
  flush();
  return items;
}

export type CellNode = { type: 'line'; markdown: string } | { type: 'break' } | CellList;
export interface CellList {
  type: 'list';
  ordered: boolean;
  items: CellListItem[];
}
export interface CellListItem {
  children: CellNode[];
  /** Text found between this item and the next, outside any `<li>` (e.g. an "(OR)" marker). */
  trailing: string[];
}

type Frame =
  | { kind: 'root'; nodes: CellNode[] }
  | { kind: 'list'; list: CellList }
  | { kind: 'item'; item: CellListItem };

/** Builds the tree, closing unclosed tags and tolerating stray ones (text after `</ul>`, `<ol>` for `</ol>`). */
export function buildCellTree(items: CellItem[]): CellNode[] {
  const root: CellNode[] = [];
  const stack: Frame[] = [{ kind: 'root', nodes: root }];
  const top = (): Frame => stack[stack.length - 1] ?? { kind: 'root', nodes: root };
  /** Where text and lists go in a frame (a list holds items only). */
  const nodesOf = (frame: Frame): CellNode[] | undefined =>
    frame.kind === 'item' ? frame.item.children : frame.kind === 'root' ? frame.nodes : undefined;
  /** Drops frames down to (and including) the innermost one of `kind`; false when there is none. */
  const closeInnermost = (kind: Frame['kind']): boolean => {
    const index = stack.map((f) => f.kind).lastIndexOf(kind);
    if (index <= 0) return false;
    stack.length = index;
    return true;
  };
  for (const item of items) {
    const frame = top();
    if (item.type === 'text') {
      addText(frame, item.markdown, stack, root);
      continue;
    }
    switch (item.name) {
      case 'ol':
      case 'ul': {
        if (item.closing) {
          closeInnermost('list');
          break;
        }
        const list: CellList = { type: 'list', ordered: item.name === 'ol', items: [] };
        if (frame.kind === 'list') {
          // `<ol>` written where `</ol>` was meant (or a list directly in a list): nest it in the last item.
          const last = frame.list.items[frame.list.items.length - 1];
          if (!last) break;
          last.children.push(list);
        } else nodesOf(frame)?.push(list);
        stack.push({ kind: 'list', list });
        break;
      }
      case 'li': {
        if (item.closing) {
          closeInnermost('item');
          break;
        }
        if (frame.kind === 'item') stack.pop();
        let listFrame = top();
        if (listFrame.kind !== 'list') {
          const list: CellList = { type: 'list', ordered: false, items: [] };
          nodesOf(listFrame)?.push(list);
          listFrame = { kind: 'list', list };
          stack.push(listFrame);
        }
        const listItem: CellListItem = { children: [], trailing: [] };
        listFrame.list.items.push(listItem);
        stack.push({ kind: 'item', item: listItem });
        break;
      }
      default:
        // <br>, <p>, </p> and anything else separate lines.
        nodesOf(frame)?.push({ type: 'break' });
    }
  }
  return root;
}

/** Text in a list but outside its items trails the last item (an "(OR)" marker); before any item it precedes the list. */
function addText(frame: Frame, markdown: string, stack: Frame[], root: CellNode[]): void {
  if (frame.kind === 'item') {
    frame.item.children.push({ type: 'line', markdown });
    return;
  }
  if (frame.kind === 'root') {
    frame.nodes.push({ type: 'line', markdown });
    return;
  }
  const last = frame.list.items[frame.list.items.length - 1];
  if (last) {
    last.trailing.push(markdown);
    return;
  }
  const parent = stack[stack.length - 2];
  const nodes =
    parent?.kind === 'item' ? parent.item.children : parent?.kind === 'root' ? parent.nodes : root;
  nodes.push({ type: 'line', markdown });
}

/** Lines of a node list: text runs joined until a break or a list. */
export function linesOf(nodes: CellNode[]): Array<{ type: 'line'; markdown: string } | CellList> {
  const out: Array<{ type: 'line'; markdown: string } | CellList> = [];
  let current = '';
  const flush = () => {
    for (const piece of current.split('\n'))
      if (piece.trim()) out.push({ type: 'line', markdown: piece.trim() });
    current = '';
  };
  for (const node of nodes) {
    if (node.type === 'line') current += (current ? ' ' : '') + node.markdown;
    else if (node.type === 'break') flush();
    else {
      flush();
      out.push(node);
    }
  }
  flush();
  return out;
}
