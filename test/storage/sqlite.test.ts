import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStores, SQLITE_FILE_NAME } from '../../src/storage';
import { LATEST_SCHEMA_VERSION } from '../../src/storage/migrations';
import { describeStoreContract } from './contract';
import { makeSession, nextStep, silentLogger } from './fixtures';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-sqlite-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('SQLite', () => ({
  async open() {
    const dataDir = tempDir();
    const open = () => openStores({ dataDir, logger: silentLogger });
    return { stores: await open(), reopen: open };
  },
}));

describe('SQLite store', () => {
  it('creates <dataDir>/remedy.sqlite in WAL mode with the latest schema', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const stores = await openStores({ dataDir, logger: silentLogger });
    expect(stores.kind).toBe('sqlite');
    await stores.close();
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({
      v: LATEST_SCHEMA_VERSION,
    });
    db.close();
  });

  it('refuses to start on a database written by a newer Remedy', async () => {
    const dataDir = tempDir();
    await (await openStores({ dataDir, logger: silentLogger })).close();
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'x')").run(
      LATEST_SCHEMA_VERSION + 1,
    );
    db.close();
    const opening = openStores({ dataDir, logger: silentLogger });
    await expect(opening).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    await expect(openStores({ dataDir, logger: silentLogger })).rejects.toThrow(
      new RegExp(`schema version ${LATEST_SCHEMA_VERSION + 1}.*upgrade Remedy`, 's'),
    );
  });

  it('reports a data directory it cannot use as STORE_UNAVAILABLE', async () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'not a directory');
    await expect(openStores({ dataDir: file, logger: silentLogger })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining(file),
    });
  });

  it('reports a file that is not a database as STORE_UNAVAILABLE', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, SQLITE_FILE_NAME), 'x'.repeat(4096));
    await expect(openStores({ dataDir, logger: silentLogger })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
  });

  it('keeps an ending in the outbox while another process holds the lock, and writes it once the lock is free', async () => {
    const dataDir = tempDir();
    const stores = await openStores({
      dataDir,
      logger: silentLogger,
      outbox: true,
      outboxRetryMs: 60_000,
      sqliteBusyTimeoutMs: 100,
      breakerOpenMs: 50,
    });
    const session = makeSession('s1');
    await stores.sessions.create(session);
    // Another process keeps the write lock longer than the busy timeout.
    const blocker = new Database(path.join(dataDir, SQLITE_FILE_NAME));
    blocker.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE');
    const ended = { ...session, version: 2, status: 'escalated' as const, endedAt: session.updatedAt };
    const outcome = {
      sessionId: 's1',
      entryId: session.entryId,
      outcome: 'escalated' as const,
      stepsTried: ['e#s1'],
      matchVerdict: 'confident' as const,
      matchScore: 0.9,
      codes: [],
      textHash: 'th',
      locale: 'en-US',
      lang: 'en' as const,
      userHash: 'hash-bob',
      pastedAt: session.pastedAt,
      endedAt: session.updatedAt,
    };
    // "Saved, will be recorded": the write is kept, and says so.
    await expect(stores.sessions.update(ended, outcome)).resolves.toEqual({ ok: true, pending: true });
    expect(stores.pendingOutcomes()).toBe(1);
    expect(fs.readFileSync(path.join(dataDir, 'outbox.jsonl'), 'utf8')).toContain('"sessionId":"s1"');
    // A write without an outcome cannot be kept: it fails and the user is told.
    await expect(stores.sessions.update(nextStep(session))).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    blocker.exec('COMMIT');
    blocker.close();
    // After the circuit's open time a background probe finds the database back; then the outbox is written.
    const deadline = Date.now() + 5000;
    while (stores.pendingOutcomes() > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      await stores.flushOutcomes();
    }
    expect(stores.pendingOutcomes()).toBe(0);
    await expect(stores.outcomes.list()).resolves.toEqual([outcome]);
    await expect(stores.sessions.get('s1')).resolves.toMatchObject({ status: 'escalated', version: 2 });
    expect(fs.existsSync(path.join(dataDir, 'outbox.jsonl'))).toBe(false);
    await stores.close();
  }, 30_000);
});
