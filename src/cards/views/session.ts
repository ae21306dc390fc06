/**
 * Cards of a guided session: the step card while active, then resolved / exhausted / escalated.
 * `sessionCardView` picks the right one, so the caller can show "the current card" after any transition
 * (including a stale click answered with SESSION_CONFLICT).
 */
import type { Catalogue } from '../../core/catalogue/catalogue';
import type { Entry } from '../../core/catalogue/schema';
import type { EntryStats } from '../../core/outcomes/statistics';
import { buildPlan, type PlanStep } from '../../core/remediation/plan';
import type { Session, TrailItem } from '../../core/remediation/session';
import { elapsedMs, stepKindAt, stepProgress } from '../../core/remediation/transitions';
import { packAction } from '../actions';
import { formatDuration } from '../i18n';
import { runsText } from '../markdown';
import type { CardAction, EscalationCardData, Fact, ResolvedCardData, StepCardData } from '../schemas';
import { stepBlocks, textBlock, toCardBlocks } from './blocks';
import {
  docUrl,
  entryTitle,
  eyebrow,
  langNote,
  text,
  viewContext,
  type ViewContext,
  type ViewServices,
} from './context';
import { articleLabel } from './match';

export interface SessionViewInput extends ViewServices {
  catalogue: Catalogue;
  session: Session;
  /** Statistics of the session's entry ("This step fixed this error 3 of 5 times before"). */
  stats?: EntryStats;
  /** UI locale; defaults to the session's locale. */
  locale?: string;
  /** Shown on top of the step card, e.g. after a stale click. */
  notice?: string;
  /**
   * Universal Actions refresh: Teams user ids (`29:…`, at most 60 are kept) whose clients re-fetch the card,
   * so that everyone in the thread sees the current step.
   */
  refreshUserIds?: readonly string[];
}

export type SessionCardView =
  | { name: 'step'; data: StepCardData }
  | { name: 'resolved'; data: ResolvedCardData }
  | { name: 'exhausted'; data: EscalationCardData }
  | { name: 'escalated'; data: EscalationCardData };

export function sessionCardView(input: SessionViewInput): SessionCardView {
  switch (input.session.status) {
    case 'active':
      return { name: 'step', data: stepView(input) };
    case 'resolved':
      return { name: 'resolved', data: resolvedView(input) };
    case 'exhausted':
      return { name: 'exhausted', data: escalationView(input) };
    case 'escalated':
      return { name: 'escalated', data: escalationView(input) };
  }
}

interface Resolved {
  ctx: ViewContext;
  entry: Entry;
  steps: Map<string, PlanStep>;
}

function resolve(input: SessionViewInput): Resolved {
  const ctx = viewContext(input.catalogue, input.locale ?? input.session.locale, input.md);
  const entry = input.catalogue.require(input.session.entryId);
  const steps = new Map(buildPlan(input.catalogue, entry).steps.map((s) => [s.stepId, s]));
  return { ctx, entry, steps };
}

/** "Step 3 of 9 fixes", "Cause 1: <cause title>", "Option 2 of 5" for the step at `position` of the session. */
function stepLabels(
  r: Resolved,
  session: Session,
  position: number,
): { progress: string; context: string; option: string } {
  const { ctx } = r;
  const { t } = ctx;
  const planStep = r.steps.get(session.stepIds[position] ?? '');
  const { kind, fixNumber, fixCount } = stepProgress(session, position);
  const progress =
    fixCount === 0
      ? `${t.kindLabel[kind]} · ${t.stepNofM(position + 1, session.stepIds.length)}`
      : kind === 'fix'
        ? t.fixNofM(fixNumber, fixCount)
        : kind === 'check'
          ? t.checkBefore(fixNumber, fixCount)
          : t.diagnosticAt(fixNumber, fixCount);
  const context = planStep?.cause
    ? `${t.causeN(planStep.cause.number)}: ${entryTitleOf(r, planStep.cause.id)}`
    : '';
  const option = planStep?.option ? t.optionNofM(planStep.option.number, planStep.option.of) : '';
  return { progress, context, option };
}

function entryTitleOf(r: Resolved, id: string): string {
  const entry = r.ctx.catalogue.get(id);
  return entry ? entryTitle(r.ctx, entry) : id;
}

