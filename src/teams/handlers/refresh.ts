/** `refresh` (Universal Actions automatic refresh): the session's current card, nothing changes. */
import { payloadOf } from '../actionPayload';
import type { CardActionHandler } from '../cardAction';
import { rejectedAction, rejectedPayload } from '../cardErrors';
import { currentSessionCard } from '../sessionCards';

export const handleRefresh: CardActionHandler = async (turn, input) => {
  const payload = payloadOf('refresh', input.data);
  if (payload instanceof Error) return rejectedPayload(turn, payload);
  const session = await turn.deps.sessions.get(payload.sessionId);
  if (!session)
    return rejectedAction(turn, 'SESSION_NOT_FOUND', { sessionId: payload.sessionId.slice(0, 200) });
  return { card: await currentSessionCard(turn, session), updateThread: false };
};
