/** Markdown blocks → the card's block rows (gutter with bullet, text column), and a step with its sub-steps. */
import type { Step } from '../../core/catalogue/schema';
import type { Block } from '../markdown';
import type { CardBlock } from '../schemas';
import { text, type ViewContext } from './context';

const NBSP = '\u00a0';

/** Gutter width of a list item at nesting level `level` (the bullet sits right-aligned in it). */
function gutter(level: number, bullet: string): string {
  const base = 18 + 18 * level + (bullet.length > 1 ? 6 : 0);
  return `${base}px`;
}

export function toCardBlocks(blocks: readonly Block[]): CardBlock[] {
  return blocks.map((block) => {
    const code = block.kind === 'code';
    const style = code ? 'emphasis' : 'default';
    const font = code ? 'Monospace' : 'Default';
    if (block.bullet)
      return { text: block.text, bullet: block.bullet, pad: gutter(block.indent, block.bullet), style, font };
    if (block.indent > 0)
      return { text: block.text, bullet: NBSP, pad: gutter(block.indent - 1, ''), style, font };
    return { text: block.text, bullet: '', pad: '', style, font };
  });
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A step's markdown followed by its sub-steps as "a.", "b.", ... items. */
export function stepBlocks(ctx: ViewContext, step: Step): CardBlock[] {
  const blocks: Block[] = [...ctx.md.toBlocks(text(ctx, step.text), ctx.markdown)];
  step.substeps.forEach((substep, i) => {
    const inner = ctx.md.toBlocks(text(ctx, substep), ctx.markdown);
    inner.forEach((block, j) => {
      const label = `${LETTERS[i % LETTERS.length]}.`;
      blocks.push(j === 0 ? { ...block, bullet: label, indent: 0 } : { ...block, indent: block.indent + 1 });
    });
  });
  if (blocks.length === 0) blocks.push({ kind: 'text', text: ctx.t.noSteps, bullet: '', indent: 0 });
  return toCardBlocks(blocks);
}
