/** The card that shows a session's current state (step, resolved, exhausted, escalated). */
import type { Session } from '../core/remediation/session';
import { entryHistory } from './history';
import type { AdaptiveCardJson } from './invoke';
import type { Turn } from './turn';

/** Rendered in the session's own locale, so that the thread's card does not switch language per clicker. */
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
