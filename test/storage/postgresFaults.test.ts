/**
 * PostgreSQL under faults, on a throw-away server of this test's own (it is stopped and restarted):
 * outages while running (session writes fail, outcomes queue and flush on recovery) and SIGKILL of a writer.
 */
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

  it('fails session writes with STORE_UNAVAILABLE, queues outcomes, and writes them when the database returns', async () => {
    const { logger, lines } = captureLogger();
    const stores = await openStores({
      databaseUrl: server.url,
      dataDir: '/nonexistent',
      logger,
      outcomeRetryMs: 200,
      outcomeQueueLimit: 3,
    });
    open.push(stores);
    const session = makeSession('during-outage');
    await stores.sessions.create(session);

    await server.pause!();

    const { session: ended, outcome: endedOutcome } = resolve(session);
    await expect(stores.sessions.update(ended, endedOutcome)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    // Reads: the last state this instance knows; a session it never saw is unavailable.
    await expect(stores.sessions.get(session.id)).resolves.toEqual(session);
    await expect(stores.sessions.get('never-seen')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(stores.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    // Four more outcomes than fit: the queue holds 3, the oldest ones are dropped and logged in full.
    for (const id of ['q1', 'q2', 'q3', 'q4']) {
      await expect(stores.outcomes.append(makeOutcome(id))).resolves.toBe(true);
    }
    expect(stores.pendingOutcomes()).toBe(3);
    const dropped = lines.filter((l) => l.event === 'outcome_dropped');
    expect(dropped.map((l) => (l.outcome as { sessionId: string }).sessionId)).toEqual([
      'during-outage',
      'q1',
    ]);
    expect(dropped.every((l) => l.reason === 'queue_full')).toBe(true);

    await server.resume!();
    // No call needed: the queue retries on its own.
    await waitFor(() => stores.pendingOutcomes() === 0, 'the outcome queue to flush');
    await expect(stores.outcomes.list()).resolves.toEqual([
      makeOutcome('q2'),
      makeOutcome('q3'),
      makeOutcome('q4'),
    ]);

    // The session write was not saved; the user's retry now succeeds and records its outcome once.
    await expect(stores.sessions.get(session.id)).resolves.toMatchObject({ version: 1, status: 'active' });
    await expect(stores.sessions.update(ended, endedOutcome)).resolves.toEqual({ ok: true });
    await expect(stores.ping()).resolves.toBeUndefined();
    expect((await stores.outcomes.list()).map((o) => o.sessionId)).toEqual([
      'q2',
      'q3',
      'q4',
      'during-outage',
    ]);
  });

  it('applies a queued ending on recovery; the user retrying then finds it ended, with one outcome', async () => {
    const stores = await openStores({
      databaseUrl: server.url,
      dataDir: '/nonexistent',
      logger: silentLogger,
      outcomeRetryMs: 100,
    });
    open.push(stores);
    const session = makeSession('retry-after-outage');
    await stores.sessions.create(session);
    await server.pause!();
    const { session: ended, outcome } = resolve(session);
    await expect(stores.sessions.update(ended, outcome)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await server.resume!();
    await waitFor(() => stores.pendingOutcomes() === 0, 'the outcome queue to flush');
    await expect(stores.sessions.get(session.id)).resolves.toEqual(ended);
    await expect(stores.sessions.update(ended, outcome)).resolves.toEqual({ ok: false, current: ended });
    const records = (await stores.outcomes.list()).filter((o) => o.sessionId === session.id);
    expect(records).toEqual([outcome]);
  });

  it('does not apply a queued ending when the session moved on meanwhile (another instance)', async () => {
    const { logger, lines } = captureLogger();
    // A retries only when asked (a long timer), so that B can act first after the database returns.
    const a = await openStores({
      databaseUrl: server.url,
      dataDir: '/nonexistent',
      logger,
      outcomeRetryMs: 600_000,
    });
    const b = await openStores({ databaseUrl: server.url, dataDir: '/nonexistent', logger: silentLogger });
    open.push(a, b);
    const session = makeSession('moved-on');
    await a.sessions.create(session);
    await server.pause!();
    const { session: ended, outcome } = resolve(session);
    await expect(a.sessions.update(ended, outcome)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
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

    await a.flushOutcomes();
    expect(a.pendingOutcomes()).toBe(0);
    await expect(b.sessions.get(session.id)).resolves.toEqual(movedOn);
    expect((await b.outcomes.list()).filter((o) => o.sessionId === session.id)).toEqual([]);
    expect(lines.find((l) => l.event === 'queued_ending_superseded')).toMatchObject({
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
