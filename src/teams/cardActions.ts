/**
 * Card clicks at the edge: an `adaptiveCard/action` invoke (Universal Actions) is validated here once — the
 * envelope, then the verb and its payload against src/cards/actions.ts — and handed to the verb's handler as a
 * typed value that handlers trust. Also what a handler answers, the invoke response Teams expects
 * (`{ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }`), and the friendly answer
 * to a click that cannot be honoured.
 */
import type { InvokeResponse } from 'botbuilder';
import { z } from 'zod';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  parseAction,
  type ActionPayload,
  type ParsedAction,
  type Verb,
} from '../cards';
import { DomainError, type ErrorCode } from '../core/errors';
import type { Turn } from './turn';
import { describeIssues } from '../core/validation';

export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

const CardActionInvokeSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute', { error: 'action.type: expected "Action.Execute"' }),
    verb: z.unknown(),
    id: z.string().optional(),
    data: z.record(z.string(), z.unknown(), { error: 'action.data: expected an object' }).optional(),
  }),
  /** 'automatic' for a card refresh, 'manual' for a click. */
  trigger: z.enum(['manual', 'automatic']).optional(),
});

/** The invoke value → the verb with its validated payload, or why it is not one (ACTION_INVALID). */
export function readCardAction(value: unknown): ParsedAction | DomainError {
  const parsed = CardActionInvokeSchema.safeParse(value);
  if (!parsed.success) {
    return new DomainError(
      'ACTION_INVALID',
      `invalid adaptiveCard/action value: ${describeIssues(parsed.error, { max: 1 })}`,
    );
  }
  return parseAction(parsed.data.action.verb, parsed.data.action.data ?? {});
}

export type AdaptiveCardJson = Record<string, unknown>;

/** What a card-action handler gets: the verb's payload, already validated. */
export interface CardActionInput<V extends Verb = Verb> {
  verb: V;
  data: ActionPayload<V>;
  /** The card message that was clicked (the invoke's replyToId). */
  replyToId?: string;
  /** True when this invoke id was seen before (a Teams retry): show state, change nothing. */
  repeated: boolean;
}

export interface CardActionResult {
  /** The card the clicker sees (the invoke response). */
  card: AdaptiveCardJson;
  /** Also replace the clicked message so the whole thread sees the new state (false for errors). */
  updateThread: boolean;
}

export type CardActionHandler<V extends Verb = Verb> = (
  turn: Turn,
  input: CardActionInput<V>,
) => Promise<CardActionResult>;

/** One handler per verb; the compiler checks that every verb has one and that it takes that verb's payload. */
export type CardActionRoutes = { readonly [V in Verb]: CardActionHandler<V> };

/** Calls the handler of `action.verb` with its payload. */
export function dispatchCardAction(
  routes: CardActionRoutes,
  turn: Turn,
  action: ParsedAction,
  context: { replyToId?: string; repeated: boolean },
): Promise<CardActionResult> {
  // TypeScript cannot correlate routes[verb] with the payload of the same verb across a union; the mapped
  // type CardActionRoutes guarantees they match.
  const handler = routes[action.verb] as CardActionHandler;
  return handler(turn, { ...context, verb: action.verb, data: action.data });
}

/** The invoke response that shows `card` to whoever clicked. */
export function cardInvokeResponse(card: AdaptiveCardJson): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } };
}

/** The error card for whoever clicked; the thread's card is left as it is. Logged with the code and ids. */
export function rejectedAction(
  turn: Turn,
  code: ErrorCode,
  details: Record<string, unknown>,
  message: string = code,
): CardActionResult {
  turn.log.warn({ event: 'card_action_rejected', code, ...details }, message);
  return {
    card: turn.deps.cards.errorCard({ locale: turn.locale, error: new DomainError(code, message) }),
    updateThread: false,
  };
}

/** A click naming an entry the catalogue does not have (any more). */
export function unknownEntry(turn: Turn, entryId: string): CardActionResult {
  return rejectedAction(
    turn,
    'ENTRY_NOT_FOUND',
    { entryId: entryId.slice(0, 300) },
    'card names no catalogue entry',
  );
}
