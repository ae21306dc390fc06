import {
  conversationOfUrl,
  createPacer,
  parseRetryAfter,
  retryDelayMs,
} from '../../src/server/outbound-policy';

const POLICY = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8000 };

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:02 GMT', now)).toBe(2000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  it('grows exponentially with jitter between half and all of the ceiling, capped', () => {
    expect(retryDelayMs(1, undefined, POLICY, () => 0)).toBe(250);
    expect(retryDelayMs(1, undefined, POLICY, () => 1)).toBe(500);
    expect(retryDelayMs(3, undefined, POLICY, () => 1)).toBe(2000);
    expect(retryDelayMs(10, undefined, POLICY, () => 1)).toBe(8000);
  });
  it('waits at least what Retry-After says, even above the cap, plus a little jitter', () => {
    expect(retryDelayMs(1, 3000, POLICY, () => 0)).toBe(3000);
    expect(retryDelayMs(1, 3000, POLICY, () => 1)).toBe(3250);
    expect(retryDelayMs(1, 20000, POLICY, () => 0)).toBe(20000);
  });
});

describe('createPacer', () => {
  /** A fake clock: sleep advances time instead of waiting. */
  function fakeTime() {
    let now = 0;
    return {
      now: () => now,
      sleep: async (ms: number) => void (now += ms),
      advance: (ms: number) => void (now += ms),
    };
  }

  it('lets a burst of 7 through at once and delays the 8th to the next second in the same thread', async () => {
    const time = fakeTime();
    const pacer = createPacer({ perSecond: 7, now: time.now, sleep: time.sleep });
    const starts: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      await pacer.acquire('thread-a');
      starts.push(time.now());
    }
    expect(starts.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(starts[7]).toBe(1000);
    expect(starts[14]).toBe(2000);
    // In any 1000 ms window, at most 7 sends started.
    for (const start of starts)
      expect(starts.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(7);
  });

  it('paces each thread separately', async () => {
    const time = fakeTime();
    const pacer = createPacer({ perSecond: 2, now: time.now, sleep: time.sleep });
    await pacer.acquire('a');
    await pacer.acquire('a');
    await pacer.acquire('b');
    expect(time.now()).toBe(0);
    await pacer.acquire('a');
    expect(time.now()).toBe(1000);
  });

  it('queues concurrent callers in order instead of letting them all through', async () => {
    const time = fakeTime();
    const waits: number[] = [];
    const pacer = createPacer({ perSecond: 1, now: time.now, sleep: async (ms) => void waits.push(ms) });
    await Promise.all([pacer.acquire('a'), pacer.acquire('a'), pacer.acquire('a')]);
    expect(waits).toEqual([1000, 2000]);
  });
});

describe('conversationOfUrl', () => {
  it('finds the decoded thread id in send, reply and update URLs', () => {
    const id = '19:abc@thread.tacv2;messageid=1234';
    expect(conversationOfUrl(`http://x/v3/conversations/${encodeURIComponent(id)}/activities`)).toBe(id);
    expect(conversationOfUrl(`http://x/v3/conversations/${encodeURIComponent(id)}/activities/99`)).toBe(id);
    expect(conversationOfUrl('http://x/v3/conversations/a/members')).toBeUndefined();
  });
});
