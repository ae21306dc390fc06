/**
 * `start` ("Start guided fix") and `jump` ("Jump to the step that usually works"): creates the session for the
 * clicked match card and shows its first (or usual) step in place of the match card. The session id is derived
 * from the card message, so two people starting the same card share one session.
 */
import { uiLang, type MatchContext } from '../../cards';
import type { Entry } from '../../core/catalogue/schema';
import { isDomainError } from '../../core/errors';
import { buildPlan } from '../../core/remediation/plan';
import { startSession } from '../../core/remediation/transitions';
import { payloadOf } from '../actionPayload';
import type { CardActionHandler, CardActionInput, CardActionResult } from '../cardAction';
import { rejectedAction, rejectedPayload } from '../cardErrors';
import { conversationRefOf } from '../conversation';
import { notice } from '../notices';
import { currentSessionCard } from '../sessionCards';
import { sessionIdForCard } from '../sessionIds';
import type { Turn } from '../turn';

/** Time-to-fix starts at the paste; a claimed paste time in the future or older than this is not believed. */
const MAX_PASTE_AGE_MS = 7 * 24 * 60 * 60 * 1000;

function believablePastedAt(claimed: string, now: Date): Date {
  const at = new Date(claimed);
  const age = now.getTime() - at.getTime();
  return Number.isFinite(age) && age >= 0 && age <= MAX_PASTE_AGE_MS ? at : now;
}

async function existingSessionCard(turn: Turn, id: string): Promise<CardActionResult | undefined> {
  const existing = await turn.deps.sessions.get(id);
  return existing ? { card: await currentSessionCard(turn, existing), updateThread: true } : undefined;
}

async function startGuidedFix(
  turn: Turn,
  input: CardActionInput,
  entryId: string,
  match: MatchContext,
  startAt?: string,
): Promise<CardActionResult> {
  const { catalogue, sessions, clock } = turn.deps;
  const entry: Entry | undefined = catalogue.get(entryId);
  if (!entry) return rejectedPayload(turn, entryId);
  const plan = buildPlan(catalogue, entry);
  if (plan.steps.length === 0)
    return rejectedAction(turn, 'ACTION_INVALID', { entryId }, 'entry documents no steps');
  if (startAt !== undefined && !plan.steps.some((s) => s.stepId === startAt)) {
    return rejectedAction(
      turn,
      'ACTION_INVALID',
      { entryId, stepId: startAt.slice(0, 300) },
      'jump target is not a step of the plan',
    );
  }
  const activity = turn.context.activity;
  const now = clock.now();
  const id = sessionIdForCard(activity.conversation?.id ?? '', input.replyToId, turn.deps.newId);
  try {
    const already = await existingSessionCard(turn, id);
    if (already) return already;
    const session = startSession({
      id,
      entry,
      plan,
      match: { verdict: match.verdict, score: match.score, codes: match.codes, textHash: match.textHash },
      // The thread's card stays in the language it was pasted in, whoever clicks Start.
      locale: match.locale ?? turn.locale,
      lang: match.locale ? uiLang(match.locale) : turn.lang,
      conversation: conversationRefOf(activity),
      user: turn.user,
      now,
      pastedAt: believablePastedAt(match.pastedAt, now),
      ...(startAt !== undefined ? { startAt } : {}),
      ...(input.replyToId ? { cardActivityId: input.replyToId } : {}),
    });
    try {
      await sessions.create(session);
    } catch (error) {
      if (isDomainError(error, 'STORE_UNAVAILABLE')) throw error;
      // Most likely someone started the same card a moment earlier: show that session.
      const raced = await existingSessionCard(turn, id);
      if (!raced) throw error;
      turn.log.info(
        { event: 'start_raced', sessionId: id, reason: (error as Error).message },
        'session already created by a concurrent click',
      );
      return raced;
    }
    turn.log.info(
      { event: 'session_started', sessionId: id, entryId: entry.id, jump: startAt !== undefined },
      'guided fix started',
    );
    return { card: await currentSessionCard(turn, session), updateThread: true };
  } catch (error) {
    if (!isDomainError(error, 'STORE_UNAVAILABLE')) throw error;
    // The documented steps are still worth having: keep the match card (its buttons retry) and say why.
    turn.log.error(
      { event: 'session_not_saved', err: error, entryId: entry.id },
      'store unavailable: guided fix could not be saved',
    );
    await turn.context.sendActivity(notice('storeUnavailable', turn.lang));
    return {
      card: turn.deps.cards.matchCard({ catalogue, entry, locale: turn.locale, match }),
      updateThread: false,
    };
  }
}

export const handleStart: CardActionHandler = async (turn, input) => {
  const payload = payloadOf('start', input.data);
  if (payload instanceof Error) return rejectedPayload(turn, payload);
  return startGuidedFix(turn, input, payload.entryId, payload.match);
};

export const handleJump: CardActionHandler = async (turn, input) => {
  const payload = payloadOf('jump', input.data);
  if (payload instanceof Error) return rejectedPayload(turn, payload);
  return startGuidedFix(turn, input, payload.entryId, payload.match, payload.stepId);
};
