/** `stats` (every error of this tenant) and `stats <code>` (one error): resolution statistics as a card. */
import type { Entry } from '../../core/catalogue/schema';
import { payloadOf } from '../actionPayload';
import type { CardActionHandler } from '../cardAction';
import { rejectedPayload } from '../cardErrors';
import { allStats } from '../history';
import { sendCard } from '../replies';
import type { Turn } from '../turn';

/** The entry a `stats` argument names: an error code, a ref, an entry id, else a confident match. */
export async function entryNamedBy(turn: Turn, argument: string): Promise<Entry | undefined> {
  const { catalogue, matcher } = turn.deps;
  const direct =
    catalogue.byErrorCode(argument) ?? catalogue.byReference(argument) ?? catalogue.get(argument);
  if (direct) return direct;
  const response = matcher.match(argument, { top: 1 });
  return response.verdict === 'confident' ? response.results[0]?.entry : undefined;
}

export async function handleStats(turn: Turn, argument: string): Promise<void> {
  const { catalogue } = turn.deps;
  if (argument.length === 0) {
    await sendCard(
      turn.context,
      turn.deps.cards.statsCard({ catalogue, stats: await allStats(turn), locale: turn.locale }),
    );
    return;
  }
  const entry = await entryNamedBy(turn, argument);
  if (!entry) {
    turn.log.info(
      { event: 'stats_unknown_entry', chars: argument.length },
      'stats for an unrecognised error',
    );
    await sendCard(turn.context, turn.deps.cards.noMatchCard(turn.locale));
    return;
  }
  const subtitle = entry.codes[0] ?? entry.title.en;
  await sendCard(
    turn.context,
    turn.deps.cards.statsCard({
      catalogue,
      stats: await allStats(turn, entry.id),
      locale: turn.locale,
      subtitle,
    }),
  );
}

/** The stats button of a card (one entry, or all): shown to whoever clicked. */
export const handleStatsAction: CardActionHandler = async (turn, input) => {
  const payload = payloadOf('stats', input.data);
  if (payload instanceof Error) return rejectedPayload(turn, payload);
  const { catalogue } = turn.deps;
  if (payload.entryId !== undefined && !catalogue.get(payload.entryId))
    return rejectedPayload(turn, payload.entryId);
  const stats = await allStats(turn, payload.entryId);
  return { card: turn.deps.cards.statsCard({ catalogue, stats, locale: turn.locale }), updateThread: false };
};
