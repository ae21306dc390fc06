/**
 * Per-conversation rate limit for matching: a token bucket per conversation key (the bot passes the channel or
 * chat id, thread suffix removed), so a flood of pastes in one channel uses up that channel's bucket only and
 * every other conversation keeps its own. Implements the bot's ConversationRateLimiter (`tryAcquire`); main
 * passes it to createBot. Memory is bounded: full buckets are forgotten, and an LRU cache (lru-cache) keeps at most
 * `maxKeys` conversations.
 */
import { LRUCache } from 'lru-cache';
import type { ConversationRateLimiter as BotRateLimiter } from '../teams/turn';

export interface RateLimitOptions {
  /** Sustained matches per minute per conversation. */
  perMinute: number;
  /** Matches a conversation may run back to back (bucket size). */
  burst: number;
  /** Most conversations tracked at once; beyond it the least recently used bucket is dropped. */
  maxKeys?: number;
  now?: () => number;
}

/** The bot's port (src/teams/turn.ts: `tryAcquire`), with what tests and operations read besides. */
export interface ConversationRateLimiter extends BotRateLimiter {
  /**
   * After a refusal: true the first time since the conversation last got a match, so that a flood of refused
   * pastes gets one "slow down" notice, not one each.
   */
  noticeDue(conversationKey: string): boolean;
  /** Conversations currently tracked. */
  size(): number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** A refusal notice was given since the last match. */
  noticed?: boolean;
}

export function createConversationRateLimiter(options: RateLimitOptions): ConversationRateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10000;
  const refillPerMs = options.perMinute / 60000;
  const buckets = new LRUCache<string, Bucket>({ max: maxKeys });

  function current(key: string, at: number): Bucket {
    const bucket = buckets.get(key);
    if (!bucket) return { tokens: options.burst, updatedAt: at };
    const tokens = Math.min(options.burst, bucket.tokens + (at - bucket.updatedAt) * refillPerMs);
    return { tokens, updatedAt: at, ...(bucket.noticed && { noticed: true }) };
  }

  function store(key: string, bucket: Bucket): void {
    if (bucket.tokens >= options.burst)
      buckets.delete(key); // a full bucket is the same as no bucket
    else buckets.set(key, bucket); // most recently used; the least recently used goes beyond maxKeys
  }

  return {
    tryAcquire(conversationKey: string): boolean {
      const at = now();
      const bucket = current(conversationKey, at);
      if (bucket.tokens < 1) {
        store(conversationKey, bucket);
        return false;
      }
      store(conversationKey, { tokens: bucket.tokens - 1, updatedAt: at });
      return true;
    },
    noticeDue(conversationKey: string): boolean {
      const bucket = buckets.get(conversationKey);
      if (!bucket || bucket.noticed) return false;
      bucket.noticed = true;
      return true;
    },
    size: () => buckets.size,
  };
}
