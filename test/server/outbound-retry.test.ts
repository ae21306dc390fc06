/**
 * The outbound retry policy through the real CloudAdapter and botbuilder's ConnectorClient, against the mock
 * connector: throttling (429 + Retry-After), transient errors, giving up, pacing of one thread.
 */
import type { Activity } from 'botbuilder';
import { createAdapter } from '../../src/server/adapter';
import { startMockConnector, type MockConnector } from '../helpers/mock-connector';
import { captureLogger } from './log-capture';

const OUTBOUND = {
  maxAttempts: 4,
  baseDelayMs: 20,
  maxDelayMs: 100,
  perThreadPerSecond: 7,
  attemptTimeoutMs: 2000,
};

function messageTo(connector: MockConnector, conversationId = 'a:personal-chat-1'): Activity {
  return {
    type: 'message',
    id: `in-${Math.random()}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: conversationId },
    from: { id: '29:user' },
    recipient: { id: '28:bot' },
    text: 'hello',
  } as Activity;
}

describe('outbound replies', () => {
  let connector: MockConnector;
  beforeEach(async () => {
    connector = await startMockConnector();
  });
  afterEach(async () => {
    await connector.close();
  });

  function setup(outbound = OUTBOUND) {
    const log = captureLogger();
    const adapter = createAdapter({ config: { mode: 'local', outbound }, logger: log.logger });
    const reply = (activity: Activity, count = 1) =>
      adapter.runTurn('', activity, async (context) => {
        for (let i = 0; i < count; i += 1) await context.sendActivity(`reply ${i + 1}`);
      });
    return { log, adapter, reply };
  }

  it('retries a 429 after the Retry-After time and delivers the reply once', async () => {
    const { reply, log } = setup();
    connector.failNext(2, { status: 429, retryAfterSeconds: 1 });
    await reply(messageTo(connector));
    const attempts = connector.calls.filter((call) => call.kind === 'reply');
    expect(attempts.map((call) => call.status)).toEqual([429, 429, 200]);
    expect(connector.delivered()).toHaveLength(1);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(log.lines.filter((line) => line.msg === 'outbound request failed: retrying')).toHaveLength(2);
    expect(log.lines.find((line) => line.msg.includes('retrying'))).toMatchObject({
      status: 429,
      retryAfterMs: 1000,
    });
  });

  it('gives up at once when Retry-After is beyond what a turn can wait', async () => {
    const { reply, log } = setup();
    connector.failNext(1, { status: 429, retryAfterSeconds: 3600 });
    await reply(messageTo(connector));
    expect(connector.calls).toHaveLength(1);
    expect(turnErrors(log)).toEqual([expect.stringMatching(/Retry-After 3600000 ms/)]);
  });

  it.each([412, 502, 503, 504])('retries a transient %i with back-off', async (status) => {
    const { reply } = setup();
    connector.failNext(2, { status });
    await reply(messageTo(connector));
    expect(connector.calls.map((call) => call.status)).toEqual([status, status, 200]);
  });

  /** The error the turn ended with, as the adapter's error handler logged it. */
  const turnErrors = (log: ReturnType<typeof captureLogger>) =>
    log.lines
      .filter((line) => line.msg === 'turn failed outside the bot error boundary')
      .map((line) => (line.err as { message: string }).message);

  it('gives up after the bounded attempts with a logged error, without crashing', async () => {
    const { reply, log } = setup();
    connector.failNext(10, { status: 503 });
    await reply(messageTo(connector));
    expect(connector.calls).toHaveLength(4);
    expect(log.lines.filter((line) => line.level === 'error' && line.msg.includes('giving up'))).toEqual([
      expect.objectContaining({ status: 503, attempts: 4, conversationId: 'a:personal-chat-1' }),
    ]);
    expect(turnErrors(log)).toEqual([expect.stringMatching(/HTTP 503 after 4 attempts/)]);
    // The adapter still works for the next turn.
    connector.reset();
    await reply(messageTo(connector));
    expect(connector.delivered()).toHaveLength(1);
  });

  it('does not retry a client error', async () => {
    const { reply, log } = setup();
    connector.failNext(1, { status: 400 });
    await reply(messageTo(connector));
    expect(connector.calls).toHaveLength(1);
    expect(turnErrors(log)).toHaveLength(1);
  });

  it('retries when the connector cannot be reached, then gives up', async () => {
    const { reply, log } = setup({ ...OUTBOUND, maxAttempts: 2 });
    const url = connector.url;
    await connector.close();
    const activity = { ...messageTo(connector), serviceUrl: url } as Activity;
    connector = await startMockConnector();
    await reply(activity);
    expect(turnErrors(log)).toEqual([expect.stringMatching(/ECONNREFUSED after 2 attempts/)]);
    expect(log.lines.filter((line) => line.msg.includes('retrying'))).toEqual([
      expect.objectContaining({ failure: 'ECONNREFUSED', attempt: 1 }),
    ]);
  });

  it('paces a burst to one thread to the per-thread rate, while another thread is not held up', async () => {
    const { reply } = setup({ ...OUTBOUND, perThreadPerSecond: 5 });
    const busy = '19:channel@thread.tacv2;messageid=1';
    await Promise.all([reply(messageTo(connector, busy), 12), reply(messageTo(connector, 'a:other'), 1)]);
    const busyTimes = connector.calls.filter((call) => call.conversationId === busy).map((call) => call.at);
    expect(busyTimes).toHaveLength(12);
    // 5 per second: 12 messages need three windows (arrival times carry a few ms of network jitter, hence 950 ms).
    for (const start of busyTimes)
      expect(busyTimes.filter((t) => t >= start && t < start + 950).length).toBeLessThanOrEqual(5);
    expect((busyTimes[11] ?? 0) - (busyTimes[0] ?? 0)).toBeGreaterThanOrEqual(1900);
    const other = connector.calls.find((call) => call.conversationId === 'a:other');
    expect(other?.at).toBeLessThan(busyTimes[busyTimes.length - 1] ?? 0);
  });
});
