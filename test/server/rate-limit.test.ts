import { createConversationRateLimiter } from '../../src/server/rate-limit';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('createConversationRateLimiter', () => {
  it('lets a burst through, then refuses a flood in that conversation while others go on', () => {
    const time = clock();
    const limiter = createConversationRateLimiter({ perMinute: 30, burst: 5, now: time.now });
    const flood = Array.from({ length: 50 }, () => limiter.tryAcquire('19:busy-channel@thread.tacv2'));
    expect(flood.filter(Boolean)).toHaveLength(5);
    expect(flood.slice(0, 5)).toEqual([true, true, true, true, true]);
    for (let i = 0; i < 5; i += 1) expect(limiter.tryAcquire(`19:quiet-${i}@thread.tacv2`)).toBe(true);
    expect(limiter.tryAcquire('a:personal-chat')).toBe(true);
  });

  it('refills at the per-minute rate', () => {
    const time = clock();
    const limiter = createConversationRateLimiter({ perMinute: 30, burst: 2, now: time.now });
    expect([limiter.tryAcquire('c'), limiter.tryAcquire('c'), limiter.tryAcquire('c')]).toEqual([
      true,
      true,
      false,
    ]);
    time.advance(1999);
    expect(limiter.tryAcquire('c')).toBe(false);
    time.advance(2);
    expect(limiter.tryAcquire('c')).toBe(true);
    expect(limiter.tryAcquire('c')).toBe(false);
  });

  it('keeps memory bounded: full buckets are forgotten and the oldest go first beyond maxKeys', () => {
    const time = clock();
    const limiter = createConversationRateLimiter({ perMinute: 60, burst: 3, maxKeys: 100, now: time.now });
    for (let i = 0; i < 1000; i += 1) limiter.tryAcquire(`conversation-${i}`);
    expect(limiter.size()).toBe(100);
    time.advance(60_000);
    limiter.tryAcquire('conversation-999'); // refilled to full, then one taken
    expect(limiter.size()).toBe(100);
  });

  it('says a notice is due once per refusal window, again after the conversation got a match', () => {
    const time = clock();
    const limiter = createConversationRateLimiter({ perMinute: 30, burst: 1, now: time.now });
    expect(limiter.tryAcquire('c')).toBe(true);
    const refusals = Array.from({ length: 10 }, () => limiter.tryAcquire('c') || limiter.noticeDue('c'));
    expect(refusals.filter(Boolean)).toHaveLength(1);
    time.advance(2000);
    expect(limiter.tryAcquire('c')).toBe(true);
    expect(limiter.tryAcquire('c')).toBe(false);
    expect(limiter.noticeDue('c')).toBe(true);
    expect(limiter.noticeDue('c')).toBe(false);
  });
});
