/**
 * Interprets a table cell (error details or workaround) as description, ordered steps with sub-steps and
 * alternatives, and any error messages it quotes.
 */
import { buildCellTree, linesOf, tokenizeCell, type CellList, type CellListItem } from './cellHtml';
import { markdownPlainText } from '../markdown';
import { isIntroLine, isOrMarker, matchLabel, matchNumbered, matchSubstep } from './labels';
import { introducesWhatFollows, type InlineContext, type Token } from './markdown';
import type { ParsedStep } from './model';

export interface CellContent {
  description: string[];
  steps: ParsedStep[];
  /** Error messages the cell quotes after an "Error message:" label. */
  messages: string[];
  /** All lines, for code extraction. */
  text: string;
}

interface Draft extends ParsedStep {
  /** Made from an "Error message:"/"Workaround:" label; a list right after it holds its sub-steps. */
  labelled: boolean;
  /** Has an "Error message:" line but no workaround line yet. */
  awaitingAction: boolean;
  /**
   * A "- " bullet whose sub-steps are the lines after it (not bullets), and whether the first of them reads as a
   * sentence: a bullet after them is a step again.
   */
  gathered?: { sentences: boolean };
}

export function readCell(tokens: Token[], ctx: InlineContext, line: number): CellContent {
  const tree = buildCellTree(tokenizeCell(tokens, ctx, line));
  const elements = linesOf(tree);
  const description: string[] = [];
  const steps: Draft[] = [];
  const messages: string[] = [];
  let mode: 'auto' | 'description' | 'steps' = 'auto';
  let pendingAlternative = false;
  /** A bold "**Note**" alone on its line: the next line is the note (description, never a step). */
  let noteKind: string | undefined;
  const all: string[] = [];
  const push = (text: string, labelled = false, awaitingAction = false) => {
    steps.push({
      text,
      substeps: [],
      alternative: pendingAlternative && steps.length > 0,
      labelled,
      awaitingAction,
    });
    pendingAlternative = false;
  };
  const last = () => steps[steps.length - 1];
  /**
   * The "- " bullet line read last, while only lines continuing it have followed: the step it made, or the step it
   * became a sub-step of (and which sub-step).
   */
  let openBullet: { step: Draft; substep?: number } | undefined;

  elements.forEach((element, index) => {
    const continuing = openBullet;
    openBullet = undefined;
    if (element.type === 'list') {
      all.push(...listText(element));
      const previous = last();
      const follows = index > 0 && elements[index - 1]?.type === 'line';
      if (previous?.labelled && follows) {
        for (const item of element.items) {
          const step = itemToStep(item);
          if (step.text) previous.substeps.push(step.text);
        }
        previous.labelled = false;
        return;
      }
      element.items.forEach((item) => {
        const step = itemToStep(item);
        if (!step.text) return;
        steps.push({
          ...step,
          alternative: (pendingAlternative || step.alternative) && steps.length > 0,
          labelled: false,
          awaitingAction: false,
        });
        pendingAlternative = step.nextIsAlternative;
      });
      mode = mode === 'description' ? 'description' : 'steps';
      return;
    }
    const text = element.markdown;
    all.push(text);
    if (noteKind !== undefined) {
      description.push(`**${noteKind}:** ${text}`);
      noteKind = undefined;
      return;
    }
    const note = NOTE_LINE.exec(text)?.[1];
    if (note !== undefined && index < elements.length - 1) {
      noteKind = note.toUpperCase();
      return;
    }
    if (isOrMarker(text)) {
      pendingAlternative = true;
      return;
    }
    const label = matchLabel(text);
    if (label?.kind === 'code') return;
    if (label?.kind === 'message') {
      if (label.rest) messages.push(label.rest);
      push(text, true, true);
      mode = 'steps';
      return;
    }
    if (label?.kind === 'cause') {
      mode = 'description';
      if (label.rest) description.push(text);
      return;
    }
    if (label?.kind === 'action') {
      mode = 'steps';
      if (!label.rest) return;
      const previous = last();
      if (previous?.awaitingAction) {
        previous.text += `\n${text}`;
        previous.awaitingAction = false;
      } else push(label.rest, true);
      return;
    }
    const numbered = matchNumbered(text);
    if (numbered !== undefined) {
      push(numbered);
      mode = 'steps';
      return;
    }
    // "- item" lines written with <br> instead of <ul>: sub-steps of a step that introduces them ("…:"), else steps.
    const bullet = /^[-*•]\s+(.+)$/s.exec(text)?.[1];
    if (bullet !== undefined) {
      const introduced = last();
      const introduces = introduced && /:\**$/.test(introduced.text.trim()) && !introduced.gathered;
      if (introduced && introduces && !introduced.awaitingAction) {
        introduced.substeps.push(bullet);
        openBullet = { step: introduced, substep: introduced.substeps.length - 1 };
      } else {
        push(bullet);
        const made = last();
        if (made) openBullet = { step: made };
      }
      mode = mode === 'description' ? 'description' : 'steps';
      return;
    }
    const substep = matchSubstep(text);
    const previous = last();
    if (substep !== undefined && previous) {
      previous.substeps.push(substep);
      openBullet = continuing;
      return;
    }
    if (continuing && continueBullet(continuing, text)) {
      openBullet = continuing;
      return;
    }
    if (mode === 'description') {
      description.push(text);
      return;
    }
    if (mode === 'auto' && isIntroLine(text) && index < elements.length - 1) {
      description.push(text);
      return;
    }
    if (previous?.awaitingAction) {
      previous.text += `\n${text}`;
      return;
    }
    push(text);
  });

  // A workaround cell saying "None" (없음, Geen) documents no step.
  const documented = steps.filter(
    (step) => !/^\(?\s*(none|n\/a|없음|geen)\s*\.?\)?$/i.test(step.text.replace(/\*/g, '').trim()),
  );
  return {
    description,
    steps: documented.map(({ text, substeps, alternative }) => ({ text, substeps, alternative })),
    messages,
    text: all.join('\n'),
  };
}

