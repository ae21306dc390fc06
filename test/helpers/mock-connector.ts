/**
 * A local Bot Connector: the REST endpoints the bot calls to reply (serviceUrl of test activities points here).
 * Records every request; can answer the next N writes with a failure (429 with Retry-After, 503, ...).
 *   POST /v3/conversations/:id/activities              send to the conversation
 *   POST /v3/conversations/:id/activities/:activityId  reply to an activity
 *   PUT  /v3/conversations/:id/activities/:activityId  update (a card updated in place)
 *   DELETE /v3/conversations/:id/activities/:activityId
 *   GET  /v3/conversations/:id/members, /v3/conversations/:id/activities/:activityId/members
 *   POST /v3/conversations                             create a conversation (proactive)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorCallKind = 'send' | 'reply' | 'update' | 'delete' | 'members' | 'create' | 'other';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  /** Parsed JSON body (an Activity for send/reply/update). */
  body: unknown;
  authorization?: string;
  /** Status the mock answered with. */
  status: number;
  at: number;
}

export interface Failure {
  status: number;
  /** Retry-After header value in seconds (omitted when undefined). */
  retryAfterSeconds?: number;
}

export interface MockConnector {
  /** Base URL to use as an activity's serviceUrl (ends with '/'). */
  url: string;
  /** Every request, in arrival order, failures included. */
  calls: ConnectorCall[];
  /** Successful send/reply/update calls only. */
  delivered(kind?: ConnectorCallKind): ConnectorCall[];
  /** Answer the next `count` write requests (POST/PUT to activities) with `failure`. */
  failNext(count: number, failure: Failure): void;
  /** Hold the answer to every write request for `ms` (0: answer at once). */
  setDelay(ms: number): void;
  /** Requests received and not yet answered (held by setDelay). */
  pending(): number;
  /** Resolves when `predicate` holds for the recorded calls (polls); rejects after `timeoutMs`. */
  waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

function route(
  method: string,
  path: string,
): { kind: ConnectorCallKind; conversationId?: string; activityId?: string } {
  const match =
    /^\/v3\/conversations(?:\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?(?:\/(members))?)?)?\/?$/.exec(
      path,
    );
  if (!match) return { kind: 'other' };
  const [, conversation, collection, activity, tail] = match;
  const conversationId = conversation ? decodeURIComponent(conversation) : undefined;
  const activityId = activity ? decodeURIComponent(activity) : undefined;
  const ids = { ...(conversationId && { conversationId }), ...(activityId && { activityId }) };
  if (!conversation) return { kind: method === 'POST' ? 'create' : 'other' };
  if (collection === 'members' || tail === 'members') return { kind: 'members', ...ids };
  if (collection !== 'activities') return { kind: 'other', ...ids };
  if (method === 'POST') return { kind: activity ? 'reply' : 'send', ...ids };
  if (method === 'PUT' && activity) return { kind: 'update', ...ids };
  if (method === 'DELETE' && activity) return { kind: 'delete', ...ids };
  return { kind: 'other', ...ids };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // not JSON: record the raw text so the test can see what was sent
  }
}

export async function startMockConnector(): Promise<MockConnector> {
  const calls: ConnectorCall[] = [];
  const failures: Failure[] = [];
  let nextId = 1;
  let delayMs = 0;
  let pending = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const body = await readBody(request);
    const routed = route(method, path);
    const isWrite = routed.kind === 'send' || routed.kind === 'reply' || routed.kind === 'update';
    if (isWrite && delayMs > 0) {
      pending += 1;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      pending -= 1;
    }
    const failure = isWrite ? failures.shift() : undefined;
    const status = failure ? failure.status : routed.kind === 'other' ? 404 : 200;
    const authorization = request.headers.authorization;
    calls.push({
      ...routed,
      method,
      path,
      body,
      status,
      at: Date.now(),
      ...(authorization && { authorization }),
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (failure?.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
    response.writeHead(status, headers);
    if (failure) {
      response.end(
        JSON.stringify({
          error: { code: status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'injected failure' },
        }),
      );
    } else if (routed.kind === 'members') {
      response.end(JSON.stringify([]));
    } else if (routed.kind === 'create') {
      response.end(JSON.stringify({ id: `conversation-${nextId++}` }));
    } else if (routed.kind === 'update') {
      response.end(JSON.stringify({ id: routed.activityId }));
    } else if (routed.kind === 'other') {
      response.end(JSON.stringify({ error: { code: 'NotFound', message: `${method} ${path}` } }));
    } else {
      response.end(JSON.stringify({ id: `activity-${nextId++}` }));
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    delivered: (kind) =>
      calls.filter(
        (call) =>
          call.status < 300 && (kind ? call.kind === kind : ['send', 'reply', 'update'].includes(call.kind)),
      ),
    failNext(count, failure) {
      for (let i = 0; i < count; i += 1) failures.push(failure);
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline)
          throw new Error(
            `mock connector: condition not met within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(', ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    pending: () => pending,
    setDelay(ms) {
      delayMs = ms;
    },
    reset() {
      calls.length = 0;
      failures.length = 0;
      delayMs = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
