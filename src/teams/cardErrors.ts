/** Friendly answers to card clicks that cannot be honoured (forged or outdated payloads, unknown sessions). */
import { DomainError, type ErrorCode } from '../core/errors';
import type { CardActionResult } from './cardAction';
import type { Turn } from './turn';

/** The error card for whoever clicked; the thread's card is left as it is. Logged with the code and ids. */
export function rejectedAction(
  turn: Turn,
  code: ErrorCode,
  details: Record<string, unknown>,
  message: string = code,
): CardActionResult {
  turn.log.warn({ event: 'card_action_rejected', code, ...details }, message);
  return {
    card: turn.deps.cards.errorCard({ locale: turn.locale, error: new DomainError(code, message) }),
    updateThread: false,
  };
}

/** A payload that failed validation (DomainError from parseAction) or names an unknown entry (its id). */
export function rejectedPayload(turn: Turn, problem: DomainError | string): CardActionResult {
  if (typeof problem === 'string')
    return rejectedAction(
      turn,
      'ENTRY_NOT_FOUND',
      { entryId: problem.slice(0, 300) },
      'card names no catalogue entry',
    );
  return rejectedAction(turn, 'ACTION_INVALID', { verb: problem.details.verb }, problem.message);
}
