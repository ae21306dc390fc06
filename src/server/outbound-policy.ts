/**
 * When and how long to wait before sending again: the retry policy for outbound Bot Connector calls (Teams
 * throttles at about 7 messages/s per thread and 30 requests/s per app per tenant, with 429 and transient
 * 412/502/503/504) and the per-thread pacer. Pure functions and small stateful helpers; no HTTP here.
 */

/** Statuses worth another attempt: throttling and transient gateway/service errors. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 412, 429, 500, 502, 503, 504]);

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** A Retry-After longer than this is not waited for: the request gives up (default 60 s). */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Reads a Retry-After header: delta-seconds ("3", "1.5") or an HTTP date. Undefined when absent or unreadable.
 * Never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/**
 * Delay before attempt `attempt + 1` after attempt `attempt` (1-based) failed: "full jitter" exponential back-off
 * (a random delay between half and all of base·2^(attempt-1), capped at maxDelayMs); after a Retry-After, that
 * delay plus up to half a base delay of jitter — never earlier than the server asked, even above maxDelayMs (the
 * client gives up instead when Retry-After exceeds MAX_RETRY_AFTER_MS).
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  if (retryAfterMs === undefined) return jittered;
  // The server said when: wait that long plus a little jitter, so that throttled senders do not return together.
  return retryAfterMs + Math.round((random() * policy.baseDelayMs) / 2);
}

export interface Pacer {
  /** Resolves when one more message may be sent to `key` (a conversation/thread id) without exceeding the rate. */
  acquire(key: string): Promise<void>;
  /** How many keys are being tracked (idle keys are forgotten). */
  size(): number;
}

export interface PacerOptions {
  /** Messages per rolling second per key. */
  perSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Per-key sliding window: at most `perSecond` sends start in any 1000 ms window for one key; bursts beyond that
 * are queued in order. Keys whose last send is more than a second old are dropped, so memory stays bounded by
 * the number of recently active threads.
 */
export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const windowMs = 1000;
  /** Start times of the recent sends (including reserved future slots), per key. */
  const recent = new Map<string, number[]>();

  function forgetIdle(at: number): void {
    for (const [key, times] of recent) {
      const last = times[times.length - 1];
      if (last === undefined || at - last > windowMs) recent.delete(key);
    }
  }

  return {
    async acquire(key: string): Promise<void> {
      const at = now();
      if (recent.size > 1000) forgetIdle(at);
      const times = (recent.get(key) ?? []).filter((time) => at - time < windowMs);
      // The slot: now, or one window after the send `perSecond` places back (slots are reserved synchronously,
      // so concurrent callers queue behind each other).
      const anchor = times.length >= options.perSecond ? times[times.length - options.perSecond] : undefined;
      const slot = anchor === undefined ? at : Math.max(at, anchor + windowMs);
      times.push(slot);
      recent.set(key, times);
      if (slot > at) await sleep(slot - at);
    },
    size: () => recent.size,
  };
}

/** The conversation id in a Bot Connector URL (`/v3/conversations/{id}/activities[/...]`), decoded; else undefined. */
export function conversationOfUrl(url: string): string | undefined {
  const match = /\/v3\/conversations\/([^/?#]+)\/activities(?:[/?#]|$)/.exec(url);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1]; // a malformed escape: the raw segment still identifies the thread for pacing
  }
}
