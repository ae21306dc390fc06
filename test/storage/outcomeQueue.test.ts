import type { Outcome } from '../../src/core/outcomes/outcome';
import { createOutcomeQueue, type QueuedOutcome } from '../../src/storage/outcomeQueue';
import { captureLogger, makeOutcome } from './fixtures';

class Outage extends Error {
  code = 'ECONNREFUSED';
}

function fakeDatabase() {
  const written: string[] = [];
  let down = true;
  return {
    written,
    setDown: (value: boolean) => (down = value),
    async write({ outcome }: QueuedOutcome) {
      if (outcome.entryId === 'broken') throw new TypeError('invalid outcome');
      if (down) throw new Outage('connect ECONNREFUSED');
      if (!written.includes(outcome.sessionId)) written.push(outcome.sessionId);
    },
  };
}

function queueFor(db: ReturnType<typeof fakeDatabase>, limit = 10) {
  const captured = captureLogger();
  const queue = createOutcomeQueue({
    write: (o) => db.write(o),
    isUnavailable: (e) => e instanceof Outage,
    logger: captured.logger,
    limit,
    retryMs: 60_000,
  });
  return { queue, lines: captured.lines };
}

describe('outcome queue', () => {
  it('keeps records while the database is down and writes them in order when it returns', async () => {
    const db = fakeDatabase();
    const { queue } = queueFor(db);
    for (const id of ['a', 'b', 'c']) queue.enqueue({ outcome: makeOutcome(id) });
    await expect(queue.flush()).resolves.toBe(0);
    expect(queue.size).toBe(3);
    db.setDown(false);
    await expect(queue.flush()).resolves.toBe(3);
    expect(db.written).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
    await queue.close();
  });

  it('queues a session once', async () => {
    const { queue } = queueFor(fakeDatabase());
    queue.enqueue({ outcome: makeOutcome('a') });
    queue.enqueue({ outcome: makeOutcome('a') });
    expect(queue.size).toBe(1);
    expect(queue.has('a')).toBe(true);
    expect(queue.has('b')).toBe(false);
    await queue.close();
  });

  it('drops the oldest record past its bound and logs the whole record', async () => {
    const db = fakeDatabase();
    const { queue, lines } = queueFor(db, 2);
    for (const id of ['a', 'b', 'c', 'd']) queue.enqueue({ outcome: makeOutcome(id) });
    expect(queue.size).toBe(2);
    const dropped = lines.filter((l) => l.event === 'outcome_dropped');
    expect(dropped.map((l) => l.outcome)).toEqual([makeOutcome('a'), makeOutcome('b')]);
    db.setDown(false);
    await queue.flush();
    expect(db.written).toEqual(['c', 'd']);
    await queue.close();
  });

  it('drops (and logs) a record that can never be written without blocking the others', async () => {
    const db = fakeDatabase();
    const { queue, lines } = queueFor(db);
    queue.enqueue({ outcome: makeOutcome('a') });
    queue.enqueue({ outcome: makeOutcome('bad', { entryId: 'broken' }) });
    queue.enqueue({ outcome: makeOutcome('c') });
    db.setDown(false);
    await queue.flush();
    expect(db.written).toEqual(['a', 'c']);
    expect(lines.find((l) => l.event === 'outcome_dropped')).toMatchObject({ reason: 'write_failed' });
    await queue.close();
  });

  it('logs every record still queued when closed with the database down', async () => {
    const { queue, lines } = queueFor(fakeDatabase());
    queue.enqueue({ outcome: makeOutcome('a') });
    queue.enqueue({ outcome: makeOutcome('b') });
    await queue.close();
    expect(queue.size).toBe(0);
    expect(
      lines.filter((l) => l.reason === 'store_closed').map((l) => (l.outcome as Outcome).sessionId),
    ).toEqual(['a', 'b']);
  });

  it('retries on its own after retryMs', async () => {
    jest.useFakeTimers();
    try {
      const db = fakeDatabase();
      const captured = captureLogger();
      const queue = createOutcomeQueue({
        write: (o) => db.write(o),
        isUnavailable: (e) => e instanceof Outage,
        logger: captured.logger,
        limit: 10,
        retryMs: 1000,
      });
      queue.enqueue({ outcome: makeOutcome('a') });
      db.setDown(false);
      await jest.advanceTimersByTimeAsync(1000);
      expect(db.written).toEqual(['a']);
      await queue.close();
    } finally {
      jest.useRealTimers();
    }
  });
});