/** The buttons of the step on screen, by its kind: only a fix offers "This fixed it". */
function stepActions(r: Resolved, session: Session, stepId: string): CardAction[] {
  const { t } = r.ctx;
  const ref = { sessionId: session.id, entryId: session.entryId, stepId, version: session.version };
  const last = session.position === session.stepIds.length - 1;
  const actions: CardAction[] = [];
  switch (stepKindAt(session, session.position)) {
    case 'fix':
      actions.push(packAction('fixed', ref, t.fixedIt, 'positive'));
      actions.push(packAction('next', ref, last ? t.lastStep : t.nextStep));
      break;
    case 'check': {
      const target = session.ifNot?.[stepId];
      const to = target !== undefined ? session.stepIds.indexOf(target) : -1;
      actions.push(packAction('yes', ref, t.yes, 'positive'));
      actions.push(packAction('no', ref, to > session.position ? t.noToFix(to + 1) : t.no));
      break;
    }
    case 'diagnostic':
      actions.push(packAction('next', ref, last ? t.doneLast : t.done, 'positive'));
      break;
  }
  if (session.position > 0) actions.push(packAction('back', ref, t.back));
  actions.push(packAction('escalate', ref, t.escalate, 'destructive'));
  return actions;
}

export function stepView(input: SessionViewInput): StepCardData {
  const r = resolve(input);
  const { ctx, entry } = r;
  const { session } = input;
  const { t } = ctx;
  const stepId = session.stepIds[session.position] ?? '';
  const planStep = r.steps.get(stepId);
  const labels = stepLabels(r, session, session.position);
  const kind = stepKindAt(session, session.position);

  // Statistics count fixes only: a check or diagnostic never "fixed this error".
  const stepStats = kind === 'fix' ? input.stats?.steps.find((s) => s.stepId === stepId) : undefined;
  const userIds = [...new Set(input.refreshUserIds ?? [])].slice(0, 60);
  return {
    eyebrow: eyebrow(ctx, entry),
    progress: labels.progress,
    context: labels.context,
    option: labels.option,
    prompt: kind === 'check' ? t.checkPrompt : kind === 'diagnostic' ? t.diagnosticHint : '',
    // A step that left the catalogue since the session started: say so rather than fail the whole card.
    blocks: planStep ? stepBlocks(ctx, planStep.step) : toCardBlocks([textBlock(t.noSteps)]),
    langNote: planStep ? langNote(ctx, planStep.step.text) : '',
    history: stepStats && stepStats.resolved > 0 ? t.thisStepFixed(stepStats.resolved, stepStats.tried) : '',
    notice: input.notice ?? '',
    source: { label: articleLabel(ctx, entry), url: docUrl(ctx, entry, planStep?.step.text) },
    actions: stepActions(r, session, stepId),
    refresh:
      userIds.length > 0
        ? { action: { type: 'Action.Execute', verb: 'refresh', data: { sessionId: session.id } }, userIds }
        : null,
  };
}

function stepSummary(r: Resolved, stepId: string, max = 300): string {
  const planStep = r.steps.get(stepId);
  return planStep ? r.ctx.md.summaryLine(text(r.ctx, planStep.step.text), max, r.ctx.markdown) : stepId;
}

/** A step's complete text as plain lines (sub-steps as "a.", "b.", ...): for the ticket, never cut. */
function stepPlainLines(r: Resolved, stepId: string): string[] {
  const planStep = r.steps.get(stepId);
  if (!planStep) return [stepId];
  return stepBlocks(r.ctx, planStep.step).map((block) => {
    const lead = block.bullet.trim() ? `${block.bullet} ` : block.pad ? '   ' : '';
    return `${lead}${runsText(block.inlines)}`;
  });
}

/** "2026-01-05 09:23 UTC": ticket times are read by people in other time zones. */
function utc(iso: string): string {
  const date = new Date(iso);
  return Number.isFinite(date.getTime()) ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : iso;
}

export function resolvedView(input: SessionViewInput): ResolvedCardData {
  const r = resolve(input);
  const { ctx, entry } = r;
  const { session } = input;
  const stepId = session.resolvedStepId ?? session.stepIds[session.position] ?? '';
  const position = Math.max(0, session.stepIds.indexOf(stepId));
  const labels = stepLabels(r, session, position);
  const facts: Fact[] = [{ title: ctx.t.resolvedBy, value: session.endedByName || ctx.t.someone }];
  const elapsed = elapsedMs(session);
  if (elapsed !== undefined) facts.push({ title: ctx.t.timeToFix, value: formatDuration(elapsed, ctx.lang) });
  const before = session.tried.filter((id) => id !== stepId).length;
  facts.push({ title: ctx.t.stepsTried, value: before > 0 ? String(before) : ctx.t.none });
  return {
    title: ctx.t.resolvedTitle,
    entryTitle: eyebrow(ctx, entry),
    stepLabel: [labels.progress, labels.context].filter(Boolean).join(' · '),
    stepSummary: stepSummary(r, stepId),
    facts,
    actions: [{ type: 'Action.OpenUrl', title: ctx.t.openArticle, url: docUrl(ctx, entry) }],
  };
}

