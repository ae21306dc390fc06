import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStores, startRetention, type Stores } from '../../src/storage';
import { captureLogger, makeSession, resolve, silentLogger } from './fixtures';

describe('startRetention', () => {
  let dataDir: string;
  let stores: Stores;
  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-retention-'));
    stores = await openStores({ dataDir, logger: silentLogger });
  });
  afterEach(async () => {
    await stores.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const clock = { now: () => new Date('2026-04-01T00:00:00.000Z') };

  async function seed() {
    // Ended 2026-03-01 (31 days before "now"), ended 2026-03-25, and one still active since February.
    const old = resolve(makeSession('old')).session;
    await stores.sessions.create({ ...old, version: 1 });
    await stores.sessions.create({
      ...makeSession('recent', { status: 'exhausted' }),
      endedAt: '2026-03-25T00:00:00.000Z',
    });
    await stores.sessions.create(makeSession('active', { updatedAt: '2026-02-01T00:00:00.000Z' }));
    await stores.ledger.claim('old-activity', 'turn', new Date('2026-03-30T00:00:00.000Z'), 10_000);
    await stores.ledger.complete('old-activity', 'turn', new Date('2026-03-30T00:00:01.000Z'));
    await stores.ledger.claim('new-activity', 'turn', new Date('2026-03-31T12:00:00.000Z'), 10_000);
    await stores.ledger.complete('new-activity', 'turn', new Date('2026-03-31T12:00:01.000Z'));
  }

  it('deletes finished sessions older than the retention days and old ledger keys, at once', async () => {
    await seed();
    const { logger, lines } = captureLogger();
    const stop = startRetention(stores, { days: 30, clock, logger });
    await stop();
    await expect(stores.sessions.get('old')).resolves.toBeUndefined();
    await expect(stores.sessions.get('recent')).resolves.toBeDefined();
    await expect(stores.sessions.get('active')).resolves.toBeDefined();
    await expect(stores.ledger.claim('old-activity', 'retry', clock.now(), 10_000)).resolves.toEqual({
      status: 'claimed',
    });
    await expect(stores.ledger.claim('new-activity', 'retry', clock.now(), 10_000)).resolves.toEqual({
      status: 'done',
    });
    expect(lines.find((l) => l.event === 'retention_pass')).toMatchObject({
      sessionsDeleted: 1,
      ledgerKeysDeleted: 1,
    });
  });

  it('keeps finished sessions forever with days = 0', async () => {
    await seed();
    await startRetention(stores, { days: 0, clock, logger: silentLogger })();
    await expect(stores.sessions.get('old')).resolves.toBeDefined();
  });

  it('logs a failed pass instead of crashing, and rejects a negative number of days', async () => {
    const { logger, lines } = captureLogger();
    const failing = {
      sessions: { ...stores.sessions, purgeFinished: () => Promise.reject(new Error('disk on fire')) },
      ledger: stores.ledger,
    };
    await startRetention(failing, { days: 1, clock, logger })();
    expect(lines.find((l) => l.event === 'retention_failed')).toBeDefined();
    expect(() => startRetention(stores, { days: -1, clock, logger })).toThrow(/days/);
  });
});
