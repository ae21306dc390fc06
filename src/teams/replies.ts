/** Sending and updating Adaptive Card messages. A reply uses the turn's conversation id, so it stays in the thread. */
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AdaptiveCardJson } from './invoke';

export function cardMessage(card: AdaptiveCardJson): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

/** Sends a card as a reply in the current conversation (thread); resolves to the new message's id. */
export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  const response = await context.sendActivity(cardMessage(card));
  return response?.id;
}

/**
 * Replaces the card message `activityId` (the invoke's replyToId) so that everyone in the thread sees the
 * current state; the invoke response alone updates the card only for whoever clicked. A failed update is
 * logged, not thrown: the clicker already gets the card in the invoke response.
 */
export async function updateCard(
  context: TurnContext,
  activityId: string | undefined,
  card: AdaptiveCardJson,
  log: Logger,
): Promise<boolean> {
  if (!activityId) {
    log.debug(
      { event: 'card_update_skipped' },
      'invoke has no replyToId; only the clicker sees the new card',
    );
    return false;
  }
  try {
    await context.updateActivity({
      ...cardMessage(card),
      id: activityId,
      conversation: context.activity.conversation,
    });
    return true;
  } catch (error) {
    log.warn(
      { event: 'card_update_failed', err: error, cardActivityId: activityId },
      'could not update the card message for the thread',
    );
    return false;
  }
}