/** What was tried, in order: from the session's trail (answers with who and when), else its tried list. */
function triedInOrder(
  session: Session,
): Array<{ stepId: string; action: TrailItem['action']; by?: string; at?: string }> {
  if (session.trail && session.trail.length > 0)
    return session.trail.filter((item) => item.action !== 'back');
  return session.tried.map((stepId) => ({ stepId, action: 'next' as const }));
}

/** Exhausted or escalated: what was tried, and a complete plain-text summary to paste into a support ticket. */
export function escalationView(input: SessionViewInput): EscalationCardData {
  const r = resolve(input);
  const { ctx, entry } = r;
  const { session } = input;
  const { t } = ctx;
  const exhausted = session.status === 'exhausted';
  const who = session.endedByName || t.someone;
  const title = entryTitle(ctx, entry);

  const tried = triedInOrder(session).map((item) => {
    const position = session.stepIds.indexOf(item.stepId);
    const kind = stepKindAt(session, Math.max(0, position));
    const byWhen = [item.by, item.at ? utc(item.at) : undefined].filter(Boolean).join(', ');
    const answer = `${t.answer[item.action]}${byWhen ? ` (${byWhen})` : ''}`;
    const label = `${t.stepNofM(position + 1, session.stepIds.length)} · ${t.kindLabel[kind]}`;
    return { stepId: item.stepId, label, answer };
  });
  const triedBlocks =
    tried.length > 0
      ? toCardBlocks(
          tried.map((s) => ({
            kind: 'text' as const,
            runs: [
              { text: s.label, bold: true },
              { text: ` — ${stepSummary(r, s.stepId)} — ` },
              { text: s.answer, italic: true },
            ],
            bullet: '',
            indent: 0,
          })),
        )
      : toCardBlocks([textBlock(t.ticketNoneTried)]);

  const facts: Fact[] = [];
  if (entry.codes.length > 0) facts.push({ title: t.code, value: entry.codes.slice(0, 3).join(', ') });
  const elapsed = elapsedMs(session);
  if (elapsed !== undefined) facts.push({ title: t.elapsed, value: formatDuration(elapsed, ctx.lang) });

  const message = ctx.md.toPlain(text(ctx, entry.message), ctx.markdown);
  const code = entry.codes.find((c) => !title.includes(c));
  const endedAt = session.endedAt ? utc(session.endedAt) : '';
  const url = docUrl(ctx, entry);
  const ticket = [
    `${t.ticketHeader}: ${[code, title].filter(Boolean).join(' — ')}`,
    ...(entry.codes.length > 1 ? [`${t.codes}: ${entry.codes.join(', ')}`] : []),
    ...(message ? message.split('\n').map((line, i) => (i === 0 ? `${t.message}: ${line}` : line)) : []),
    exhausted ? t.ticketStatusExhausted(who, endedAt) : t.ticketStatusEscalated(who, endedAt),
    t.ticketPasted(utc(session.pastedAt)),
    `${t.ticketTried}:`,
    ...(tried.length > 0
      ? tried.flatMap((s, i) => {
          const [first = '', ...rest] = stepPlainLines(r, s.stepId);
          // "(1)" rather than "1.": a line starting "1." renders as a markdown list and loses its number;
          // no indentation either (four spaces would be a code block).
          return [`(${i + 1}) ${s.label}: ${first}`, ...rest, `→ ${s.answer}`];
        })
      : [t.ticketNoneTried]),
    `${t.ticketSource}: ${url}`,
    `${t.ticketSession}: ${session.id}`,
  ].filter((line) => line.trim().length > 0);
  return {
    title: exhausted ? t.exhaustedTitle : t.escalatedTitle,
    color: exhausted ? 'Attention' : 'Warning',
    intro: exhausted ? t.exhaustedIntro(who) : t.escalatedIntro(who),
    entryTitle: eyebrow(ctx, entry),
    facts,
    triedLabel: t.ticketTried,
    tried: triedBlocks,
    ticketLabel: t.ticketSummary,
    ticket,
    actions: [{ type: 'Action.OpenUrl', title: t.openArticle, url }],
  };
}
