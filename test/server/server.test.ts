/** The HTTP edge: health, readiness, body cap, activity validation, turn timeout, drain (local mode). */
import { startHarness, teamsMessage, type Harness } from './harness';

const SERVICE_URL = 'http://127.0.0.1:9/';

describe('createServer', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('answers /healthz while the process runs', async () => {
    harness = await startHarness();
    const response = await fetch(`${harness.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('reports ready when every check passes, and names the failing check otherwise', async () => {
    let storeUp = true;
    harness = await startHarness({
      readiness: [
        { name: 'catalogue', check: () => undefined },
        {
          name: 'store',
          check: async () => {
            if (!storeUp) throw new Error('STORE_UNAVAILABLE: connection refused');
          },
        },
      ],
    });
    const ready = await fetch(`${harness.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { catalogue: 'ok', store: 'ok' } });
    storeUp = false;
    const notReady = await fetch(`${harness.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'not ready',
      checks: { catalogue: 'ok', store: 'STORE_UNAVAILABLE: connection refused' },
    });
  });

  it('runs the bot for a valid activity and returns a request id', async () => {
    harness = await startHarness();
    const response = await harness.post(teamsMessage(SERVICE_URL), { 'x-request-id': 'req-42' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(harness.turns).toHaveLength(1);
    expect(harness.log.lines.find((line) => line.msg === 'POST /api/messages')).toMatchObject({
      reqId: 'req-42',
      status: 200,
      activityType: 'message',
    });
  });

  it('refuses a body above the cap with 413 and never runs the bot', async () => {
    harness = await startHarness({ config: { limits: { maxBodyBytes: 2048 } } });
    const response = await harness.post(teamsMessage(SERVICE_URL, { text: 'x'.repeat(5000) }));
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: expect.stringMatching(/body: expected at most 2048 bytes/) });
    // Without a Content-Length (chunked): cut off while streaming.
    const chunked = await fetch(`${harness.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([JSON.stringify(teamsMessage(SERVICE_URL, { text: 'y'.repeat(5000) }))]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(harness.turns).toHaveLength(0);
  });

  it('rejects what is not a JSON activity, naming the field', async () => {
    harness = await startHarness();
    expect((await harness.post('not json')).status).toBe(400);
    expect((await harness.post('{}', { 'content-type': 'text/plain' })).status).toBe(415);
    const missing = await harness.post({
      type: 'message',
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      conversation: {},
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      error: 'invalid activity',
      issues: ['activity.conversation.id: expected a non-empty conversation id'],
    });
    const badUrl = await harness.post(teamsMessage('file:///etc/passwd'));
    expect(badUrl.body).toEqual({
      error: 'invalid activity',
      issues: [expect.stringMatching(/^activity.serviceUrl: expected the http\(s\) URL/)],
    });
    expect(harness.turns).toHaveLength(0);
  });

  it('returns the invoke response of an invoke activity', async () => {
    harness = await startHarness({
      onTurn: async (context) => {
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: {
              statusCode: 200,
              type: 'application/vnd.microsoft.card.adaptive',
              value: { type: 'AdaptiveCard' },
            },
          },
        });
      },
    });
    const response = await harness.post(
      teamsMessage(SERVICE_URL, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        value: { action: { type: 'Action.Execute', verb: 'x' } },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard' },
    });
  });

  it('answers 503 when a turn outlives the turn timeout, and lets the turn finish', async () => {
    let finished = false;
    harness = await startHarness({
      config: { limits: { turnTimeoutMs: 200 } },
      onTurn: async () => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        finished = true;
      },
    });
    const response = await harness.post(teamsMessage(SERVICE_URL));
    expect(response.status).toBe(503);
    expect(harness.server.inFlight()).toBe(1);
    await expect(harness.server.drain(5000)).resolves.toBe(true);
    expect(finished).toBe(true);
  });

  it('while draining, finishes running turns but refuses new ones and reports not ready', async () => {
    let release: () => void = () => undefined;
    harness = await startHarness({ onTurn: () => new Promise<void>((resolve) => (release = resolve)) });
    const running = harness.post(teamsMessage(SERVICE_URL));
    while (harness.server.inFlight() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const drained = harness.server.drain(5000);
    const refused = await harness.post(teamsMessage(SERVICE_URL));
    expect(refused.status).toBe(503);
    expect((await fetch(`${harness.url}/readyz`)).status).toBe(503);
    release();
    expect((await running).status).toBe(200);
    await expect(drained).resolves.toBe(true);
    expect(harness.turns).toHaveLength(1);
  });

  it('never logs the pasted text or the authorization header', async () => {
    harness = await startHarness();
    await harness.post(teamsMessage(SERVICE_URL, { text: 'secret paste VM-SECRET-NAME-123' }), {
      authorization: 'Bearer abc.def.ghi',
    });
    expect(harness.log.raw()).not.toContain('VM-SECRET-NAME-123');
    expect(harness.log.raw()).not.toContain('abc.def.ghi');
    expect(harness.log.lines.find((line) => line.msg === 'POST /api/messages')).toMatchObject({
      textLength: 31,
    });
  });
});
