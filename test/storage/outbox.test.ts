/** The durable local outbox (src/storage/outbox.ts): on disk before "saved", written in order, nothing dropped. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openOutbox, OUTBOX_FILE_NAME, type OutboxItem } from '../../src/storage/outbox';
import { captureLogger, makeOutcome, makeSession, resolve, silentLogger } from './fixtures';

const outage = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
const isUnavailable = (error: unknown) => (error as { code?: string }).code === 'ECONNREFUSED';

describe('outbox', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-outbox-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const file = () => path.join(dataDir, OUTBOX_FILE_NAME);

  it('is on disk as soon as add returns, survives a new process, and is written in order exactly once', async () => {
    const first = openOutbox({
      dataDir,
      logger: silentLogger,
      write: async () => Promise.reject(outage),
      isUnavailable,
      retryMs: 60_000,
    });
    const { session, outcome } = resolve(makeSession('s1'));
    first.add(outcome, session);
    first.add(makeOutcome('s2'));
    first.add(makeOutcome('s2', { outcome: 'escalated' })); // the same session again: kept once
    expect(fs.readFileSync(file(), 'utf8').trimEnd().split('\n')).toHaveLength(2);
    await expect(first.flush()).resolves.toBe(0);
    await first.close();

    // "Killed": a new process opens the same DATA_DIR.
    const written: OutboxItem[] = [];
    const second = openOutbox({
      dataDir,
      logger: silentLogger,
      write: async (item) => void written.push(item),
      isUnavailable,
      retryMs: 60_000,
    });
    expect(second.size).toBe(2);
    expect(second.has('s1')).toBe(true);
    await expect(second.flush()).resolves.toBe(2);
    expect(written.map((w) => [w.outcome.sessionId, w.session?.version])).toEqual([
      ['s1', 2],
      ['s2', undefined],
    ]);
    expect(fs.existsSync(file())).toBe(false);
    await expect(second.flush()).resolves.toBe(0);
    await second.close();
  });

  it('skips a line torn by a crash, logging it, and keeps the others', async () => {
    const good = JSON.stringify({ outcome: makeOutcome('s1'), queuedAt: new Date().toISOString() });
    const invalid = JSON.stringify({ outcome: { sessionId: 'x' }, queuedAt: 'now' });
    fs.writeFileSync(file(), `${good}\n${invalid}\n{"outcome":{"sessionId":"s3","ent`);
    const { logger, lines } = captureLogger();
    const outbox = openOutbox({
      dataDir,
      logger,
      write: async () => undefined,
      isUnavailable,
      retryMs: 60_000,
    });
    expect(outbox.size).toBe(1);
    expect(lines.map((l) => [l.event, l.line])).toEqual(
      expect.arrayContaining([
        ['outbox_line_invalid', 2],
        ['outbox_line_unreadable', 3],
      ]),
    );
    await outbox.close();
  });

  it('sets a record the database refuses (not an outage) aside on disk, and goes on with the others', async () => {
    const outbox = openOutbox({
      dataDir,
      logger: silentLogger,
      write: async (item) => {
        if (item.outcome.sessionId === 'bad') throw new TypeError('invalid record');
      },
      isUnavailable,
      retryMs: 60_000,
    });
    outbox.add(makeOutcome('bad'));
    outbox.add(makeOutcome('good'));
    await expect(outbox.flush()).resolves.toBe(2);
    expect(outbox.size).toBe(0);
    expect(fs.readFileSync(path.join(dataDir, 'outbox.rejected.jsonl'), 'utf8')).toContain(
      '"sessionId":"bad"',
    );
    await outbox.close();
  });

  it('stops at the first outage and keeps the rest in order for the next try', async () => {
    let down = false;
    const written: string[] = [];
    const outbox = openOutbox({
      dataDir,
      logger: silentLogger,
      write: async (item) => {
        if (down) throw outage;
        written.push(item.outcome.sessionId);
        down = item.outcome.sessionId === 'a';
      },
      isUnavailable,
      retryMs: 60_000,
    });
    for (const id of ['a', 'b', 'c']) outbox.add(makeOutcome(id));
    await expect(outbox.flush()).resolves.toBe(1);
    expect(fs.readFileSync(file(), 'utf8')).not.toContain('"sessionId":"a"');
    down = false;
    await expect(outbox.flush()).resolves.toBe(2);
    expect(written).toEqual(['a', 'b', 'c']);
    await outbox.close();
  });
});
