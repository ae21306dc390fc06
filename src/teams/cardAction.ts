/** What a card-action handler gets and gives back. */
import type { AdaptiveCardJson } from './invoke';
import type { Turn } from './turn';

export interface CardActionInput {
  verb: string;
  /** Untrusted `action.data`; each handler validates it with the verb's schema. */
  data: Record<string, unknown>;
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

export type CardActionHandler = (turn: Turn, input: CardActionInput) => Promise<CardActionResult>;
