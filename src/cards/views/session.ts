/**
 * Cards of a guided session: the step card while active, then resolved / exhausted / escalated.
 * `sessionCardView` picks the right one, so the caller can show "the current card" after any transition
 * (including a stale click answered with SESSION_CONFLICT).
 */
import type { Catalogue } from '../../core/catalogue/catalogue';
import type { Entry } from '../../core/catalogue/schema';
import type { EntryStats } from '../../core/outcomes/statistics';
import { buildPlan, type PlanStep } from '../../core/remediation/plan';
import type { Session } from '../../core/remediation/session';
import { elapsedMs } from '../../core/remediation/transitions';
import { packAction } from '../actions';
import { formatDuration } from '../i18n';
import { truncate } from '../markdown';
import type { CardAction, EscalationCardData, Fact, ResolvedCardData, StepCardData } from '../schemas';
import { stepBlocks, toCardBlocks } from './blocks';
import {
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

/** "Step 2 of 9 · Cause 1: <cause title>" parts for the step at `position` of the session. */
function stepLabels(
  r: Resolved,
  session: Session,
  position: number,
): { progress: string; context: string; option: string } {
  const { ctx } = r;
  const planStep = r.steps.get(session.stepIds[position] ?? '');
  const progress = ctx.t.stepNofM(position + 1, session.stepIds.length);
  const context = planStep?.cause
    ? `${ctx.t.causeN(planStep.cause.number)}: ${entryTitleOf(r, planStep.cause.id)}`
    : '';
  const option = planStep?.option ? ctx.t.optionNofM(planStep.option.number, planStep.option.of) : '';
  return { progress, context, option };
}

function entryTitleOf(r: Resolved, id: string): string {
  const entry = r.ctx.catalogue.get(id);
  return entry ? entryTitle(r.ctx, entry) : id;
}

export function stepView(input: SessionViewInput): StepCardData {
  const r = resolve(input);
  const { ctx, entry } = r;
  const { session } = input;
  const { t } = ctx;
  const stepId = session.stepIds[session.position] ?? '';
  const planStep = r.steps.get(stepId);
  const labels = stepLabels(r, session, session.position);
  const ref = { sessionId: session.id, entryId: session.entryId, stepId, version: session.version };
  const last = session.position === session.stepIds.length - 1;
  const actions: CardAction[] = [
    packAction('fixed', ref, t.fixedIt, 'positive'),
    packAction('next', ref, last ? t.lastStep : t.nextStep),
  ];
  if (session.position > 0) actions.push(packAction('back', ref, t.back));
  actions.push(packAction('escalate', ref, t.escalate, 'destructive'));

  const stepStats = input.stats?.steps.find((s) => s.stepId === stepId);
  const userIds = [...new Set(input.refreshUserIds ?? [])].slice(0, 60);
  return {
    eyebrow: eyebrow(ctx, entry),
    progress: labels.progress,
    context: labels.context,
    option: labels.option,
    // A step that left the catalogue since the session started: say so rather than fail the whole card.
    blocks: planStep
      ? stepBlocks(ctx, planStep.step)
      : toCardBlocks([{ kind: 'text', text: t.noSteps, bullet: '', indent: 0 }]),
    langNote: planStep ? langNote(ctx, planStep.step.text) : '',
    history: stepStats && stepStats.resolved > 0 ? t.thisStepFixed(stepStats.resolved, stepStats.tried) : '',
    notice: input.notice ?? '',
    source: { label: articleLabel(ctx, entry), url: entry.url },
    actions,
    refresh:
      userIds.length > 0
        ? { action: { type: 'Action.Execute', verb: 'refresh', data: { sessionId: session.id } }, userIds }
        : null,
  };
}

function stepSummary(r: Resolved, stepId: string, max = 160): string {
  const planStep = r.steps.get(stepId);
  return planStep ? r.ctx.md.summaryLine(text(r.ctx, planStep.step.text), max, r.ctx.markdown) : stepId;
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
    actions: [{ type: 'Action.OpenUrl', title: ctx.t.openArticle, url: entry.url }],
  };
}

/** Exhausted or escalated: what was tried, and a plain-text summary to paste into a support ticket. */
export function escalationView(input: SessionViewInput): EscalationCardData {
  const r = resolve(input);
  const { ctx, entry } = r;
  const { session } = input;
  const { t } = ctx;
  const exhausted = session.status === 'exhausted';
  const who = session.endedByName || t.someone;

  const tried = session.tried.map((stepId) => {
    const position = session.stepIds.indexOf(stepId);
    return { n: position + 1, summary: stepSummary(r, stepId, 120) };
  });
  const triedBlocks =
    tried.length > 0
      ? toCardBlocks(
          tried.map((s) => ({ kind: 'text', text: `**${s.n}.** ${s.summary}`, bullet: '', indent: 0 })),
        )
      : toCardBlocks([{ kind: 'text', text: t.ticketNoneTried, bullet: '', indent: 0 }]);

  const facts: Fact[] = [];
  if (entry.codes.length > 0) facts.push({ title: t.code, value: entry.codes.slice(0, 3).join(', ') });
  const elapsed = elapsedMs(session);
  if (elapsed !== undefined) facts.push({ title: t.elapsed, value: formatDuration(elapsed, ctx.lang) });

  const message = ctx.md.toPlain(text(ctx, entry.message));
  const ticket = [
    `${t.ticketHeader}: ${[entry.codes[0], entry.title.en].filter(Boolean).join(' — ')}`,
    ...(message ? [`${t.message}: ${truncate(message.replace(/\n/g, ' '), 300)}`] : []),
    `${t.ticketTried}:`,
    ...(tried.length > 0 ? tried.map((s) => `${s.n}. ${s.summary}`) : [t.ticketNoneTried]),
    `${t.ticketSource}: ${entry.url}`,
    `Remedy session ${session.id} · ${session.pastedAt}`,
  ];
  return {
    title: exhausted ? t.exhaustedTitle : t.escalatedTitle,
    color: exhausted ? 'Attention' : 'Warning',
    intro: exhausted ? t.exhaustedIntro : t.escalatedIntro(who),
    entryTitle: eyebrow(ctx, entry),
    facts,
    triedLabel: t.ticketTried,
    tried: triedBlocks,
    ticketLabel: t.ticketSummary,
    ticket,
    actions: [{ type: 'Action.OpenUrl', title: t.openArticle, url: entry.url }],
  };
}
