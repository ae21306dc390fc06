/**
 * PostgreSQL under faults, on a throw-away server of this test's own (it is stopped and restarted):
 * outages while running (endings and outcomes kept in the durable outbox, written on recovery — also by the next
 * run) and SIGKILL of a writer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStores, type Stores } from '../../src/storage';
import { captureLogger, makeOutcome, makeSession, nextStep, resolve, silentLogger } from './fixtures';
import { writeThenKill } from './helpers/killWriter';
import { postgresUnavailableReason, startThrowawayPostgres, type PgServer } from './postgresServer';

jest.setTimeout(120_000);

// This file stops the server, so it never uses a shared TEST_DATABASE_URL: it needs the binaries.
const skipReason = postgresUnavailableReason({ needBinaries: true });
if (skipReason) console.warn(`PostgreSQL fault tests skipped: ${skipReason}`);
const describeIfPostgres = skipReason ? describe.skip : describe;

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeIfPostgres('PostgreSQL stopped and restarted while the store is open', () => {
  let server: PgServer;
  const open: Stores[] = [];

  beforeAll(async () => {
    server = await startThrowawayPostgres();
  });
  afterAll(async () => {
    for (const s of open.splice(0)) await s.close();
    await server?.stop();
  });

  const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-pg-faults-'));
  const resilient = { outbox: true, outboxRetryMs: 200, breakerOpenMs: 200 } as const;

  it('keeps endings and outcomes in the outbox while the database is down and writes them when it returns', async () => {
    const dataDir = tempDir();
    const stores = await openStores({ databaseUrl: server.url, dataDir, logger: silentLogger, ...resilient });
    open.push(stores);
    const session = makeSession('during-outage');
    await stores.sessions.create(session);

    await server.pause!();

    const { session: ended, outcome: endedOutcome } = resolve(session);
    // The ending is taken ("saved, will be recorded"), and says that it waits.
    await expect(stores.sessions.update(ended, endedOutcome)).resolves.toEqual({ ok: true, pending: true });
    // A write that is not an ending cannot wait: the user is told.
    await expect(stores.sessions.update(nextStep(makeSession('other')))).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    // Reads: the last state this instance knows (the kept ending); a session it never saw is unavailable.
    await expect(stores.sessions.get(session.id)).resolves.toEqual(ended);
    await expect(stores.sessions.get('never-seen')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(stores.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    for (const id of ['q1', 'q2', 'q3', 'q4']) {
      await expect(stores.outcomes.append(makeOutcome(id))).resolves.toBe(true);
    }
    expect(stores.pendingOutcomes()).toBe(5);
    expect(fs.readFileSync(path.join(dataDir, 'outbox.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(5);

    await server.resume!();
    // No call needed: the outbox retries on its own.
    await waitFor(() => stores.pendingOutcomes() === 0, 'the outbox to be written');
    expect((await stores.outcomes.list()).map((o) => o.sessionId)).toEqual([
      'during-outage',
      'q1',
      'q2',
      'q3',
      'q4',
    ]);
    expect(fs.existsSync(path.join(dataDir, 'outbox.jsonl'))).toBe(false);
    // The ending was applied with its outcome; the user's retry finds it ended and adds nothing.
    await expect(stores.sessions.get(session.id)).resolves.toEqual(ended);
    await expect(stores.sessions.update(ended, endedOutcome)).resolves.toEqual({ ok: false, current: ended });
    expect((await stores.outcomes.list()).filter((o) => o.sessionId === session.id)).toEqual([endedOutcome]);
  });

  it('writes the outbox of a previous run (killed during the outage) at the next start, once', async () => {
    const dataDir = tempDir();
    const first = await openStores({ databaseUrl: server.url, dataDir, logger: silentLogger, ...resilient });
    const session = makeSession('across-restart');
    await first.sessions.create(session);
    await server.pause!();
    const { session: ended, outcome } = resolve(session);
    await expect(first.sessions.update(ended, outcome)).resolves.toEqual({ ok: true, pending: true });
    // As good as killed: nothing is flushed at close while the database is down; the file stays.
    await first.close();
    expect(fs.readFileSync(path.join(dataDir, 'outbox.jsonl'), 'utf8')).toContain('across-restart');
    await server.resume!();
    const second = await openStores({ databaseUrl: server.url, dataDir, logger: silentLogger, ...resilient });
    open.push(second);
    expect(second.pendingOutcomes()).toBe(1);
    await waitFor(() => second.pendingOutcomes() === 0, 'the outbox to be written');
    await expect(second.sessions.get(session.id)).resolves.toEqual(ended);
    expect((await second.outcomes.list()).filter((o) => o.sessionId === session.id)).toEqual([outcome]);
  });

  it('does not apply a kept ending when the session moved on meanwhile (another instance)', async () => {
    const { logger, lines } = captureLogger();
    // A retries only when asked (a long timer), so that B can act first after the database returns.
    const a = await openStores({
      databaseUrl: server.url,
      dataDir: tempDir(),
      logger,
      outbox: true,
      outboxRetryMs: 600_000,
      breakerOpenMs: 100,
    });
    const b = await openStores({ databaseUrl: server.url, dataDir: '/nonexistent', logger: silentLogger });
    open.push(a, b);
    const session = makeSession('moved-on');
    await a.sessions.create(session);
    await server.pause!();
    const { session: ended, outcome } = resolve(session);
    await expect(a.sessions.update(ended, outcome)).resolves.toEqual({ ok: true, pending: true });
    await server.resume!();
    await waitFor(
      async () =>
        await b.ping().then(
          () => true,
          () => false,
        ),
      'the database to answer',
    );
    const movedOn = nextStep(session);
    await expect(b.sessions.update(movedOn)).resolves.toEqual({ ok: true });

    await waitFor(
      async () => (await a.flushOutcomes()) > 0 || a.pendingOutcomes() === 0,
      'A to write its outbox',
    );
    expect(a.pendingOutcomes()).toBe(0);
    await expect(b.sessions.get(session.id)).resolves.toEqual(movedOn);
    expect((await b.outcomes.list()).filter((o) => o.sessionId === session.id)).toEqual([]);
    expect(lines.find((l) => l.event === 'outbox_ending_superseded')).toMatchObject({
      sessionId: 'moved-on',
      queuedVersion: 2,
      currentVersion: 2,
      currentStatus: 'active',
    });
  });

  it('keeps every committed outcome when the writing process is killed with SIGKILL', async () => {
    const { committed } = await writeThenKill(['/nonexistent', server.url], 60);
    const stores = await openStores({
      databaseUrl: server.url,
      dataDir: '/nonexistent',
      logger: silentLogger,
    });
    open.push(stores);
    const ids = (await stores.outcomes.list()).map((o) => o.sessionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(committed));
    for (const id of committed.filter((c) => c.startsWith('session-'))) {
      await expect(stores.sessions.get(id)).resolves.toMatchObject({ status: 'resolved', version: 2 });
    }
  });
});
