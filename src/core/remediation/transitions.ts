/**
 * Pure session transitions: start a guided fix, then apply card clicks (next, back, fixed, escalate).
 * Every end state produces exactly one Outcome; stale or repeated clicks are coded errors, never a corrupted
 * session. The caller stores the result with optimistic concurrency (SessionStore.update).
 */
import { z } from 'zod';
import type { Entry, Lang, StepKind } from '../catalogue/schema';
import { DomainError } from '../errors';
import type { Outcome } from '../outcomes/outcome';
import type { Plan } from './plan';
import type { ConversationRef, MatchInfo, Session, TrailItem } from './session';

/** Who clicked: the caller hashes the Teams user id; the display name is shown on the resolved card only. */
export interface Actor {
  hash: string;
  name?: string;
}

export interface StartSessionInput {
  /** New session id (the caller generates it). */
  id: string;
  entry: Entry;
  plan: Plan;
  match: MatchInfo;
  locale: string;
  lang: Lang;
  conversation: ConversationRef;
  user: Actor;
  now: Date;
  /** When the error was pasted (time-to-fix starts there); defaults to `now`. */
  pastedAt?: Date;
  /** Start on this plan step ("Jump to the step that usually works"); defaults to the first step. */
  startAt?: string;
  /** Activity id of the card message that the session updates in place. */
  cardActivityId?: string;
}

export function startSession(input: StartSessionInput): Session {
  const { entry, plan } = input;
  if (plan.entryId !== entry.id) {
    throw new DomainError('ACTION_INVALID', `plan is for ${plan.entryId}, not ${entry.id}`, {
      entryId: entry.id,
    });
  }
  const stepIds = plan.steps.map((s) => s.stepId);
  if (stepIds.length === 0) {
    throw new DomainError('ACTION_INVALID', `entry ${entry.id} has no steps to guide through`, {
      entryId: entry.id,
    });
  }
  let position = 0;
  if (input.startAt !== undefined) {
    position = stepIds.indexOf(input.startAt);
    if (position < 0 || plan.steps[position]?.kind !== 'fix') {
      throw new DomainError(
        'ACTION_INVALID',
        `step ${input.startAt} is not a fix in the plan of ${entry.id}`,
        {
          entryId: entry.id,
          stepId: input.startAt,
        },
      );
    }
  }
  const now = input.now.toISOString();
  const ifNot = Object.fromEntries(
    plan.steps.flatMap((s) => (s.ifNot !== undefined ? [[s.stepId, s.ifNot] as const] : [])),
  );
  const session: Session = {
    id: input.id,
    version: 1,
    entryId: entry.id,
    stepIds,
    stepKinds: plan.steps.map((s) => s.kind),
    ...(Object.keys(ifNot).length > 0 ? { ifNot } : {}),
    trail: [],
    position,
    tried: [],
    status: 'active',
    startedBy: input.user.hash,
    locale: input.locale,
    lang: input.lang,
    conversation: input.conversation,
    match: input.match,
    pastedAt: (input.pastedAt ?? input.now).toISOString(),
    createdAt: now,
    updatedAt: now,
  };
  if (input.cardActivityId !== undefined) session.cardActivityId = input.cardActivityId;
  return session;
}

/**
 * next ("Didn't help — next", "Done — next" on a diagnostic), back, fixed ("This fixed it": fix steps only),
 * escalate, and a check's answers: yes (go on) and no (to the fix the check points to, else go on).
 */
export const STEP_ACTIONS = ['next', 'back', 'fixed', 'escalate', 'yes', 'no'] as const;
export const StepActionKindSchema = z.enum(STEP_ACTIONS);
export type StepActionKind = z.infer<typeof StepActionKindSchema>;

/** A click on a step card, as the card data said it: which session, step and version it was shown for. */
export interface StepAction {
  kind: StepActionKind;
  sessionId: string;
  /** When given, must be the session's entry (a forged payload otherwise). */
  entryId?: string;
  stepId: string;
  version: number;
  user: Actor;
}

export interface Transition {
  session: Session;
  /** Present exactly when this transition ended the session. */
  outcome?: Outcome;
}

/** The kind of the step at `position` (sessions started before step kinds have fixes only). */
export function stepKindAt(session: Session, position: number): StepKind {
  return session.stepKinds?.[position] ?? 'fix';
}

/**
 * Where the step at `position` stands among the session's fixes ("Step 3 of 9 fixes"): its kind, the number of
 * fix steps, and for a fix its 1-based number among them, for a check or diagnostic the number of the next fix
 * (fixCount + 1 when no fix follows).
 */
export function stepProgress(
  session: Session,
  position: number,
): { kind: StepKind; fixNumber: number; fixCount: number } {
  const kinds = session.stepIds.map((_, i) => stepKindAt(session, i));
  const fixCount = kinds.filter((k) => k === 'fix').length;
  const before = kinds.slice(0, position).filter((k) => k === 'fix').length;
  return { kind: stepKindAt(session, position), fixNumber: before + 1, fixCount };
}

/** The step id on screen. */
export function currentStepId(session: Session): string {
  const stepId = session.stepIds[session.position];
  if (stepId === undefined) {
    throw new DomainError(
      'ACTION_INVALID',
      `session ${session.id} position ${session.position} is out of range`,
      {
        sessionId: session.id,
      },
    );
  }
  return stepId;
}

/**
 * Applies a click. Returns the next session (version + 1) and, when the session ends, its one outcome;
 * or a DomainError: ACTION_INVALID (payload for another session/entry, back on the first step),
 * SESSION_ENDED (the session already ended), SESSION_CONFLICT (the click was for a card that is no longer
 * current). Both of the latter carry `details.session`, the current session, so the caller can show its card.
 */
