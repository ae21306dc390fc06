/**
 * A reply the Bot Connector refuses (500 on every attempt) releases the turn's claim and fails the HTTP request,
 * so Teams retries — and the retry of the same activity gets the answer, once (issue 12: before, the retry was
 * dropped as a duplicate and the paste was never answered). And a retry that arrives while the original turn is
 * still backing off waits for it instead of answering a second time — and takes over when the original fails.
 */
import { startMockConnector, type MockConnector } from '../helpers/mock-connector';
import {
  postActivity,
  startBotInstance,
  stopBotInstance,
  type BotInstance,
} from '../storage/helpers/botInstance';
import { personalMessage } from '../teams/harness';

jest.setTimeout(120_000);

const CODE = 'UserErrorGuestAgentStatusUnavailable';

describe('a reply that cannot be delivered', () => {
  let connector: MockConnector;
  let bot: BotInstance;

  beforeAll(async () => {
    connector = await startMockConnector();
    bot = await startBotInstance(undefined, {
      env: { OUTBOUND_MAX_ATTEMPTS: '2', OUTBOUND_BASE_DELAY_MS: '50', OUTBOUND_MAX_DELAY_MS: '100' },
    });
  });
  afterAll(async () => {
    if (bot) await stopBotInstance(bot);
    await connector?.close();
  });

  const delivered = (conversationId: string) =>
    connector
      .delivered()
      .filter((c) => (c.kind === 'reply' || c.kind === 'send') && c.conversationId === conversationId);
  const inConversation = (id: string, conversationId: string) => {
    const activity = personalMessage(id, CODE);
    return { ...activity, conversation: { ...activity.conversation, id: conversationId } };
  };

  it('fails the request so that Teams retries, and the retry answers once', async () => {
    const paste = inConversation('reply-fails-1', 'a:reply-fails');
    connector.failNext(2, { status: 500 });
    const first = await postActivity(bot, paste, connector.url);
    expect(first.status).toBeGreaterThanOrEqual(500);
    expect(delivered('a:reply-fails')).toHaveLength(0);

    const retry = await postActivity(bot, paste, connector.url);
    expect(retry.status).toBe(200);
    expect(delivered('a:reply-fails')).toHaveLength(1);
    // And a further retry of the answered paste repeats nothing.
    await postActivity(bot, paste, connector.url);
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered('a:reply-fails')).toHaveLength(1);
  });

  it('a retry arriving while the original still waits on the connector gets no second reply', async () => {
    const paste = inConversation('slow-reply-1', 'a:slow-reply');
    connector.setDelay(1500);
    try {
      const original = postActivity(bot, paste, connector.url);
      await new Promise((r) => setTimeout(r, 300));
      const retry = await postActivity(bot, paste, connector.url);
      expect(retry.status).toBe(200);
      expect((await original).status).toBe(200);
    } finally {
      connector.setDelay(0);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered('a:slow-reply')).toHaveLength(1);
  });

  it('a retry waiting for an original whose reply then fails takes over and answers, once', async () => {
    const paste = inConversation('takeover-1', 'a:takeover');
    connector.setDelay(800);
    connector.failNext(2, { status: 500 });
    try {
      const original = postActivity(bot, paste, connector.url);
      await new Promise((r) => setTimeout(r, 300));
      // Teams' retry arrives while the original is still trying: it waits, then does the work itself.
      const retry = postActivity(bot, paste, connector.url);
      expect((await original).status).toBeGreaterThanOrEqual(500);
      expect((await retry).status).toBe(200);
    } finally {
      connector.setDelay(0);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered('a:takeover')).toHaveLength(1);
  });
});
