/**
 * `choose` (a button of the "which one did you mean?" or search card): the match card of that entry, in place
 * of the choice card, so the thread sees what was picked and can start the guided fix from there.
 */
import { payloadOf } from '../actionPayload';
import type { CardActionHandler } from '../cardAction';
import { rejectedPayload } from '../cardErrors';
import { entryHistory } from '../history';
import { notice } from '../notices';
import { currentSessionCard } from '../sessionCards';
import { sessionIdForCard } from '../sessionIds';

export const handleChoose: CardActionHandler = async (turn, input) => {
  const payload = payloadOf('choose', input.data);
  if (payload instanceof Error) return rejectedPayload(turn, payload);
  const { catalogue } = turn.deps;
  const entry = catalogue.get(payload.entryId);
  if (!entry) return rejectedPayload(turn, payload.entryId);
  // A guided fix already runs from this card: a late click on the old choice must not replace its step card.
  if (input.replyToId) {
    const conversationId = turn.context.activity.conversation?.id ?? '';
    const running = await turn.deps.sessions.get(sessionIdForCard(conversationId, input.replyToId));
    if (running) return { card: await currentSessionCard(turn, running), updateThread: false };
  }
  const history = await entryHistory(turn, entry.id);
  if (history.unavailable && !input.repeated)
    await turn.context.sendActivity(notice('storeUnavailable', turn.lang));
  const card = turn.deps.cards.matchCard({
    catalogue,
    entry,
    locale: turn.locale,
    match: payload.match,
    ...(history.stats ? { stats: history.stats } : {}),
  });
  return { card, updateThread: true };
};
