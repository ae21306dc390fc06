/**
 * The Remedy bot: botbuilder glue around the domain. Messages go through a route table (commands, then pastes);
 * card clicks (Universal Actions, `adaptiveCard/action` invokes) through a verb table. Every turn runs inside
 * one error boundary; every inbound activity is claimed once in the ActivityLedger (Teams retries).
 */
import { randomUUID } from 'node:crypto';
import {
  TeamsActivityHandler,
  type InvokeResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { createCards, uiLang, type Cards } from '../cards';
import { isDomainError } from '../core/errors';
import {
  ADAPTIVE_CARD_ACTION,
  cardInvokeResponse,
  dispatchCardAction,
  readCardAction,
  rejectedAction,
  type CardActionRoutes,
} from './cardActions';
import { parseCommand, smallTalkOf, type Command, type SmallTalk } from './commands';
import { localeOf, logIdsOf } from './conversation';
import { claimTurn, isReplyFailure, RetryableTurnError, TURN_CLAIM } from './dedupe';
import { createTurnErrorHandler, type TurnErrorHandler } from './errorBoundary';
import { handleHelp, handleHelpAction, handleIgnored, handleSmallTalk } from './handlers/chat';
import {
  actionAnswer,
  handleChoose,
  handlePaste,
  handleTroubleshootAction,
  TROUBLESHOOT_COMMAND,
} from './handlers/paste';
import { handleSearch, handleSearchExtension, SEARCH_COMMAND } from './handlers/search';
import { handleJump, handleStart } from './handlers/start';
import { handleStats, handleStatsAction } from './handlers/stats';
import { handleRefresh, stepActionHandler } from './handlers/stepAction';
import { hashUserId } from '../privacy';
import { readMessage, scopeOf } from './inbound';
import { notice, updateCard } from './replies';
import { TURN_LOGGER_KEY, type BotDeps, type Turn } from './turn';

export type { BotDeps, BotMatcher, ConversationRateLimiter } from './turn';

/** A text message after mention removal, with what the routes decide on. */
interface TextMessage {
  text: string;
  /** Personal chat, or the bot was @-mentioned. */
  addressed: boolean;
  truncated: boolean;
  command: Command | undefined;
  /** "thanks", "hello", "ok" in a personal chat. */
  smallTalk: SmallTalk | undefined;
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
    name: 'small-talk',
    matches: (m) => m.smallTalk !== undefined,
    handle: (turn, m) => handleSmallTalk(turn, m.smallTalk ?? 'ok'),
  },
  {
    name: 'paste',
    matches: () => true,
    handle: (turn, m) => handlePaste(turn, { text: m.text, addressed: m.addressed, truncated: m.truncated }),
  },
];

/** Card verbs (src/cards/actions.ts defines each verb's payload schema) → handler, typed by verb. */
const CARD_ACTION_ROUTES: CardActionRoutes = {
  start: handleStart,
  jump: handleJump,
  choose: handleChoose,
  next: stepActionHandler('next'),
  back: stepActionHandler('back'),
  fixed: stepActionHandler('fixed'),
  escalate: stepActionHandler('escalate'),
  yes: stepActionHandler('yes'),
  no: stepActionHandler('no'),
  refresh: handleRefresh,
  stats: handleStatsAction,
  help: handleHelpAction,
};

/** Turn state: this invoke repeats an activity already handled (or still in flight): change nothing. */
const REPEATED_TURN = Symbol('remedy.repeatedTurn');

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

  /**
   * Every turn claims its activity first (src/teams/dedupe.ts): a repeat of a handled message does nothing, a
   * repeated card click shows the current state (REPEATED_TURN). The claim is completed when the turn is done
   * (also with an error card), released when the reply could not be delivered: the transport then answers 5xx
   * and Teams' retry does the turn again.
   */
  override async run(context: TurnContext): Promise<void> {
    const claimed = await claimTurn(context.activity, this.deps);
    if (!claimed.first) {
      if (context.activity.type !== 'invoke') return;
      context.turnState.set(REPEATED_TURN, true);
    }
    const claim = claimed.first ? claimed.claim : undefined;
    if (claim) context.turnState.set(TURN_CLAIM, claim);
    try {
      await super.run(context);
    } catch (error) {
      if (isReplyFailure(error)) {
        await claim?.release(error);
        throw new RetryableTurnError(error);
      }
      await this.onTurnError(context, error);
    }
    await claim?.complete();
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
      // The request's logger (with its request id) when the server set one, else the bot's.
      log: ((context.turnState.get(TURN_LOGGER_KEY) as Logger | undefined) ?? this.deps.logger).child(
        logIdsOf(activity),
      ),
    };
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const turn = this.turnOf(context);
    const message = readMessage(context.activity);
    if (message.kind === 'ignore' && (message.reason === 'from-bot' || message.reason === 'no-text')) {
      await handleIgnored(turn, message);
      return;
    }
    if (message.kind === 'ignore') {
      await handleIgnored(turn, message);
      return;
    }
    const text: TextMessage = {
      text: message.text,
      addressed: message.scope === 'personal' || message.mentioned,
      truncated: message.truncated,
      command: parseCommand(message.text),
      // Small talk is answered in a personal chat only: in a channel, "thanks" is for the colleagues.
      smallTalk: message.scope === 'personal' ? smallTalkOf(message.text) : undefined,
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
    const action = readCardAction(context.activity.value);
    if (isDomainError(action))
      return cardInvokeResponse(
        rejectedAction(turn, action.code, { ...action.details }, action.message).card,
      );
    const repeated = context.turnState.get(REPEATED_TURN) === true;
    const replyToId = context.activity.replyToId;
    const result = await dispatchCardAction(CARD_ACTION_ROUTES, turn, action, {
      repeated,
      ...(replyToId ? { replyToId } : {}),
    });
    if (result.updateThread && !repeated) await updateCard(context, replyToId, result.card, turn.log);
    return cardInvokeResponse(result.card);
  }

  /** "Troubleshoot with Remedy" on a message: the answer goes to that message's thread; the dialog closes. */
  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const turn = this.turnOf(context);
    if (action.commandId !== TROUBLESHOOT_COMMAND) {
      turn.log.warn(
        { event: 'unknown_action_command', commandId: String(action.commandId).slice(0, 64) },
        'unknown message action',
      );
      return {};
    }
    // A Teams retry of an action already answered: say so again, answer nothing twice.
    if (context.turnState.get(REPEATED_TURN) === true)
      return actionAnswer(notice('actionAnswered', turn.lang));
    return handleTroubleshootAction(turn, action);
  }

  /** The search message extension: the entries that match what is typed, as cards to insert. */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const turn = this.turnOf(context);
    if (query.commandId !== SEARCH_COMMAND) {
      turn.log.warn(
        { event: 'unknown_search_command', commandId: String(query.commandId).slice(0, 64) },
        'unknown search command',
      );
      return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } };
    }
    return handleSearchExtension(turn, query);
  }
}

export function createBot(deps: BotDeps): RemedyBot {
  return new RemedyBot(deps);
}
