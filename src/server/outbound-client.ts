/**
 * The HTTP client botbuilder's ConnectorClient sends replies through (ConnectorClientOptions.httpClient, passed to
 * ConfigurationBotFrameworkAuthentication). The SDK's pipeline (@azure/core-client) has retry policies of its own
 * (defaultRetryPolicy: throttling with Retry-After, exponential back-off) — but it only ever sees the final answer
 * of this client, which returns no retryable status. What this client adds over it:
 * - Retry-After honoured on 429 (and given up on when it is further away than MAX_RETRY_AFTER_MS), transient
 *   408/412/5xx and network errors retried with full-jitter back-off, at most OUTBOUND_MAX_ATTEMPTS, each attempt
 *   limited to OUTBOUND_TIMEOUT_MS;
 * - pacing of bursts to one conversation thread (OUTBOUND_PER_THREAD_PER_SECOND, Teams allows ~7 messages/s);
 * - one warn line per retry and one error line when it gives up (an OutboundGaveUpError: the turn fails for that
 *   reply, the process stays up).
 * Requests are sent with Node's fetch, whose connection pool keeps connections alive (every response body is read
 * or drained, so sockets go back to the pool; test/server/outbound-keepalive.test.ts). The SDK's pipeline (auth
 * header, serialisation) runs before this client, so a retry resends the same signed request.
 */
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from 'pino';
import {
  conversationOfUrl,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  retryDelayMs,
  type Pacer,
  type RetryPolicy,
} from './outbound-policy';

type ConnectorClientOptions = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]
>;
/** The SDK's HttpClient shape (RequestPolicy of @azure/core-http-compat), derived so no internal package is imported. */
export type CompatHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type WebResourceLike = Parameters<CompatHttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<CompatHttpClient['sendRequest']>>;
type HttpHeadersLike = CompatResponse['headers'];

export class OutboundGaveUpError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'OutboundGaveUpError';
  }
}

export interface OutboundClientOptions {
  policy: RetryPolicy & { attemptTimeoutMs: number };
  pacer: Pacer;
  logger: Logger;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

/** A case-insensitive header map with the surface the SDK's compat layer calls. */
class CompatHeaders implements HttpHeadersLike {
  private readonly map = new Map<string, { name: string; value: string }>();
  constructor(entries: Iterable<[string, string]> = []) {
    for (const [name, value] of entries) this.set(name, value);
  }
  set(name: string, value: string | number): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.map.delete(name.toLowerCase());
  }
  rawHeaders(): Record<string, string> {
    return this.toJson();
  }
  headersArray(): Array<{ name: string; value: string }> {
    return [...this.map.values()];
  }
  headerNames(): string[] {
    return [...this.map.values()].map((header) => header.name);
  }
  headerValues(): string[] {
    return [...this.map.values()].map((header) => header.value);
  }
  toJson(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const json: Record<string, string> = {};
    for (const [key, header] of this.map) json[options.preserveCase ? header.name : key] = header.value;
    return json;
  }
  toString(): string {
    return JSON.stringify(this.toJson({ preserveCase: true }));
  }
  clone(): CompatHeaders {
    return new CompatHeaders(this.headersArray().map((header) => [header.name, header.value]));
  }
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests that post or change a message in a thread are paced; reads are not. */
function isMessageWrite(method: string, url: string): string | undefined {
  if (method !== 'POST' && method !== 'PUT') return undefined;
  return conversationOfUrl(url);
}

function bodyOf(request: WebResourceLike): string | undefined {
  const body: unknown = request.body;
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown';
}

export function createOutboundHttpClient(options: OutboundClientOptions): CompatHttpClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const { policy, pacer, logger } = options;

  async function attempt(request: WebResourceLike, body: string | undefined): Promise<Response> {
    const headers = new globalThis.Headers();
    for (const header of request.headers.headersArray()) headers.set(header.name, header.value);
    const signals = [AbortSignal.timeout(policy.attemptTimeoutMs)];
    if (request.abortSignal) signals.push(request.abortSignal as AbortSignal);
    return doFetch(request.url, { method: request.method, headers, body, signal: AbortSignal.any(signals) });
  }

  return {
    async sendRequest(request: WebResourceLike): Promise<CompatResponse> {
      const method = request.method.toUpperCase();
      const thread = isMessageWrite(method, request.url);
      const body = bodyOf(request);
      const target = { method, conversationId: thread, path: new URL(request.url).pathname };
      for (let attemptNo = 1; ; attemptNo += 1) {
        if (thread !== undefined) await pacer.acquire(thread);
        let status: number | undefined;
        let retryAfterMs: number | undefined;
        let failure: string;
        try {
          const response = await attempt(request, body);
          status = response.status;
          if (!RETRYABLE_STATUSES.has(status)) {
            const responseHeaders = new CompatHeaders();
            response.headers.forEach((value, name) => responseHeaders.set(name, value));
            return {
              request,
              status,
              headers: responseHeaders,
              bodyAsText: await response.text(),
            } as CompatResponse;
          }
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
          failure = `HTTP ${status}`;
          await response.arrayBuffer(); // drain the body so the connection can be reused
        } catch (error) {
          if (request.abortSignal?.aborted) throw error; // the SDK cancelled: not ours to retry
          failure = errorCode(error);
        }
        if (attemptNo >= policy.maxAttempts) {
          logger.error(
            { ...target, status, attempts: attemptNo, failure },
            'outbound request failed: giving up after the last attempt',
          );
          throw new OutboundGaveUpError(
            `${method} ${target.path}: ${failure} after ${attemptNo} attempts`,
            attemptNo,
            status,
          );
        }
        if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
          logger.error(
            { ...target, status, attempts: attemptNo, failure, retryAfterMs },
            'outbound request failed: giving up, Retry-After is too far away',
          );
          throw new OutboundGaveUpError(
            `${method} ${target.path}: ${failure}, Retry-After ${retryAfterMs} ms`,
            attemptNo,
            status,
          );
        }
        const delayMs = retryDelayMs(attemptNo, retryAfterMs, policy, random);
        logger.warn(
          { ...target, status, attempt: attemptNo, failure, retryAfterMs, delayMs },
          'outbound request failed: retrying',
        );
        await sleep(delayMs);
      }
    },
  };
}
