/**
 * A reply the Bot Connector refuses (500 on every attempt) releases the turn's claim and fails the HTTP request,
 * so Teams retries — and the retry of the same activity gets the answer, once (issue 12: before, the retry was
 * dropped as a duplicate and the paste was never answered). And a retry that arrives while the original turn is
 * still backing off waits for it instead of answering a second time — and takes over when the original fails.
 */
import { personalMessage } from '../teams/harness';
import { CODE, liveBot } from './helpers/live-bot';

jest.setTimeout(120_000);

describe('a reply that cannot be delivered', () => {
  const live = liveBot({ idPrefix: 'reply-fails' });
  beforeAll(() =>
    live.open({
      env: { OUTBOUND_MAX_ATTEMPTS: '2', OUTBOUND_BASE_DELAY_MS: '50', OUTBOUND_MAX_DELAY_MS: '100' },
    }),
  );
  afterAll(() => live.close());

  it('fails the request so that Teams retries, and the retry answers once', async () => {
    const paste = personalMessage('reply-fails-1', CODE, { conversationId: 'a:reply-fails' });
    live.connector.failNext(2, { status: 500 });
    const first = await live.post(paste);
    expect(first.status).toBeGreaterThanOrEqual(500);
    expect(live.repliesIn('a:reply-fails')).toHaveLength(0);

    const retry = await live.post(paste);
    expect(retry.status).toBe(200);
    expect(live.repliesIn('a:reply-fails')).toHaveLength(1);
    // And a further retry of the answered paste repeats nothing.
    await live.post(paste);
    await new Promise((r) => setTimeout(r, 300));
    expect(live.repliesIn('a:reply-fails')).toHaveLength(1);
  });

  it('a retry arriving while the original still waits on the connector gets no second reply', async () => {
    const paste = personalMessage('slow-reply-1', CODE, { conversationId: 'a:slow-reply' });
    live.connector.setDelay(1500);
    try {
      const original = live.post(paste);
      await new Promise((r) => setTimeout(r, 300));
      const retry = await live.post(paste);
      expect(retry.status).toBe(200);
      expect((await original).status).toBe(200);
    } finally {
      live.connector.setDelay(0);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(live.repliesIn('a:slow-reply')).toHaveLength(1);
  });

  it('a retry waiting for an original whose reply then fails takes over and answers, once', async () => {
    const paste = personalMessage('takeover-1', CODE, { conversationId: 'a:takeover' });
    live.connector.setDelay(800);
    live.connector.failNext(2, { status: 500 });
    try {
      const original = live.post(paste);
      await new Promise((r) => setTimeout(r, 300));
      // Teams' retry arrives while the original is still trying: it waits, then does the work itself.
      const retry = live.post(paste);
      expect((await original).status).toBeGreaterThanOrEqual(500);
      expect((await retry).status).toBe(200);
    } finally {
      live.connector.setDelay(0);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(live.repliesIn('a:takeover')).toHaveLength(1);
  });
});
