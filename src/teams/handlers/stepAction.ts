/**
 * The step card's buttons: `next` ("Didn't help — next"), `back`, `fixed` ("This fixed it"), `escalate`.
 * One transition per click, stored with optimistic concurrency: when another click won the race the action is
 * re-evaluated against the fresh session, which makes it a stale click that gets the current card. A session
 * that ends writes its one outcome record in the same store transaction.
 */
import { uiStrings } from '../../cards';
import { DomainError } from '../../core/errors';
import type { Session } from '../../core/remediation/session';
import { applyAction, type StepActionKind } from '../../core/remediation/transitions';
import { payloadOf } from '../actionPayload';
import type { CardActionHandler, CardActionResult } from '../cardAction';
import { rejectedAction, rejectedPayload } from '../cardErrors';
import { currentSessionCard } from '../sessionCards';
import type { Turn } from '../turn';

/** Store conflicts retried before giving up with the current card (each retry re-reads the session). */
const MAX_ATTEMPTS = 3;

/** The session's card; the thread's message is replaced only when this click changed the session. */
async function showing(
  turn: Turn,
  session: Session,
  changed: boolean,
  notice?: string,
): Promise<CardActionResult> {
  return { card: await currentSessionCard(turn, session, notice), updateThread: changed };
}

export function stepActionHandler(kind: StepActionKind): CardActionHandler {
  return async (turn, input) => {
    const payload = payloadOf(kind, input.data);
    if (payload instanceof Error) return rejectedPayload(turn, payload);
    const { sessionId, entryId, stepId, version } = payload;
    const ids = { verb: kind, sessionId, entryId, stepId, version };
    const { sessions, clock } = turn.deps;
    let session = await sessions.get(sessionId);
    if (!session) return rejectedAction(turn, 'SESSION_NOT_FOUND', ids, 'card action for an unknown session');
    if (session.entryId !== entryId || !session.stepIds.includes(stepId)) {
      return rejectedAction(turn, 'ACTION_INVALID', ids, 'card payload does not belong to its session');
    }
    if (input.repeated) return showing(turn, session, false);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = applyAction(
        session,
        { kind, sessionId, entryId, stepId, version, user: turn.user },
        clock.now(),
      );
      if (result instanceof DomainError) {
        turn.log.info({ event: 'card_action_stale', code: result.code, ...ids }, result.message);
        const current = (result.details.session as Session | undefined) ?? session;
        const t = uiStrings(turn.lang);
        const notice =
          result.code === 'SESSION_CONFLICT' && current.status === 'active'
            ? t.errors.SESSION_CONFLICT
            : undefined;
        // The winner already updated the thread's card; only the clicker needs the current state.
        return showing(turn, current, false, notice);
      }
      const written = await sessions.update(result.session, result.outcome);
      if (written.ok) {
        turn.log.info(
          {
            event: 'session_advanced',
            ...ids,
            status: result.session.status,
            newVersion: result.session.version,
            outcome: result.outcome?.outcome,
          },
          'guided fix moved on',
        );
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
