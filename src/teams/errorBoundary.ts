/**
 * The one error boundary of a turn: the log gets the error code and the activity's ids, the user gets a friendly
 * card (as the invoke response for a card click, as a reply for a message that addressed the bot). A channel
 * message that did not address the bot gets no error reply: nobody asked.
 */
import { randomBytes } from 'node:crypto';
import { INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { isDomainError } from '../core/errors';
import { createCards, uiLang, type Cards } from '../cards';
import { localeOf, logIdsOf } from './conversation';
import { readMessage } from './inbound';
import { cardInvokeResponse } from './cardActions';
import { cardMessage, notice } from './replies';

/** Details worth logging: ids and codes, never whole sessions or texts. */
function loggableDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = value;
  }
  return out;
}

function addressedTheBot(context: TurnContext): boolean {
  const message = readMessage(context.activity);
  return message.scope === 'personal' || message.mentioned;
}

export type TurnErrorHandler = (context: TurnContext, error: unknown) => Promise<void>;

/** Also usable as `adapter.onTurnError` for errors outside the bot (middleware). */
export function createTurnErrorHandler(logger: Logger, cards: Cards = createCards()): TurnErrorHandler {
  return async (context, error) => {
    const activity = context.activity;
    const code = isDomainError(error) ? error.code : 'INTERNAL';
    const reference = randomBytes(4).toString('hex');
    logger.error(
      {
        event: 'turn_error',
        code,
        reference,
        ...logIdsOf(activity),
        ...(isDomainError(error) ? loggableDetails(error.details) : {}),
        err: error,
      },
      'turn failed',
    );
    const locale = localeOf(activity);
    try {
      const card = cards.errorCard({ locale, error, reference });
      if (activity.type === 'invoke') {
        if (!context.turnState.get(INVOKE_RESPONSE_KEY)) {
          await context.sendActivity({ type: 'invokeResponse', value: cardInvokeResponse(card) });
        }
        if (code === 'STORE_UNAVAILABLE')
          await context.sendActivity(notice('storeUnavailable', uiLang(locale)));
      } else if (activity.type === 'message' && addressedTheBot(context)) {
        if (code === 'STORE_UNAVAILABLE')
          await context.sendActivity(notice('storeUnavailable', uiLang(locale)));
        else await context.sendActivity(cardMessage(card));
      }
    } catch (sendError) {
      logger.error(
        { event: 'turn_error_reply_failed', code, reference, ...logIdsOf(activity), err: sendError },
        'could not tell the user about the error',
      );
    }
  };
}
