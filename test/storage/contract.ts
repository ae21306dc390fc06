/**
 * The behaviour every store must have, run against SQLite (sqlite.test.ts) and PostgreSQL (postgres.test.ts).
 * `open` gives a fresh, empty database each time it is called; `reopen` opens the same database again
 * (another instance or a restart).
 */
import type { Session } from '../../src/core/remediation/session';
import type { Stores } from '../../src/storage';
import { makeOutcome, makeSession, nextStep, outcomeOf, resolve } from './fixtures';

export interface ContractTarget {
  open(): Promise<{ stores: Stores; reopen(): Promise<Stores> }>;
}

/** `skipReason` set: the suite is registered as skipped (the caller prints the reason). */
export function describeStoreContract(name: string, target: () => ContractTarget, skipReason?: string): void {
  (skipReason ? describe.skip : describe)(`${name} store contract`, () => {
    let stores: Stores;
    let reopen: () => Promise<Stores>;
    const opened: Stores[] = [];

    beforeEach(async () => {
      const db = await target().open();
      stores = db.stores;
      reopen = async () => {
        const again = await db.reopen();
        opened.push(again);
        return again;
      };
      opened.push(stores);
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    describe('sessions', () => {
      it('stores a new session and gives it back unchanged', async () => {
        const session = makeSession('s1');
        await stores.sessions.create(session);
        await expect(stores.sessions.get('s1')).resolves.toEqual(session);
        await expect(stores.sessions.get('nope')).resolves.toBeUndefined();
      });

      it('refuses a second session with the same id', async () => {
        await stores.sessions.create(makeSession('s1'));
        await expect(stores.sessions.create(makeSession('s1', { entryId: 'other' }))).rejects.toMatchObject({
          code: 'SESSION_CONFLICT',
        });
        await expect(stores.sessions.get('s1')).resolves.toMatchObject({
          entryId: makeSession('s1').entryId,
        });
      });

      it('refuses an invalid session, naming the field', async () => {
        await expect(stores.sessions.create(makeSession('s1', { version: 0 }))).rejects.toThrow(/version/);
        await expect(stores.sessions.create(makeSession('s2', { updatedAt: 'yesterday' }))).rejects.toThrow(
          /updatedAt/,
        );
      });

      it('accepts the next version and keeps it', async () => {
        const session = makeSession('s1');
        await stores.sessions.create(session);
        const next = nextStep(session);
        await expect(stores.sessions.update(next)).resolves.toEqual({ ok: true });
        await expect(stores.sessions.get('s1')).resolves.toEqual(next);
      });

      it('refuses a stale write and returns the current session, writing nothing', async () => {
        const session = makeSession('s1');
        await stores.sessions.create(session);
        const winner = nextStep(session);
        await stores.sessions.update(winner);
        const loser = { ...nextStep(session), locale: 'nl-NL' };
        await expect(stores.sessions.update(loser)).resolves.toEqual({ ok: false, current: winner });
        // A version that skips one is just as stale.
        await expect(stores.sessions.update(nextStep(nextStep(winner)))).resolves.toEqual({
          ok: false,
          current: winner,
        });
        await expect(stores.sessions.get('s1')).resolves.toEqual(winner);
      });

      it('reports an update of an unknown session as a conflict without current state', async () => {
        await expect(stores.sessions.update(nextStep(makeSession('ghost')))).resolves.toEqual({
          ok: false,
          current: undefined,
        });
      });

      it('lets exactly one of many simultaneous writers of the same version win', async () => {
        const session = makeSession('s1');
        await stores.sessions.create(session);
        const other = await reopen();
        const attempts = Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? other : stores).sessions.update({ ...nextStep(session), locale: `x-${i}` }),
        );
        const results = await Promise.all(attempts);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const winner = results.findIndex((r) => r.ok);
        await expect(stores.sessions.get('s1')).resolves.toMatchObject({ version: 2, locale: `x-${winner}` });
      });

      it('loses no click when writers retry from fresh state after a conflict', async () => {
        const steps = Array.from({ length: 10 }, (_, i) => `e#s${i + 1}`);
        await stores.sessions.create(makeSession('s1', { stepIds: steps }));
        const other = await reopen();
        // Ten racing "Didn't help" clicks through two instances: each reads, advances, writes, retries on conflict.
        const click = async (via: Stores, label: string) => {
          for (;;) {
            const current = (await via.sessions.get('s1')) as Session;
            const next = { ...nextStep(current), tried: [...current.tried, label] };
            if ((await via.sessions.update(next)).ok) return;
          }
        };
        await Promise.all(Array.from({ length: 10 }, (_, i) => click(i % 2 ? other : stores, `click-${i}`)));
        const final = (await stores.sessions.get('s1')) as Session;
        expect(final.version).toBe(11);
        expect([...final.tried].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `click-${i}`).sort());
      });

      it('writes the ending session and its outcome together', async () => {
        const session = nextStep(makeSession('s1'));
        await stores.sessions.create({ ...session, version: 1 });
        const { session: ended, outcome } = resolve({ ...session, version: 1 });
        await expect(stores.sessions.update(ended, outcome)).resolves.toEqual({ ok: true });
        await expect(stores.sessions.get('s1')).resolves.toMatchObject({ status: 'resolved', version: 2 });
        await expect(stores.outcomes.list()).resolves.toEqual([outcome]);
      });

      it('writes no outcome when the ending write loses the race', async () => {
        const session = makeSession('s1');
        await stores.sessions.create(session);
        await stores.sessions.update(nextStep(session));
        const { session: late, outcome } = resolve(session);
        await expect(stores.sessions.update(late, outcome)).resolves.toMatchObject({ ok: false });
        await expect(stores.outcomes.list()).resolves.toEqual([]);
      });

      it('rolls the session back when its outcome record is invalid', async () => {
        const session = makeSession('s1');
        await stores.sessions.create(session);
        const { session: ended, outcome } = resolve(session);
        await expect(stores.sessions.update(ended, { ...outcome, matchScore: 7 })).rejects.toThrow(
          /matchScore/,
        );
        await expect(stores.sessions.get('s1')).resolves.toEqual(session);
        await expect(stores.outcomes.list()).resolves.toEqual([]);
      });

      it('purges finished sessions that ended before the cut-off, keeping active and recent ones', async () => {
        const old = resolve(makeSession('old')).session;
        await stores.sessions.create({ ...old, version: 1 });
        await stores.sessions.create({
          ...makeSession('recent', { status: 'escalated', version: 1 }),
          endedAt: '2026-03-20T00:00:00.000Z',
          updatedAt: '2026-03-20T00:00:00.000Z',
        });
        await stores.sessions.create(makeSession('active', { updatedAt: '2020-01-01T00:00:00.000Z' }));
        await expect(stores.sessions.purgeFinished(new Date('2026-03-10T00:00:00.000Z'))).resolves.toBe(1);
        await expect(stores.sessions.get('old')).resolves.toBeUndefined();
        await expect(stores.sessions.get('recent')).resolves.toBeDefined();
        await expect(stores.sessions.get('active')).resolves.toBeDefined();
      });
    });

    describe('outcome log', () => {
      it('appends once per session', async () => {
        await expect(stores.outcomes.append(makeOutcome('s1'))).resolves.toBe(true);
        await expect(stores.outcomes.append(makeOutcome('s1', { outcome: 'escalated' }))).resolves.toBe(
          false,
        );
        await expect(stores.outcomes.list()).resolves.toEqual([makeOutcome('s1')]);
      });

      it('refuses an invalid record, naming the field', async () => {
        await expect(stores.outcomes.append(makeOutcome('s1', { endedAt: 'soon' }))).rejects.toThrow(
          /endedAt/,
        );
        await expect(
          stores.outcomes.append({ ...makeOutcome('s2'), outcome: 'maybe' } as never),
        ).rejects.toThrow(/outcome/);
        await expect(stores.outcomes.list()).resolves.toEqual([]);
      });

      it('lists in the order written, filtered by entry, tenant and time', async () => {
        const records = [
          makeOutcome('a', { entryId: 'e1', tenantId: 't1', endedAt: '2026-03-01T10:00:00.000Z' }),
          makeOutcome('b', { entryId: 'e2', tenantId: 't1', endedAt: '2026-03-03T10:00:00.000Z' }),
          makeOutcome('c', { entryId: 'e1', tenantId: 't2', endedAt: '2026-03-05T10:00:00.000Z' }),
          makeOutcome('d', { entryId: 'e1', endedAt: '2026-03-07T10:00:00+02:00' }),
        ];
        delete records[3]?.tenantId;
        for (const record of records) await stores.outcomes.append(record);
        const ids = async (filter?: Parameters<Stores['outcomes']['list']>[0]) =>
          (await stores.outcomes.list(filter)).map((o) => o.sessionId);
        await expect(ids()).resolves.toEqual(['a', 'b', 'c', 'd']);
        await expect(ids({ entryId: 'e1' })).resolves.toEqual(['a', 'c', 'd']);
        await expect(ids({ tenantId: 't1' })).resolves.toEqual(['a', 'b']);
        await expect(ids({ since: new Date('2026-03-03T10:00:00.000Z') })).resolves.toEqual(['b', 'c', 'd']);
        await expect(ids({ entryId: 'e1', since: new Date('2026-03-07T07:59:00.000Z') })).resolves.toEqual([
          'd',
        ]);
        await expect(ids({ entryId: 'e1', tenantId: 't2', since: new Date('2026-03-02') })).resolves.toEqual([
          'c',
        ]);
      });

      it('keeps what was committed for the next instance to read', async () => {
        await stores.outcomes.append(makeOutcome('s1'));
        const other = await reopen();
        await expect(other.outcomes.list()).resolves.toEqual([makeOutcome('s1')]);
      });
    });

    describe('erasing a user', () => {
      it("removes that user's outcomes and sessions, nobody else's", async () => {
        await stores.outcomes.append(makeOutcome('o1', { userHash: 'hash-eve' }));
        await stores.outcomes.append(makeOutcome('o2', { userHash: 'hash-bob' }));
        await stores.outcomes.append(makeOutcome('o3', { userHash: 'hash-eve' }));
        await stores.sessions.create(makeSession('started-by-eve', { startedBy: 'hash-eve' }));
        const endedByEve = resolve(makeSession('ended-by-eve'), 'hash-eve').session;
        await stores.sessions.create({ ...endedByEve, version: 1 });
        await stores.sessions.create(makeSession('bob', { startedBy: 'hash-bob' }));

        await expect(stores.eraseUser('hash-eve')).resolves.toEqual({ outcomes: 2, sessions: 2 });
        await expect(stores.outcomes.list()).resolves.toEqual([makeOutcome('o2', { userHash: 'hash-bob' })]);
        await expect(stores.sessions.get('started-by-eve')).resolves.toBeUndefined();
        await expect(stores.sessions.get('ended-by-eve')).resolves.toBeUndefined();
        await expect(stores.sessions.get('bob')).resolves.toBeDefined();
        await expect(stores.outcomes.eraseUser('hash-bob')).resolves.toBe(1);
        await expect(stores.eraseUser('hash-eve')).resolves.toEqual({ outcomes: 0, sessions: 0 });
      });
    });

    describe('activity ledger (claim with a lease)', () => {
      const LEASE = 10_000;
      const at = new Date('2026-03-01T10:00:00.000Z');
      const later = (ms: number) => new Date(at.getTime() + ms);

      it('gives a key to one turn at a time, across instances', async () => {
        await expect(stores.ledger.claim('k1', 'a', at, LEASE)).resolves.toEqual({ status: 'claimed' });
        const other = await reopen();
        await expect(other.ledger.claim('k1', 'b', later(1000), LEASE)).resolves.toMatchObject({
          status: 'held',
        });
        await expect(other.ledger.claim('k2', 'b', at, LEASE)).resolves.toEqual({ status: 'claimed' });
      });

      it('repeats nothing once the turn completed, also after its lease would have expired', async () => {
        await stores.ledger.claim('k1', 'a', at, LEASE);
        await stores.ledger.complete('k1', 'a', later(100));
        const other = await reopen();
        await expect(other.ledger.claim('k1', 'b', later(500), LEASE)).resolves.toEqual({ status: 'done' });
        await expect(other.ledger.claim('k1', 'b', later(10 * LEASE), LEASE)).resolves.toEqual({
          status: 'done',
        });
      });

      it('lets a retry take over a claim whose lease expired (the turn died)', async () => {
        await stores.ledger.claim('k1', 'dead', at, LEASE);
        const other = await reopen();
        await expect(other.ledger.claim('k1', 'retry', later(LEASE + 1), LEASE)).resolves.toEqual({
          status: 'claimed',
        });
        // The dead turn cannot release the retry's claim.
        await stores.ledger.release('k1', 'dead');
        await expect(stores.ledger.claim('k1', 'third', later(LEASE + 2), LEASE)).resolves.toMatchObject({
          status: 'held',
        });
      });

      it('lets a retry do the work at once after the turn released its claim', async () => {
        await stores.ledger.claim('k1', 'a', at, LEASE);
        await stores.ledger.release('k1', 'a');
        await expect(stores.ledger.claim('k1', 'b', later(1), LEASE)).resolves.toEqual({ status: 'claimed' });
      });

      it('extends a live claim for its owner only', async () => {
        await stores.ledger.claim('k1', 'a', at, LEASE);
        await expect(stores.ledger.extend('k1', 'a', later(LEASE - 1), LEASE)).resolves.toBe(true);
        await expect(stores.ledger.extend('k1', 'b', later(LEASE - 1), LEASE)).resolves.toBe(false);
        // Extended: still held after the first lease would have run out.
        await expect(stores.ledger.claim('k1', 'b', later(LEASE + 1), LEASE)).resolves.toMatchObject({
          status: 'held',
        });
      });

      it('lets exactly one of simultaneous claims win', async () => {
        const other = await reopen();
        const now = new Date();
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? other : stores).ledger.claim('retry', `o${i}`, now, LEASE),
          ),
        );
        expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
      });

      it('purges keys claimed before the cut-off', async () => {
        await stores.ledger.claim('old', 'a', new Date('2026-03-01T00:00:00.000Z'), LEASE);
        await stores.ledger.complete('old', 'a', new Date('2026-03-01T00:00:01.000Z'));
        await stores.ledger.claim('new', 'a', new Date('2026-03-03T00:00:00.000Z'), LEASE);
        await stores.ledger.complete('new', 'a', new Date('2026-03-03T00:00:01.000Z'));
        await expect(stores.ledger.purge(new Date('2026-03-02T00:00:00.000Z'))).resolves.toBe(1);
        await expect(stores.ledger.claim('old', 'b', new Date(), LEASE)).resolves.toEqual({
          status: 'claimed',
        });
        await expect(stores.ledger.claim('new', 'b', new Date(), LEASE)).resolves.toEqual({ status: 'done' });
      });
    });

    describe('statistics from counters', () => {
      it('counts what the records say, per tenant and entry, the same as from the records', async () => {
        const records = [
          makeOutcome('a', { entryId: 'e1', tenantId: 't1', stepsTried: ['s1'], resolvedStepId: 's2' }),
          makeOutcome('b', {
            entryId: 'e1',
            tenantId: 't1',
            stepsTried: ['s1', 's2', 's1'],
            resolvedStepId: 's3',
          }),
          makeOutcome('c', { entryId: 'e1', tenantId: 't2', stepsTried: [], resolvedStepId: 's2' }),
          makeOutcome('d', { entryId: 'e2', tenantId: 't1', outcome: 'escalated', stepsTried: ['x1'] }),
        ];
        delete records[3]?.resolvedStepId;
        for (const record of records) await stores.outcomes.append(record);
        // A repeated append (a retry, an import) counts nothing twice.
        await stores.outcomes.append(records[0]!);
        const t1 = await stores.outcomes.stats({ tenantId: 't1' });
        expect(t1.map((e) => [e.entryId, e.sessions, e.resolved, e.escalated])).toEqual([
          ['e1', 2, 2, 0],
          ['e2', 1, 0, 1],
        ]);
        expect(t1[0]?.steps).toEqual(
          [
            { stepId: 's1', tried: 2, resolved: 0 },
            { stepId: 's2', tried: 2, resolved: 1 },
            { stepId: 's3', tried: 1, resolved: 1 },
          ].sort((x, y) => y.resolved - x.resolved || y.tried - x.tried || x.stepId.localeCompare(y.stepId)),
        );
        const e1 = await stores.outcomes.stats({ entryId: 'e1' });
        expect(e1).toHaveLength(1);
        expect(e1[0]).toMatchObject({ sessions: 3, resolved: 3 });
        expect(e1[0]?.steps.find((st) => st.stepId === 's2')).toEqual({
          stepId: 's2',
          tried: 3,
          resolved: 2,
        });
        const other = await reopen();
        await expect(other.outcomes.stats({ entryId: 'e1', tenantId: 't2' })).resolves.toMatchObject([
          { entryId: 'e1', sessions: 1, resolved: 1 },
        ]);
      });

      it("subtracts an erased user's records", async () => {
        await stores.outcomes.append(makeOutcome('o1', { userHash: 'hash-eve', entryId: 'e1' }));
        await stores.outcomes.append(makeOutcome('o2', { userHash: 'hash-bob', entryId: 'e1' }));
        await stores.eraseUser('hash-eve');
        await expect(stores.outcomes.stats()).resolves.toMatchObject([{ entryId: 'e1', sessions: 1 }]);
      });

      it('completes the turn that made a session write in the same transaction, and only when it is accepted', async () => {
        const at = new Date('2026-03-01T10:00:00.000Z');
        const session = makeSession('s-turn');
        await stores.sessions.create(session);
        await stores.ledger.claim('click-1', 'turn-1', at, 10_000);
        await stores.ledger.claim('click-2', 'turn-2', at, 10_000);
        const { session: ended, outcome } = resolve(session);
        await expect(
          stores.sessions.update(ended, outcome, { key: 'click-1', owner: 'turn-1', at }),
        ).resolves.toEqual({ ok: true });
        // A write that loses (stale version) completes nothing.
        await expect(
          stores.sessions.update(ended, outcome, { key: 'click-2', owner: 'turn-2', at }),
        ).resolves.toMatchObject({ ok: false });
        const other = await reopen();
        const later = new Date(at.getTime() + 20_000);
        await expect(other.ledger.claim('click-1', 'retry', later, 10_000)).resolves.toEqual({
          status: 'done',
        });
        await expect(other.ledger.claim('click-2', 'retry', later, 10_000)).resolves.toEqual({
          status: 'claimed',
        });
      });

      it('counts an ending written with its session', async () => {
        const session = makeSession('s1');
        await stores.sessions.create(session);
        const { session: ended, outcome } = resolve(session);
        await stores.sessions.update(ended, outcome);
        await expect(stores.outcomes.stats()).resolves.toMatchObject([
          { entryId: session.entryId, sessions: 1, resolved: 1 },
        ]);
      });
    });

    describe('lifecycle', () => {
      it('answers ping, and reopening an up-to-date database changes nothing', async () => {
        await expect(stores.ping()).resolves.toBeUndefined();
        const session = makeSession('s1');
        await stores.sessions.create(session);
        const again = await reopen();
        await expect(again.sessions.get('s1')).resolves.toEqual(session);
      });

      it('keeps outcome records of ended sessions readable as statistics input', async () => {
        const ended = resolve(nextStep(makeSession('s1'))).session;
        await stores.outcomes.append(outcomeOf(ended));
        const [record] = await stores.outcomes.list();
        expect(record).toMatchObject({ resolvedStepId: 'e#s2', stepsTried: ['e#s1'], outcome: 'resolved' });
      });
    });
  });
}
