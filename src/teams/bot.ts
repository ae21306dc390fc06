/**
 * The Remedy bot: botbuilder glue around the domain. Messages go through a route table (commands, then pastes);
 * card clicks (Universal Actions, `adaptiveCard/action` invokes) through a verb table. Every turn runs inside
 * one error boundary; every inbound activity is claimed once in the ActivityLedger (Teams retries).
 */
import { randomUUID } from 'node:crypto';
import { TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { createCards, uiLang, type Cards, type Verb } from '../cards';
import { isVerb } from './actionPayload';
import type { CardActionHandler } from './cardAction';
import { rejectedAction } from './cardErrors';
import { parseCommand, type Command } from './commands';
import { localeOf, logIdsOf } from './conversation';
import { claimFirstDelivery } from './dedupe';
import { createTurnErrorHandler, type TurnErrorHandler } from './errorBoundary';
import { handleChoose } from './handlers/choose';
import { handleHelp, handleHelpAction } from './handlers/help';
import { handleIgnored } from './handlers/ignored';
import { handlePaste } from './handlers/paste';
import { handleRefresh } from './handlers/refresh';
import { handleSearch } from './handlers/search';
import { handleJump, handleStart } from './handlers/start';
import { handleStats, handleStatsAction } from './handlers/stats';
import { stepActionHandler } from './handlers/stepAction';
import { hashUserId } from './hashing';
import { readMessage, scopeOf } from './inbound';
import { ADAPTIVE_CARD_ACTION, cardInvokeResponse, parseCardActionInvoke } from './invoke';
import { updateCard } from './replies';
import type { BotDeps, Turn } from './turn';

export type { BotDeps, BotMatcher, ConversationRateLimiter } from './turn';

/** A text message after mention removal, with what the routes decide on. */
interface TextMessage {
  text: string;
  /** Personal chat, or the bot was @-mentioned. */
  addressed: boolean;
  truncated: boolean;
  command: Command | undefined;
}

interface MessageRoute {
  name: string;
  matches(message: TextMessage): boolean;
  handle(turn: Turn, message: TextMessage): Promise<void>;
}

/** First match wins; the paste route is the fallback. Commands are answered only when the bot was addressed. */
const MESSAGE_ROUTES: readonly MessageRoute[] = [
  {
    name: 'help',
    matches: (m) => m.addressed && m.command?.name === 'help',
    handle: (turn) => handleHelp(turn),
  },
  {
    name: 'stats',
    matches: (m) => m.addressed && m.command?.name === 'stats',
    handle: (turn, m) => handleStats(turn, m.command?.argument ?? ''),
  },
  {
    name: 'search',
    matches: (m) => m.addressed && m.command?.name === 'search',
    handle: (turn, m) => handleSearch(turn, m.command?.argument ?? ''),
  },
  {
    name: 'paste',
    matches: () => true,
    handle: (turn, m) => handlePaste(turn, { text: m.text, addressed: m.addressed, truncated: m.truncated }),
  },
];

/** Card verbs (src/cards/actions.ts defines each verb's payload schema) → handler. */
const CARD_ACTION_ROUTES: Readonly<Record<Verb, CardActionHandler>> = {
  start: handleStart,
  jump: handleJump,
  choose: handleChoose,
  next: stepActionHandler('next'),
  back: stepActionHandler('back'),
  fixed: stepActionHandler('fixed'),
  escalate: stepActionHandler('escalate'),
  refresh: handleRefresh,
  stats: handleStatsAction,
  help: handleHelpAction,
};

export class RemedyBot extends TeamsActivityHandler {
  /** The error boundary; the server may also install it as `adapter.onTurnError` for middleware errors. */
  readonly onTurnError: TurnErrorHandler;

  /** Card builders with their templates compiled once for the bot's lifetime. */
  private readonly cards: Cards;

  constructor(private readonly deps: BotDeps) {
    super();
    this.cards = deps.cards ?? createCards();
    this.onTurnError = createTurnErrorHandler(deps.logger, this.cards);
  }

  override async run(context: TurnContext): Promise<void> {
    try {
      await super.run(context);
    } catch (error) {
      await this.onTurnError(context, error);
    }
  }

  private turnOf(context: TurnContext): Turn {
    const activity = context.activity;
    const locale = localeOf(activity);
    const user: Turn['user'] = { hash: hashUserId(this.deps.userHashSalt, activity.from?.id ?? 'unknown') };
    if (activity.from?.name) user.name = activity.from.name;
    return {
      context,
      deps: { ...this.deps, cards: this.cards, newId: this.deps.newId ?? randomUUID },
      locale,
      lang: uiLang(locale),
      user,
      log: this.deps.logger.child(logIdsOf(activity)),
    };
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const turn = this.turnOf(context);
    const message = readMessage(context.activity);
    if (message.kind === 'ignore' && (message.reason === 'from-bot' || message.reason === 'no-text')) {
      await handleIgnored(turn, message);
      return;
    }
    if (!(await claimFirstDelivery(context.activity, this.deps))) return;
    if (message.kind === 'ignore') {
      await handleIgnored(turn, message);
      return;
    }
    const text: TextMessage = {
      text: message.text,
      addressed: message.scope === 'personal' || message.mentioned,
      truncated: message.truncated,
      command: parseCommand(message.text),
    };
    const route = MESSAGE_ROUTES.find((r) => r.matches(text));
    turn.log.debug(
      { event: 'message_routed', route: route?.name, scope: message.scope, mentioned: message.mentioned },
      'message routed',
    );
    await route?.handle(turn, text);
  }

  /** Installed in a personal chat: introduce the bot once (in teams and group chats it waits to be asked). */
  protected override async onInstallationUpdateAddActivity(context: TurnContext): Promise<void> {
    const turn = this.turnOf(context);
    if (scopeOf(context.activity) !== 'personal') return;
    if (!(await claimFirstDelivery(context.activity, this.deps))) return;
    turn.log.info({ event: 'installed_personal' }, 'installed in a personal chat; sending help');
    await handleHelp(turn);
  }

  /** Edits and deletions do not re-run a match: the answer to the original paste stays in the thread. */
  protected override async onMessageUpdateActivity(context: TurnContext): Promise<void> {
    this.deps.logger.debug(
      { event: 'message_update_ignored', ...logIdsOf(context.activity) },
      'edited message ignored',
    );
  }

  protected override async onMessageDeleteActivity(context: TurnContext): Promise<void> {
    this.deps.logger.debug(
      { event: 'message_delete_ignored', ...logIdsOf(context.activity) },
      'deleted message ignored',
    );
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== ADAPTIVE_CARD_ACTION) return super.onInvokeActivity(context);
    return this.onCardAction(context);
  }

  private async onCardAction(context: TurnContext): Promise<InvokeResponse> {
    const turn = this.turnOf(context);
    const invoke = parseCardActionInvoke(context.activity.value);
    if (!invoke.ok)
      return cardInvokeResponse(
        rejectedAction(
          turn,
          'ACTION_INVALID',
          { problem: invoke.problem },
          'invalid adaptiveCard/action value',
        ).card,
      );
    if (!isVerb(invoke.verb)) {
      return cardInvokeResponse(
        rejectedAction(turn, 'ACTION_INVALID', { verb: invoke.verb.slice(0, 64) }, 'unknown card verb').card,
      );
    }
    const handler = CARD_ACTION_ROUTES[invoke.verb];
    const repeated = !(await claimFirstDelivery(context.activity, this.deps));
    const replyToId = context.activity.replyToId;
    const result = await handler(turn, {
      verb: invoke.verb,
      data: invoke.data,
      repeated,
      ...(replyToId ? { replyToId } : {}),
    });
    if (result.updateThread && !repeated) await updateCard(context, replyToId, result.card, turn.log);
    return cardInvokeResponse(result.card);
  }
}

export function createBot(deps: BotDeps): RemedyBot {
  return new RemedyBot(deps);
}
