/**
 * Safe defaults at the HTTP edge: /readyz details only for this machine, local mode replies only to loopback
 * service URLs, an object `locale` still gets its turn, an invoke the bot does not handle is an ordinary 200.
 */
import { networkInterfaces } from 'node:os';
import type { Activity } from 'botbuilder';
import { createAdapter } from '../../src/server/adapter';
import { captureLogger } from './log-capture';
import { OUTBOUND, startHarness, teamsMessage, type Harness } from './harness';

const LOOPBACK_SERVICE = 'http://127.0.0.1:9/';

/** An IPv4 address of this machine that is not loopback (requests to it arrive from a non-loopback address). */
function externalAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((candidate) => candidate && candidate.family === 'IPv4' && !candidate.internal)?.address;
  if (!address) throw new Error('this test needs a non-loopback IPv4 interface');
  return address;
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('/readyz', () => {
  const failingStore = [
    {
      name: 'store',
      check: () => {
        throw new Error('connect ECONNREFUSED db.internal.example:5432');
      },
    },
  ];

  it('tells a remote caller only ok / not ok, and this machine which check failed and why', async () => {
    harness = await startHarness({ host: '0.0.0.0', readiness: failingStore });
    const remote = await fetch(`http://${externalAddress()}:${harness.port}/readyz`);
    expect(remote.status).toBe(503);
    const remoteText = await remote.text();
    expect(JSON.parse(remoteText)).toEqual({ status: 'not ready' });
    expect(remoteText).not.toMatch(/db\.internal|5432|ECONNREFUSED|store/);

    const local = await fetch(`${harness.url}/readyz`);
    expect(local.status).toBe(503);
    expect(await local.json()).toEqual({
      status: 'not ready',
      checks: { store: 'connect ECONNREFUSED db.internal.example:5432' },
    });
  });

  it('says ready to a remote caller without listing the checks', async () => {
    harness = await startHarness({ host: '0.0.0.0', readiness: [{ name: 'store', check: () => undefined }] });
    const remote = await fetch(`http://${externalAddress()}:${harness.port}/readyz`);
    expect(remote.status).toBe(200);
    expect(await remote.json()).toEqual({ status: 'ready' });
  });
});

describe('local mode', () => {
  it('refuses an activity whose serviceUrl is not loopback (403, logged), and runs no turn', async () => {
    harness = await startHarness();
    const response = await harness.post(teamsMessage('https://attacker.example.com/hook/'));
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ error: expect.stringMatching(/local mode replies only to loopback/) });
    expect(harness.turns).toHaveLength(0);
    expect(harness.log.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        status: 403,
        reason: 'serviceUrl is not loopback in local mode',
        serviceUrlHost: 'attacker.example.com',
      }),
    );
  });

  it.each(['http://localhost:56150/_connector', 'http://127.0.0.1:9/', 'http://[::1]:9/'])(
    'accepts the loopback serviceUrl %s',
    async (serviceUrl) => {
      harness = await startHarness();
      expect((await harness.post(teamsMessage(serviceUrl))).status).toBe(200);
      expect(harness.turns).toHaveLength(1);
    },
  );
});

describe('local mode adapter', () => {
  it('refuses to create a reply client for a non-loopback service URL, whatever path the reply takes', async () => {
    const adapter = createAdapter({
      config: { mode: 'local', outbound: OUTBOUND },
      logger: captureLogger().logger,
    });
    const activity = teamsMessage('https://attacker.example.com/') as unknown as Activity;
    await expect(
      adapter.runTurn('', activity, async (context) => void (await context.sendActivity('hi'))),
    ).rejects.toThrow(/local mode replies only to loopback service URLs/);
  });
});

describe('activity normalisation', () => {
  it('drops an object locale and still runs the turn, noting it in the log', async () => {
    harness = await startHarness();
    const response = await harness.post(teamsMessage(LOOPBACK_SERVICE, { locale: { tag: 'en-US' } }));
    expect(response.status).toBe(200);
    expect(harness.turns).toHaveLength(1);
    expect(harness.turns[0]?.locale).toBeUndefined();
    expect(harness.log.lines).toContainEqual(
      expect.objectContaining({ normalised: ['locale: dropped (expected a string, got object)'] }),
    );
  });

  it('keeps a string locale', async () => {
    harness = await startHarness();
    await harness.post(teamsMessage(LOOPBACK_SERVICE, { locale: 'ko-KR' }));
    expect(harness.turns[0]?.locale).toBe('ko-KR');
  });
});

describe('invokes the bot does not handle', () => {
  it('are answered 200 and logged at info, not 501 and error', async () => {
    harness = await startHarness(); // the stand-in bot sets no invoke response: botbuilder would answer 501
    const response = await harness.post(
      teamsMessage(LOOPBACK_SERVICE, {
        type: 'invoke',
        name: 'application/unknownThing',
        text: undefined,
        value: {},
      }),
    );
    expect(response.status).toBe(200);
    expect(harness.log.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(harness.log.lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        status: 200,
        reason: 'invoke not handled by the bot',
        activityName: 'application/unknownThing',
      }),
    );
  });
});
