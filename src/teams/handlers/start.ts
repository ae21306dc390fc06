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
import {
  rejectedAction,
  unknownEntry,
  type CardActionHandler,
  type CardActionInput,
  type CardActionResult,
} from '../cardActions';
import { conversationRefOf } from '../conversation';
import { notice } from '../replies';
import { belongsHere, sessionIdForCard } from '../sessionIds';
import type { Turn } from '../turn';
import { currentSessionCard } from './stepAction';

/** Time-to-fix starts at the paste; a claimed paste time in the future or older than this is not believed. */
const MAX_PASTE_AGE_MS = 7 * 24 * 60 * 60 * 1000;

function believablePastedAt(claimed: string, now: Date): Date {
  const at = new Date(claimed);
  const age = now.getTime() - at.getTime();
  return Number.isFinite(age) && age >= 0 && age <= MAX_PASTE_AGE_MS ? at : now;
}

async function existingSessionCard(turn: Turn, id: string): Promise<CardActionResult | undefined> {
  const existing = await turn.deps.sessions.get(id);
  if (existing && !belongsHere(existing, turn.context.activity))
    return rejectedAction(
      turn,
      'SESSION_FOREIGN',
      { sessionId: id },
      'start click for a session of another conversation',
    );
  return existing ? { card: await currentSessionCard(turn, existing), updateThread: true } : undefined;
}

async function startGuidedFix(
  turn: Turn,
  input: CardActionInput<'start' | 'jump'>,
  entryId: string,
  match: MatchContext,
  startAt?: string,
): Promise<CardActionResult> {
  const { catalogue, sessions, clock } = turn.deps;
  const entry: Entry | undefined = catalogue.get(entryId);
  if (!entry) return unknownEntry(turn, entryId);
  const plan = buildPlan(catalogue, entry);
  const activity = turn.context.activity;
  const now = clock.now();
  const id = sessionIdForCard({
    secret: turn.deps.userHashSalt,
    activity,
    cardActivityId: input.replyToId,
    entryId: entry.id,
    textHash: match.textHash,
    pastedAt: match.pastedAt,
  });
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
    // The plan decides what can be started (no steps, a jump target outside the plan): a forged or stale card.
    if (isDomainError(error, 'ACTION_INVALID'))
      return rejectedAction(turn, error.code, { entryId, stepId: startAt?.slice(0, 300) }, error.message);
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

export const handleStart: CardActionHandler<'start'> = (turn, input) =>
  startGuidedFix(turn, input, input.data.entryId, input.data.match);

export const handleJump: CardActionHandler<'jump'> = (turn, input) =>
  startGuidedFix(turn, input, input.data.entryId, input.data.match, input.data.stepId);