export function applyAction(session: Session, action: StepAction, now: Date): Transition | DomainError {
  const ids = {
    sessionId: session.id,
    entryId: session.entryId,
    stepId: action.stepId,
    version: action.version,
  };
  if (action.sessionId !== session.id) {
    return new DomainError(
      'ACTION_INVALID',
      `action is for session ${action.sessionId}, not ${session.id}`,
      ids,
    );
  }
  if (action.entryId !== undefined && action.entryId !== session.entryId) {
    return new DomainError(
      'ACTION_INVALID',
      `action is for entry ${action.entryId}, not ${session.entryId}`,
      ids,
    );
  }
  if (!session.stepIds.includes(action.stepId)) {
    return new DomainError('ACTION_INVALID', `step ${action.stepId} is not in session ${session.id}`, ids);
  }
  if (session.status !== 'active') {
    return new DomainError('SESSION_ENDED', `session ${session.id} already ended (${session.status})`, {
      ...ids,
      session,
    });
  }
  const stepId = currentStepId(session);
  if (action.stepId !== stepId || action.version !== session.version) {
    return new DomainError(
      'SESSION_CONFLICT',
      `stale ${action.kind}: card showed ${action.stepId} v${action.version}, session is at ${stepId} v${session.version}`,
      { ...ids, session },
    );
  }

  const kind = stepKindAt(session, session.position);
  const refused = refusal(action.kind, kind);
  if (refused) return new DomainError('ACTION_INVALID', `${refused} (session ${session.id})`, ids);

  const at = now.toISOString();
  const answer: TrailItem = { stepId, action: action.kind, at };
  if (action.user.name !== undefined) answer.by = action.user.name;
  const moved: Session = {
    ...session,
    version: session.version + 1,
    updatedAt: at,
    trail: [...(session.trail ?? []), answer],
  };
  // Only a fix that did not help counts as tried: checks and diagnostics fix nothing, so the statistics
  // ("step 3 fixed this 7 of 10 times") count fixes alone.
  const tried = kind === 'fix' ? withTried(session.tried, stepId) : [...session.tried];
  switch (action.kind) {
    case 'back': {
      if (session.position === 0) {
        return new DomainError('ACTION_INVALID', `back on the first step of session ${session.id}`, ids);
      }
      return { session: { ...moved, position: session.position - 1 } };
    }
    case 'next':
    case 'yes':
      return forward({ ...moved, tried }, session.position + 1, action.user, at);
    case 'no': {
      const target = session.ifNot?.[stepId];
      const to = target !== undefined ? session.stepIds.indexOf(target) : -1;
      return forward({ ...moved, tried }, to > session.position ? to : session.position + 1, action.user, at);
    }
    case 'fixed': {
      return end({ ...moved, resolvedStepId: stepId }, 'resolved', action.user, at);
    }
    case 'escalate': {
      return end({ ...moved, tried }, 'escalated', action.user, at);
    }
  }
}

/** Why a click does not fit the kind of step on screen, or undefined when it does. */
function refusal(action: StepActionKind, kind: StepKind): string | undefined {
  if (action === 'fixed' && kind !== 'fix') return `a ${kind} step cannot be what fixed the error`;
  if ((action === 'yes' || action === 'no') && kind !== 'check') return `a ${kind} step is not a question`;
  return undefined;
}

/** Moves to `position`, or ends the session as exhausted when the plan has no such step. */
function forward(session: Session, position: number, user: Actor, at: string): Transition {
  if (position < session.stepIds.length) return { session: { ...session, position } };
  return end(session, 'exhausted', user, at);
}

function withTried(tried: readonly string[], stepId: string): string[] {
  return tried.includes(stepId) ? [...tried] : [...tried, stepId];
}

function end(
  session: Session,
  status: 'resolved' | 'exhausted' | 'escalated',
  user: Actor,
  at: string,
): Transition {
  const ended: Session = { ...session, status, endedBy: user.hash, endedAt: at };
  if (user.name !== undefined) ended.endedByName = user.name;
  else delete ended.endedByName;
  return { session: ended, outcome: outcomeOf(ended) };
}

/** The one outcome record of an ended session. */
export function outcomeOf(session: Session): Outcome {
  if (session.status === 'active' || session.endedAt === undefined || session.endedBy === undefined) {
    throw new DomainError('ACTION_INVALID', `session ${session.id} has not ended`, { sessionId: session.id });
  }
  const outcome: Outcome = {
    sessionId: session.id,
    entryId: session.entryId,
    outcome: session.status,
    stepsTried: session.tried.filter((id) => id !== session.resolvedStepId),
    matchVerdict: session.match.verdict,
    matchScore: session.match.score,
    codes: session.match.codes,
    textHash: session.match.textHash,
    locale: session.locale,
    lang: session.lang,
    userHash: session.endedBy,
    pastedAt: session.pastedAt,
    endedAt: session.endedAt,
  };
  if (session.status === 'resolved' && session.resolvedStepId !== undefined) {
    outcome.resolvedStepId = session.resolvedStepId;
  }
  const { tenantId, teamId, channelId } = session.conversation;
  if (tenantId !== undefined) outcome.tenantId = tenantId;
  if (teamId !== undefined) outcome.teamId = teamId;
  if (channelId !== undefined) outcome.channelId = channelId;
  return outcome;
}

/** Milliseconds from paste to the end of the session (time to fix when resolved). */
export function elapsedMs(session: Session): number | undefined {
  if (session.endedAt === undefined) return undefined;
  const ms = Date.parse(session.endedAt) - Date.parse(session.pastedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