/**
 * A line that is not a bullet, after a "- " bullet line, continues that bullet (`- Ensure X is present. <br>*Its
 * default location is …*`): it extends the bullet's text, or, once the bullet introduces what follows ("…the
 * registry entries shown below:"), it is one of its sub-steps, until a sentence follows sub-steps that are not
 * sentences (false: read the line as if no bullet were open). The next "- " bullet is a step of its own again. A
 * bullet that is itself a sub-step (of a "…:" step) grows its text. Lines before the first bullet are read as before.
 */
function continueBullet(open: { step: Draft; substep?: number }, text: string): boolean {
  const { step, substep } = open;
  if (substep !== undefined) {
    step.substeps[substep] = `${step.substeps[substep] ?? ''}\n${text}`;
    return true;
  }
  if (step.gathered) {
    // What a colon introduces is alike (paths, keys, URLs): a sentence after items that are not ends them.
    if (!step.gathered.sentences && isSentence(text)) return false;
    step.substeps.push(text);
  } else if (introducesWhatFollows(markdownPlainText(step.text))) {
    step.substeps.push(text);
    step.gathered = { sentences: isSentence(text) };
  } else step.text += `\n${text}`;
  return true;
}

/** "Try registering again after you complete the preceding steps.", not "`*.windows.net`" or "**Key**: Value". */
function isSentence(markdown: string): boolean {
  const plain = markdownPlainText(markdown).trim();
  return /\s/.test(plain) && /[.!?。]$/.test(plain);
}

/** "**Note**", "**Important:**" alone on a cell line (`…<br><br>**Note**<br><br>If you are using …`). */
const NOTE_LINE = /^\*\*\s*(note|important|tip|warning|caution)\s*:?\s*\*\*\s*:?$/i;

function listText(list: CellList): string[] {
  return list.items.flatMap((item) =>
    linesOf(item.children)
      .flatMap((el) => (el.type === 'line' ? [el.markdown] : listText(el)))
      .concat(item.trailing),
  );
}

/** One `<li>`: its text, a./b. lines and nested lists as sub-steps, and whether an OR marker follows it. */
function itemToStep(item: CellListItem): ParsedStep & { nextIsAlternative: boolean } {
  const text: string[] = [];
  const substeps: string[] = [];
  let nextIsAlternative = false;
  for (const element of linesOf(item.children)) {
    if (element.type === 'list') {
      for (const nested of element.items) {
        const step = itemToStep(nested);
        if (step.text) substeps.push(step.text);
      }
      continue;
    }
    if (isOrMarker(element.markdown)) {
      nextIsAlternative = true;
      continue;
    }
    const substep = matchSubstep(element.markdown);
    if (substep !== undefined && text.length > 0) substeps.push(substep);
    else text.push(element.markdown);
  }
  for (const trailing of item.trailing) {
    if (isOrMarker(trailing)) nextIsAlternative = true;
    else if (trailing.trim()) text.push(trailing.trim());
  }
  return { text: text.join('\n'), substeps, alternative: false, nextIsAlternative };
}
