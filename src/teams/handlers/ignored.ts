/**
 * Messages with nothing to match, each handled deliberately: the bot's own messages and empty messages are
 * dropped (logged); a bare @-mention gets help; attachments without text get a hint when someone asked.
 */
import type { InboundMessage } from '../inbound';
import { notice } from '../notices';
import type { Turn } from '../turn';
import { handleHelp } from './help';

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
