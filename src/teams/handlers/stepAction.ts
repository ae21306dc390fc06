/**
 * A guided fix in progress: the step card's buttons — `next` ("Didn't help — next", "Done — next"), `back`,
 * `fixed` ("This fixed it", fix steps only), `escalate`, a check's `yes` / `no` — and `refresh` (Universal Actions
 * automatic refresh: the current card, nothing changes). One transition per click, stored with optimistic
 * concurrency: when another click won the race the action is re-evaluated against the fresh session, which makes
 * it a stale click that gets the current card. A session that ends writes its one outcome record in the same
 * store transaction.
 */
import { uiStrings } from '../../cards';
import { DomainError } from '../../core/errors';
import type { Session } from '../../core/remediation/session';
import { applyAction, type StepActionKind } from '../../core/remediation/transitions';
import {
  rejectedAction,
  type AdaptiveCardJson,
  type CardActionHandler,
  type CardActionResult,
} from '../cardActions';
import { entryHistory } from '../history';
import { turnDoneOf } from '../dedupe';
import { belongsHere } from '../sessionIds';
import { notice as botNotice } from '../replies';
import type { Turn } from '../turn';

/** Store conflicts retried before giving up with the current card (each retry re-reads the session). */
const MAX_ATTEMPTS = 3;

/**
 * The card of a session's current state (step, resolved, exhausted, escalated), rendered in the session's own
 * locale so that the thread's card does not switch language per clicker.
 */
export async function currentSessionCard(
  turn: Turn,
  session: Session,
  notice?: string,
): Promise<AdaptiveCardJson> {
  const history =
    session.status === 'active' ? await entryHistory(turn, session.entryId) : { unavailable: false };
  return turn.deps.cards.sessionCard({
    catalogue: turn.deps.catalogue,
    session,
    ...(history.stats ? { stats: history.stats } : {}),
    ...(notice ? { notice } : {}),
  });
}

/** The session's card; the thread's message is replaced only when this click changed the session. */
async function showing(
  turn: Turn,
  session: Session,
  changed: boolean,
  notice?: string,
): Promise<CardActionResult> {
  return { card: await currentSessionCard(turn, session, notice), updateThread: changed };
}

export function stepActionHandler<K extends StepActionKind>(kind: K): CardActionHandler<K> {
  return async (turn, input) => {
    const { sessionId, entryId, stepId, version } = input.data;
    const ids = { verb: kind, sessionId, entryId, stepId, version };
    const { sessions, clock } = turn.deps;
    let session = await sessions.get(sessionId);
    if (!session) return rejectedAction(turn, 'SESSION_NOT_FOUND', ids, 'card action for an unknown session');
    // A card forwarded or forged into another conversation or tenant changes nothing there.
    if (!belongsHere(session, turn.context.activity))
      return rejectedAction(turn, 'SESSION_FOREIGN', ids, 'card action from another conversation');
    if (input.repeated) return showing(turn, session, false);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = applyAction(
        session,
        { kind, sessionId, entryId, stepId, version, user: turn.user },
        clock.now(),
      );
      if (result instanceof DomainError) {
        // A payload that does not belong to its session, or a button the step does not have: forged or broken.
        if (result.code === 'ACTION_INVALID') return rejectedAction(turn, result.code, ids, result.message);
        turn.log.info({ event: 'card_action_stale', code: result.code, ...ids }, result.message);
        const current = (result.details.session as Session | undefined) ?? session;
        const notice =
          result.code === 'SESSION_CONFLICT' && current.status === 'active'
            ? uiStrings(turn.lang).errors.SESSION_CONFLICT
            : undefined;
        // The winner already updated the thread's card; only the clicker needs the current state.
        return showing(turn, current, false, notice);
      }
      // The click's turn is recorded as handled in the same transaction as its effect.
      const written = await sessions.update(
        result.session,
        result.outcome,
        turnDoneOf(turn.context, clock.now()),
      );
      if (written.ok) {
        turn.log.info(
          {
            event: 'session_advanced',
            ...ids,
            status: result.session.status,
            newVersion: result.session.version,
            outcome: result.outcome?.outcome,
            ...(written.pending && { pending: true }),
          },
          'guided fix moved on',
        );
        // Kept in the local outbox (database unreachable): say so, truthfully — "saved, will be recorded".
        if (written.pending) await turn.context.sendActivity(botNotice('outcomePending', turn.lang));
        return showing(turn, result.session, true);
      }
      if (!written.current)
        return rejectedAction(turn, 'SESSION_NOT_FOUND', ids, 'session deleted during the click');
      turn.log.info(
        { event: 'session_write_conflict', ...ids, attempt },
        'a concurrent click won; re-evaluating on the fresh session',
      );
      session = written.current;
    }
    return showing(turn, session, false);
  };
}

/** `refresh` (Universal Actions automatic refresh): the session's current card, nothing changes. */
export const handleRefresh: CardActionHandler<'refresh'> = async (turn, input) => {
  const session = await turn.deps.sessions.get(input.data.sessionId);
  if (!session)
    return rejectedAction(turn, 'SESSION_NOT_FOUND', { sessionId: input.data.sessionId.slice(0, 200) });
  if (!belongsHere(session, turn.context.activity))
    return rejectedAction(
      turn,
      'SESSION_FOREIGN',
      { sessionId: session.id },
      'refresh from another conversation',
    );
  return { card: await currentSessionCard(turn, session), updateThread: false };
};
