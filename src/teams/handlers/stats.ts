/** `stats` (every error of this tenant) and `stats <code>` (one error): resolution statistics as a card. */
import { entryNamedBy } from '../../core/catalogue/queries';
import type { Entry } from '../../core/catalogue/schema';
import { unknownEntry, type CardActionHandler } from '../cardActions';
import { allStats } from '../history';
import { sendCard } from '../replies';
import type { Turn } from '../turn';

/** The entry a `stats` argument names: an error code, a ref or an entry id, else a confident match. */
function entryAskedFor(turn: Turn, argument: string): Entry | undefined {
  const { catalogue, matcher } = turn.deps;
  const named = entryNamedBy(catalogue, argument);
  if (named) return named;
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
  const entry = entryAskedFor(turn, argument);
  if (!entry) {
    turn.log.info(
      { event: 'stats_unknown_entry', chars: argument.length },
      'stats for an unrecognised error',
    );
    await sendCard(turn.context, turn.deps.cards.noMatchCard({ locale: turn.locale }));
    return;
  }
  // The entry's card names its code and title: no subtitle repeating them.
  await sendCard(
    turn.context,
    turn.deps.cards.statsCard({
      catalogue,
      stats: await allStats(turn, entry.id),
      locale: turn.locale,
      entryId: entry.id,
    }),
  );
}

/** The stats button of a card (one entry, or all): shown to whoever clicked. */
export const handleStatsAction: CardActionHandler<'stats'> = async (turn, input) => {
  const { catalogue } = turn.deps;
  const { entryId } = input.data;
  if (entryId !== undefined && !catalogue.get(entryId)) return unknownEntry(turn, entryId);
  const stats = await allStats(turn, entryId);
  return {
    card: turn.deps.cards.statsCard({
      catalogue,
      stats,
      locale: turn.locale,
      ...(entryId !== undefined ? { entryId } : {}),
    }),
    updateThread: false,
  };
};
