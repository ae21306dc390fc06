/**
 * Reads one heading section (with its folded sub-headings) of a troubleshooting article into an entry candidate:
 * codes and message from the bold labels, cause references ("Cause 1: [link](#anchor)"), ordered steps with
 * sub-steps, cause | solution tables as steps, alternative methods (sibling sub-headings) as alternative steps,
 * and everything else as description.
 */
import type { EntryKind } from '../core/catalogue/schema';
import { readCell } from './cellContent';
import {
  codesAfterLabel,
  codesInBody,
  codesInText,
  codesNamedAsErrors,
  codesOfHeading,
  messageOfHeading,
  uniqueCodes,
} from './codes';
import { isProblemHeading, isSolutionHeading } from './headings';
import { IngestError } from './errors';
import { columnRole, isReferenceLabel, matchLabel } from './labels';
import { ANCHOR_PLACEHOLDER } from './links';
import {
  introducesWhatFollows,
  renderInline,
  tidy,
  type Block,
  type InlineContext,
  type ListItem,
  type Section,
  type Token,
} from './markdown';
import { inlinePlainText } from '../markdown';
import type { ParsedStep, ParsedUnit } from './model';

const REFERENCE_LINK = new RegExp(`\\[([^\\]]*)\\]\\(${ANCHOR_PLACEHOLDER}([^)\\s]+)\\)`, 'g');

/** The anchor a line refers to when the line is a cause/step reference ("**Cause 1: [title](#anchor)**"). */
export function referencedAnchor(markdown: string): string | undefined {
  const links = [...markdown.matchAll(REFERENCE_LINK)];
  const [link] = links;
  if (link === undefined || links.length !== 1) return undefined;
  const before = markdown.slice(0, link.index).replace(/\*/g, '').trim();
  const after = markdown
    .slice((link.index ?? 0) + link[0].length)
    .replace(/[*.\s]/g, '')
    .trim();
  if (before && !isReferenceLabel(before)) return undefined;
  if (!before && after) return undefined;
  if (after.length > 12) return undefined;
  return link[2];
}

