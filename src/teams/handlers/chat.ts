/**
 * Conversation manners: `help` (command, the help button, a bare @-mention, installation in a personal chat),
 * small talk ("thanks", "hello", "ok" — a short friendly answer, not a no-match card), and messages with nothing
 * to match, each handled deliberately: the bot's own messages and empty messages are dropped (logged);
 * attachments without text get a hint when someone asked.
 */
import type { CardActionHandler } from '../cardActions';
import type { SmallTalk } from '../commands';
import type { InboundMessage } from '../inbound';
import { notice, sendCard } from '../replies';
import type { Turn } from '../turn';

export async function handleHelp(turn: Turn): Promise<void> {
  await sendCard(turn.context, turn.deps.cards.helpCard(turn.locale));
}

/** The help button (no-match and error cards): the help card for whoever clicked; the thread keeps its card. */
export const handleHelpAction: CardActionHandler<'help'> = async (turn) => ({
  card: turn.deps.cards.helpCard(turn.locale),
  updateThread: false,
});

/** "thanks" / "hello" / "ok": one short line back, in the reader's language. */
export async function handleSmallTalk(turn: Turn, kind: SmallTalk): Promise<void> {
  turn.log.debug({ event: 'small_talk', kind }, 'small talk answered');
  await turn.context.sendActivity(notice(kind, turn.lang));
}

type Ignored = Extract<InboundMessage, { kind: 'ignore' }>;

export async function handleIgnored(turn: Turn, message: Ignored): Promise<void> {
  const addressed = message.scope === 'personal' || message.mentioned;
  turn.log.debug(
    { event: 'message_without_text', reason: message.reason, addressed },
    'message has nothing to match',
  );
  switch (message.reason) {
    case 'from-bot':
      return;
    case 'mention-only':
      await handleHelp(turn);
      return;
    case 'attachments-only':
      if (addressed) await turn.context.sendActivity(notice('attachmentsOnly', turn.lang));
      return;
    case 'no-text':
      // An Action.Submit from an old card arrives as a message with a value and no text.
      if (addressed && turn.context.activity.value !== undefined) {
        await turn.context.sendActivity(notice('outdatedCard', turn.lang));
      }
      return;
  }
}
