/** Replies reuse their TCP connection (Node's fetch keeps connections alive; the client drains every body). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOutboundHttpClient, type CompatHttpClient } from '../../src/server/outbound-client';
import { createPacer } from '../../src/server/outbound-policy';
import { captureLogger } from './log-capture';

type Request = Parameters<CompatHttpClient['sendRequest']>[0];

function requestTo(url: string): Request {
  const headers = [{ name: 'content-type', value: 'application/json' }];
  return {
    url,
    method: 'POST',
    body: JSON.stringify({ type: 'message', text: 'hi' }),
    headers: { headersArray: () => headers },
  } as unknown as Request;
}

it('sends a burst of replies, retries included, over kept-alive connections (not one per request)', async () => {
  let connections = 0;
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    request.resume();
    request.on('end', () => {
      response.statusCode = requests === 2 ? 503 : 200; // one retried failure: its body must be drained too
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: `r-${requests}` }));
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createOutboundHttpClient({
      policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, attemptTimeoutMs: 2000 },
      pacer: createPacer({ perSecond: 1000 }),
      logger: captureLogger().logger,
    });
    for (let i = 0; i < 10; i += 1) {
      const response = await client.sendRequest(
        requestTo(`${base}/v3/conversations/a%3Achat/activities/x${i}`),
      );
      expect(response.status).toBe(200);
    }
    expect(requests).toBe(11);
    expect(connections).toBeLessThanOrEqual(2); // undici may open a second socket while the first is being released
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
