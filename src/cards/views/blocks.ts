/** Markdown blocks → the card's block rows (gutter with bullet, text column), and a step with its sub-steps. */
import type { Step } from '../../core/catalogue/schema';
import { runsText, type Block, type Run } from '../markdown';
import type { CardBlock, TextRun } from '../schemas';
import { text, type ViewContext } from './context';

const NBSP = '\u00a0';

/** Gutter width of a list item at nesting level `level` (the bullet sits right-aligned in it). */
function gutter(level: number, bullet: string): string {
  const base = 18 + 18 * level + (bullet.length > 1 ? 6 : 0);
  return `${base}px`;
}

/** A run → a TextRun: code monospace, bold "Bolder", links accent-coloured, underlined and clickable. */
export function toTextRun(run: Run): TextRun {
  const out: TextRun = { type: 'TextRun', text: run.text };
  if (run.bold) out.weight = 'Bolder';
  if (run.italic) out.italic = true;
  if (run.code) out.fontType = 'Monospace';
  if (run.url) {
    out.color = 'Accent';
    out.underline = true;
    out.selectAction = { type: 'Action.OpenUrl', url: run.url };
  }
  return out;
}

export function toCardBlocks(blocks: readonly Block[]): CardBlock[] {
  return blocks.map((block) => {
    const style = block.kind === 'code' ? 'emphasis' : 'default';
    const inlines = block.runs.map(toTextRun);
    const code = block.runs.every((run) => run.code) ? runsText(block.runs) : '';
    if (block.bullet)
      return { inlines, code, bullet: block.bullet, pad: gutter(block.indent, block.bullet), style };
    if (block.indent > 0) return { inlines, code, bullet: NBSP, pad: gutter(block.indent - 1, ''), style };
    return { inlines, code, bullet: '', pad: '', style };
  });
}

/** A paragraph block of one plain text. */
export function textBlock(text: string): Block {
  return { kind: 'text', runs: [{ text }], bullet: '', indent: 0 };
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
  if (blocks.length === 0) blocks.push(textBlock(ctx.t.noSteps));
  return toCardBlocks(blocks);
}
