/** What every handler receives: the turn, the bot's dependencies, and who/where/which language, read once. */
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Catalogue } from '../core/catalogue/catalogue';
import type { Lang } from '../core/catalogue/schema';
import type { Matcher } from '../core/matching';
import type { ActivityLedger, Clock, OutcomeLog, SessionStore } from '../core/ports';
import type { Actor } from '../core/remediation/transitions';
import type { Cards } from '../cards';

/** The matcher (src/core/matching): `match(text, { top })` → verdict + ranked results. */
export type BotMatcher = Matcher;

/**
 * turnState key of the request's logger (the server sets it, bound to the HTTP request id): the bot's log lines of
 * that turn carry the request id.
 */
export const TURN_LOGGER_KEY = Symbol.for('remedy.requestLogger');

/** Optional per-conversation limit on matching (a flood of pastes in one channel must not starve others). */
export interface ConversationRateLimiter {
  /** True when this conversation may run one more match now. */
  tryAcquire(conversationKey: string): boolean;
  /** After a refusal: true once per window, so that a flood of refused pastes gets one notice (default: always). */
  noticeDue?(conversationKey: string): boolean;
}

export interface BotDeps {
  catalogue: Catalogue;
  matcher: Matcher;
  sessions: SessionStore;
  outcomes: OutcomeLog;
  ledger: ActivityLedger;
  logger: Logger;
  clock: Clock;
  /** Salt for hashing Teams user ids in sessions and outcome records (config; never logged). */
  userHashSalt: string;
  /** Optional: consulted before matching a paste; a refused paste gets a short "slow down" reply. */
  rateLimiter?: ConversationRateLimiter;
  /** Lease of a turn's claim on its activity (src/teams/dedupe.ts; default 10 s). */
  turnLeaseMs?: number;
  /** How long a Teams retry waits for the original turn still holding the claim (default 30 s). */
  turnWaitMs?: number;
  /** New session ids; defaults to crypto.randomUUID. Injected so that tests are deterministic. */
  newId?: () => string;
  /** Card builders (templates compiled once); defaults to createCards(). */
  cards?: Cards;
}

/** The dependencies as handlers see them: defaults filled in. */
export type TurnDeps = BotDeps & { cards: Cards; newId: () => string };

export interface Turn {
  context: TurnContext;
  deps: TurnDeps;
  /** The client's locale ('ko-KR', ...), and the language that follows from it for UI strings and entries. */
  locale: string;
  lang: Lang;
  /** The user acting in this turn: salted hash of the Teams id + display name (for the resolved card only). */
  user: Actor;
  /** Logger with this turn's ids bound (never text, never names). */
  log: Logger;
}
