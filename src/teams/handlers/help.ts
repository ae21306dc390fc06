/** `help` (command, the help button, a bare @-mention): what the bot does and its commands. */
import type { CardActionHandler } from '../cardAction';
import { sendCard } from '../replies';
import type { Turn } from '../turn';

export async function handleHelp(turn: Turn): Promise<void> {
  await sendCard(turn.context, turn.deps.cards.helpCard(turn.locale));
}

/** The help button (no-match and error cards): the help card for whoever clicked; the thread keeps its card. */
export const handleHelpAction: CardActionHandler = async (turn) => ({
  card: turn.deps.cards.helpCard(turn.locale),
  updateThread: false,
});