/** A list item naming a cause or step by label ("**Cause 1: [title](#anchor)**"); a bare link is not one. */
function labelledReference(markdown: string): string | undefined {
  const anchor = referencedAnchor(markdown);
  return anchor !== undefined && isReferenceLabel(markdown.replace(/\[.*$/s, '').replace(/\*/g, ''))
    ? anchor
    : undefined;
}

/** A sub-heading that only names a cause ("##### Cause 1: [..](#..)"), as 2018 versions write them. */
function headingReference(section: Section, ctx: InlineContext): string | undefined {
  return referencedAnchor(renderInline(section.inline, ctx, section.line));
}

interface Collected {
  codes: string[];
  message?: string;
  /** Further error messages the section quotes (older wordings, other rows of its error table). */
  messages: string[];
  /** An "Error message:" line without text was just read: the next code block or quote is the message. */
  awaitingMessage?: boolean;
  /** The last "Cause:" / "Resolution:" label read: the paragraphs after a bare label belong to it. */
  labelled?: 'cause' | 'action';
  causeAnchors: string[];
  /** Ordered-list, table and method steps, in document order. */
  structured: ParsedStep[];
  /**
   * How many of the structured steps are numbered list items read outside any "Resolution:" label or solution
   * sub-section (table, method and action-label steps are what to do).
   */
  structuredOutsideAction: number;
  bullets: ParsedStep[];
  prose: Prose[];
  /** Prose, bullet lists and notes in document order: what is not used as steps becomes the description. */
  parts: Array<Prose | { markdown: string; bullets: ParsedStep[] } | { markdown: string; note: true }>;
  innerAnchors: string[];
}

interface Prose {
  markdown: string;
  solution: boolean;
  /**
   * Read after a "**Resolution**:" label, when that many structured steps had been read: prose of the action
   * label that follows every numbered step ("**Debug** 1. … 2. … **Resolution**: allow the namespace …").
   */
  afterAction?: { stepsBefore: number };
}

function emptyCollected(codes: string[], anchors: string[]): Collected {
  return {
    codes,
    messages: [],
    causeAnchors: [],
    structured: [],
    structuredOutsideAction: 0,
    bullets: [],
    prose: [],
    parts: [],
    innerAnchors: [...anchors],
  };
}

/**
 * `kind` 'auto': an `error` when the section documents one (codes, an error message, named causes, a heading
 * stating a problem), else a `guide`.
 */
export function readSection(section: Section, requested: EntryKind | 'auto', ctx: InlineContext): ParsedUnit {
  const heading = inlinePlainText(section.inline);
  if (!heading) throw new IngestError(ctx.file, section.line, 'expected the heading to have text');
  const collected = emptyCollected(
    [...codesOfHeading(heading), ...(section.alsoCodes ?? [])],
    section.anchors,
  );
  collect(section, false, collected, ctx);
  const allText = collected.parts
    .map((part) => part.markdown)
    .concat(collected.structured.map((s) => stepMarkdown(s)));
  collected.codes.push(...allText.flatMap((text) => codesInBody(text)));
  const documentsError =
    collected.codes.length > 0 ||
    collected.message !== undefined ||
    collected.causeAnchors.length > 0 ||
    isProblemHeading(heading);
  const kind: EntryKind = requested === 'auto' ? (documentsError ? 'error' : 'guide') : requested;

  // Steps: numbered lists, tables and methods; else bullet lists (when no causes are named); else the prose
  // of the solution (or the whole section) when it names no causes. The rest is description, in order.
  let steps: ParsedStep[] = collected.structured;
  // Numbered steps that only diagnose ("**Debug** 1. Check … 2. Check …"), none of them under the action label,
  // then a "**Resolution**:" paragraph after all of them: the resolution is the last step, not description.
  const resolution =
    steps.length > 0 && collected.structuredOutsideAction === steps.length
      ? collected.prose.filter((p) => p.afterAction?.stepsBefore === steps.length)
      : [];
  if (resolution.length > 0)
    steps = [...steps, ...resolution.map((p) => ({ text: p.markdown, substeps: [], alternative: false }))];
  const bulletsAreSteps =
    steps.length === 0 && collected.causeAnchors.length === 0 && collected.bullets.length > 0;
  if (bulletsAreSteps) steps = collected.bullets;
  const solutionProse = collected.prose.filter((p) => p.solution);
  const proseAsSteps = steps.length === 0 && collected.causeAnchors.length === 0;
  const proseSteps: Prose[] = proseAsSteps
    ? solutionProse.length > 0
      ? solutionProse
      : collected.prose
    : [];
  if (proseAsSteps) steps = proseSteps.map((p) => ({ text: p.markdown, substeps: [], alternative: false }));
  const description = collected.parts
    .filter((part) => !('bullets' in part && bulletsAreSteps) && !proseSteps.includes(part as Prose))
    .filter((part) => !resolution.includes(part as Prose))
    .map((part) => part.markdown);

  // A heading that is only a code ("### UserErrorX") states no message.
  const onlyCodes = codesOfHeading(heading).join(' ') === heading.trim().replace(/\s*:$/, '');
  const headingMessage = onlyCodes ? undefined : messageOfHeading(heading) || undefined;
  const message = collected.message ?? (kind === 'error' ? headingMessage : undefined);
  return {
    kind,
    anchors: section.anchors,
    innerAnchors: unique(collected.innerAnchors),
    heading,
    title: titleOfHeading(heading),
    codes: uniqueCodes(collected.codes),
    ...(message ? { message } : {}),
    description: description.filter(Boolean),
    steps,
    causeAnchors: unique(collected.causeAnchors),
    messages: unique(collected.messages),
    line: section.line,
  };
}

/**
 * The title a heading gives its entry: "### Error code: UserErrorX" is titled by the code, and the colon closing
 * "### KubernetesBackupListExtensionsError:" introduces the section; it is no part of the title.
 */
function titleOfHeading(heading: string): string {
  const label = matchLabel(heading);
  const title = label?.kind === 'code' && label.rest ? label.rest : heading;
  return title.replace(/\s*:\s*$/, '');
}

/** "**Step 1:** …" paragraphs (and "Step 1" headings): a numbered sequence of steps. */
const STEP_LABEL = /^(?:\*\*)?\s*(?:step|stap)\s*\d+\s*:?|^(?:\*\*)?\s*\d+\s*단계/i;

/**
 * A section whose paragraphs "**Step 1:** …", "**Step 2:** …" divide its content: each such paragraph and the
 * blocks after it become a sub-section of their own (a step with what follows as its sub-steps).
 */
function splitStepParagraphs(section: Section): Section {
  const startsBold = (inline: Token[]) =>
    inline.find((t) => t.type !== 'text' || t.content.trim())?.type === 'strong_open';
  const starts = section.blocks.filter(
    (b) => b.type === 'paragraph' && STEP_LABEL.test(inlinePlainText(b.inline)) && startsBold(b.inline),
  );
  if (starts.length < 2) return section;
  const blocks: Block[] = [];
  const children: Section[] = [];
  for (const block of section.blocks) {
    if (block.type === 'paragraph' && starts.includes(block)) {
      children.push({
        level: section.level + 1,
        line: block.line,
        anchors: [],
        inline: block.inline,
        blocks: [],
        children: [],
      });
      continue;
    }
    const current = children[children.length - 1];
    if (current) current.blocks.push(block);
    else blocks.push(block);
  }
  return { ...section, blocks, children: [...children, ...section.children] };
}

function isStepSection(section: Section): boolean {
  return STEP_LABEL.test(inlinePlainText(section.inline));
}

function collect(raw: Section, inSolution: boolean, out: Collected, ctx: InlineContext): void {
  const section = splitStepParagraphs(raw);
  for (const block of section.blocks) collectBlock(block, inSolution, out, ctx);
  const subsections = section.children.filter((child) => {
    const anchor = headingReference(child, ctx);
    if (anchor === undefined) return true;
    out.causeAnchors.push(anchor);
    out.innerAnchors.push(...child.anchors);
    return false;
  });
  // "Step 1: ...", "Step 2: ..." sub-headings are a sequence; other sibling sub-headings are alternative methods,
  // except explanations ("Additional recommendations", "Verifying …"), which are steps of their own.
  const sequential = subsections.length > 0 && subsections.every(isStepSection);
  const isMethods =
    subsections.length >= 2 &&
    (sequential || subsections.every((child) => child.blocks.length > 0 || child.children.length > 0));
  for (const [index, child] of subsections.entries()) {
    out.innerAnchors.push(...allAnchors(child));
    const alternative = !sequential && index > 0 && !isSolutionHeading(inlinePlainText(child.inline));
    if (isMethods) out.structured.push(methodStep(child, alternative, ctx));
    else collect(child, inSolution || child.anchors.some((a) => /^solution/.test(a)), out, ctx);
  }
}

function allAnchors(section: Section): string[] {
  return [...section.anchors, ...section.children.flatMap(allAnchors)];
}

/** A sub-heading describing one way to solve the problem: one step, its list items (or paragraphs) as sub-steps. */
function methodStep(section: Section, alternative: boolean, ctx: InlineContext): ParsedStep {
  const inner = emptyCollected([], []);
  collect(section, true, inner, ctx);
  const substeps = [...inner.structured, ...inner.bullets].map((s) => stepMarkdown(s));
  // Paragraphs, notes and code blocks in document order (bullet lists are the sub-steps).
  const prose = inner.parts.filter((part) => !('bullets' in part)).map((part) => part.markdown);
  const title = renderInline(section.inline, ctx, section.line);
  return substeps.length > 0
    ? { text: [title, ...prose].join('\n'), substeps, alternative }
    : { text: title, substeps: prose, alternative };
}

function collectBlock(block: Block, inSolution: boolean, out: Collected, ctx: InlineContext): void {
  if (block.type === 'list' || block.type === 'table') out.awaitingMessage = false;
  switch (block.type) {
    case 'paragraph': {
      const markdown = renderInline(block.inline, ctx, block.line);
      if (/^\[!INCLUDE/i.test(markdown)) return;
      if (out.awaitingMessage) {
        out.awaitingMessage = false;
        if (!markdown.split('\n').some((line) => matchLabel(line))) {
          addMessage(out, markdown);
          return;
        }
      }
      const kept: string[] = [];
      for (const line of markdown.split('\n')) {
        const label = matchLabel(line);
        if (label?.kind === 'code') {
          out.codes.push(...codesAfterLabel(label.rest));
          continue;
        }
        out.codes.push(...codesNamedAsErrors(line));
        if (label?.kind === 'message' && label.rest) {
          addMessage(out, label.rest);
          continue;
        }
        if (label?.kind === 'message') {
          // "Error message:" alone on its line: the message is the code block (or quote) that follows.
          out.awaitingMessage = true;
          continue;
        }
        const anchor = referencedAnchor(line);
        if (anchor !== undefined) {
          out.causeAnchors.push(anchor);
          continue;
        }
        // "**Cause**: …" explains (description, never a step); "**Resolution**: …" is what to do. A label alone
        // on its line applies to the paragraphs after it, until the next label.
        if (label?.kind === 'cause' || label?.kind === 'action') {
          flushKept(kept, inSolution, out);
          out.labelled = label.kind;
          if (label.kind === 'cause' && label.rest) out.parts.push({ markdown: tidy(line), note: true });
          else if (label.rest) addProse(out, actionProse(tidy(label.rest), out));
          continue;
        }
        kept.push(line);
      }
      flushKept(kept, inSolution, out);
      return;
    }
    case 'list': {
      // "- **Cause 1: [title](#anchor)**" items name causes; the rest are steps (or description).
      const items = block.items.map((item) => listItemStep(item, ctx));
      const references = items.map((step) =>
        step.substeps.length === 0 ? labelledReference(step.text) : undefined,
      );
      for (const anchor of references) if (anchor !== undefined) out.causeAnchors.push(anchor);
      const steps = items.filter((s, i) => references[i] === undefined && (s.text || s.substeps.length > 0));
      if (steps.length === 0) return;
      if (block.ordered) {
        out.structured.push(...steps);
        if (!inSolution && out.labelled !== 'action') out.structuredOutsideAction += steps.length;
      } else {
        out.bullets.push(...steps);
        out.parts.push({ markdown: steps.map(bulletMarkdown).join('\n'), bullets: steps });
      }
      return;
    }
    case 'table':
      collectTable(block, out, ctx);
      return;
    case 'note': {
      const text = block.paragraphs.map((p) => renderInline(p, ctx, block.line)).join('\n');
      if (out.awaitingMessage && !/^\[!\w+\]/.test(text.trim())) {
        out.awaitingMessage = false;
        addMessage(out, text);
        return;
      }
      // `> [!div class="nextstepaction"]` and other Docs layout blocks are not notes.
      if (/^\[!div\b/i.test(text.trim())) return;
      const body = tidy(
        text.replace(/^\[!(NOTE|IMPORTANT|TIP|WARNING|CAUTION)\]\s*/i, '').replace(/^>\s*/gm, ''),
      );
      const kind = /^\[!(\w+)\]/i.exec(text)?.[1]?.toUpperCase() ?? 'NOTE';
      if (body) out.parts.push({ markdown: `**${kind}:** ${body}`, note: true });
      return;
    }
    case 'code':
      if (out.awaitingMessage) {
        out.awaitingMessage = false;
        addMessage(out, block.markdown.replace(/^```[^\n]*\n?|\n?```$/g, ''));
        return;
      }
      {
        // "You can use this SQL query:" then the query: the code is part of the prose that introduces it.
        const introducing = out.parts[out.parts.length - 1];
        if (introducing && 'solution' in introducing && introducesWhatFollows(introducing.markdown)) {
          introducing.markdown = `${introducing.markdown}\n${block.markdown}`;
          return;
        }
      }
      out.parts.push({ markdown: block.markdown, note: true });
      return;
  }
}

/** Paragraph lines read so far, as prose of the current label (a cause is description, never a step). */
function flushKept(kept: string[], inSolution: boolean, out: Collected): void {
  const text = tidy(kept.splice(0).join('\n'));
  if (!text) return;
  if (out.labelled === 'cause') out.parts.push({ markdown: text, note: true });
  else if (out.labelled === 'action') addProse(out, actionProse(text, out));
  else addProse(out, { markdown: text, solution: inSolution });
}

function addMessage(out: Collected, markdown: string): void {
  const text = messageText(markdown);
  if (!text) return;
  if (out.message === undefined) out.message = text;
  else if (text !== out.message) out.messages.push(text);
  out.codes.push(...codesInText(markdown));
}

type TableBlock = Extract<Block, { type: 'table' }>;

/**
 * A table inside a section: a vertical key/value table (`| **Error message** | … |`), an error table describing
 * this section's error (error message | possible causes | recommended action), or cause | solution rows (each
 * row one step).
 */
function collectTable(block: TableBlock, out: Collected, ctx: InlineContext): void {
  const headerLabels = block.header.map((cell) => matchLabel(`${inlinePlainText(cell)}:`));
  const pairs = [{ line: block.line, cells: block.header }, ...block.rows];
  const vertical = block.header.length === 2 && pairs.every((row) => cellLabel(row.cells[0]) !== undefined);
  if (vertical) {
    for (const row of pairs) collectLabelled(row.cells[0], row.cells[1], row.line, out, ctx);
    return;
  }
  const roles = block.header.map((cell) => columnRole(inlinePlainText(cell)));
  const errorTable =
    roles[0] !== 'cause' && (roles.includes('message') || roles.includes('code')) && roles.includes('action');
  if (errorTable || headerLabels[0]?.kind === 'message') {
    for (const row of block.rows) {
      roles.forEach((role, i) => {
        const cell = row.cells[i];
        if (!cell) return;
        if (role === 'message' || role === 'code' || (role === undefined && i === 0)) {
          const text = stripMarkup(renderInline(cell, ctx, row.line));
          out.codes.push(...(role === 'code' ? codesAfterLabel(text) : codesInText(text)));
          if (role === 'code') return;
          if (out.message === undefined) out.message = text;
          else if (text !== out.message) out.messages.push(text);
        } else if (role === 'cause') {
          const cause = readCell(cell, ctx, row.line);
          if (cause.text)
            addProse(out, { markdown: `**Cause:** ${cause.text.replace(/\n/g, ' ')}`, solution: false });
        } else if (role !== 'severity') {
          const action = readCell(cell, ctx, row.line);
          out.structured.push(...action.steps);
          for (const markdown of action.description) addProse(out, { markdown, solution: true });
          out.codes.push(...codesInText(action.text));
        }
      });
    }
    return;
  }
  for (const row of block.rows) {
    const [first, second] = row.cells;
    if (!first || !second) continue;
    // The cause in bold (its explanation after it), then what to do; the cell's own list items are sub-steps.
    const [causeTitle = '', ...causeRest] = readCell(first, ctx, row.line).text.split('\n');
    const solution = readCell(second, ctx, row.line);
    const title = /\*\*/.test(causeTitle) ? causeTitle : `**${stripMarkup(causeTitle)}**`;
    const lead =
      solution.steps.length === 1 ? (solution.steps[0]?.text ?? '') : solution.description.join('\n');
    const substeps =
      solution.steps.length === 1
        ? (solution.steps[0]?.substeps ?? [])
        : solution.steps.map((step) => stepMarkdown(step));
    const text = tidy([title, ...causeRest, lead].filter(Boolean).join('\n'));
    out.structured.push({ text, substeps, alternative: false });
  }
}

function cellLabel(cell: Token[] | undefined): ReturnType<typeof matchLabel> {
  if (!cell) return undefined;
  const text = inlinePlainText(cell).replace(/:\s*$/, '');
  return text ? matchLabel(`${text}:`) : undefined;
}

/** One `| **Label** | value |` row of a vertical table. */
function collectLabelled(
  labelCell: Token[] | undefined,
  valueCell: Token[] | undefined,
  line: number,
  out: Collected,
  ctx: InlineContext,
): void {
  const label = cellLabel(labelCell);
  if (!label || !valueCell) return;
  const value = readCell(valueCell, ctx, line);
  if (label.kind === 'code') out.codes.push(...codesAfterLabel(stripMarkup(value.text)));
  else if (label.kind === 'message') addMessage(out, value.text.replace(/\n/g, ' '));
  else if (label.kind === 'cause')
    addProse(out, { markdown: `**Cause:** ${value.text.replace(/\n/g, ' ')}`, solution: false });
  else {
    out.structured.push(...value.steps);
    for (const markdown of value.description) addProse(out, { markdown, solution: true });
  }
}

/** Prose read under a "Resolution:" label. */
function actionProse(markdown: string, out: Collected): Prose {
  return { markdown, solution: true, afterAction: { stepsBefore: out.structured.length } };
}

function addProse(out: Collected, prose: Prose): void {
  out.prose.push(prose);
  out.parts.push(prose);
}

/** A markdown list item: first paragraph is the step, nested list items are sub-steps. */
function listItemStep(item: ListItem, ctx: InlineContext): ParsedStep {
  const text: string[] = [];
  const substeps: string[] = [];
  for (const block of item.blocks) {
    if (block.type === 'paragraph') text.push(renderInline(block.inline, ctx, block.line));
    else if (block.type === 'list')
      substeps.push(...block.items.map((nested) => stepMarkdown(listItemStep(nested, ctx))));
    else if (block.type === 'code') text.push(block.markdown);
    else if (block.type === 'note') {
      const note = block.paragraphs.map((p) => renderInline(p, ctx, block.line)).join('\n');
      text.push(tidy(note.replace(/^\[!(\w+)\]\s*/i, (_m, kind: string) => `**${kind.toUpperCase()}:** `)));
    } else if (block.type === 'table') {
      for (const row of block.rows)
        text.push(row.cells.map((cell) => renderInline(cell, ctx, row.line)).join(' | '));
    }
  }
  return { text: tidy(text.filter(Boolean).join('\n')), substeps, alternative: false };
}

/** A step with its sub-steps as one markdown text (for nesting a step inside another). */
function stepMarkdown(step: ParsedStep): string {
  return [step.text, ...step.substeps.map((s) => `- ${s.replace(/\n/g, '\n  ')}`)].filter(Boolean).join('\n');
}

function bulletMarkdown(step: ParsedStep): string {
  return `- ${stepMarkdown(step).replace(/\n/g, '\n  ')}`;
}

/** An error message as printed: without bold, and without the code span some articles wrap it in. */
function messageText(markdown: string): string {
  const text = stripMarkup(markdown);
  return /^`[^`]+`$/.test(text) ? text.slice(1, -1).trim() : text;
}

function stripMarkup(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
