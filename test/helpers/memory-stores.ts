/**
 * In-memory implementations of the storage ports (src/core/ports.ts) for tests that do not need a database.
 * Same contract as the real stores: optimistic session writes, one outcome per session, a ledger that claims
 * a key once. `outage.on = true` makes every call fail with STORE_UNAVAILABLE, as a lost database would.
 */
import { DomainError } from '../../src/core/errors';
import type { Outcome } from '../../src/core/outcomes/outcome';
import type {
  ActivityLedger,
  OutcomeFilter,
  OutcomeLog,
  SessionStore,
  UpdateResult,
} from '../../src/core/ports';
import type { Session } from '../../src/core/remediation/session';

export interface Outage {
  on: boolean;
}

function check(outage: Outage): void {
  if (outage.on) throw new DomainError('STORE_UNAVAILABLE', 'store unavailable (simulated outage)');
}

const clone = <T>(value: T): T => structuredClone(value);

export function memoryStores(outage: Outage = { on: false }) {
  const sessionRows = new Map<string, Session>();
  const outcomeRows: Outcome[] = [];
  const claimed = new Map<string, Date>();

  const outcomes: OutcomeLog = {
    async append(outcome) {
      check(outage);
      if (outcomeRows.some((o) => o.sessionId === outcome.sessionId)) return false;
      outcomeRows.push(clone(outcome));
      return true;
    },
    async list(filter: OutcomeFilter = {}) {
      check(outage);
      return outcomeRows
        .filter(
          (o) =>
            (filter.entryId === undefined || o.entryId === filter.entryId) &&
            (filter.tenantId === undefined || o.tenantId === filter.tenantId),
        )
        .filter((o) => filter.since === undefined || Date.parse(o.endedAt) >= filter.since.getTime())
        .map(clone);
    },
    async eraseUser(userHash) {
      check(outage);
      let removed = 0;
      for (let i = outcomeRows.length - 1; i >= 0; i--) {
        if (outcomeRows[i]?.userHash === userHash) {
          outcomeRows.splice(i, 1);
          removed++;
        }
      }
      return removed;
    },
  };

  const sessions: SessionStore = {
    async create(session) {
      check(outage);
      if (sessionRows.has(session.id)) throw new Error(`session ${session.id} already exists`);
      sessionRows.set(session.id, clone(session));
    },
    async get(id) {
      check(outage);
      const row = sessionRows.get(id);
      return row ? clone(row) : undefined;
    },
    async update(next, outcome): Promise<UpdateResult> {
      check(outage);
      const stored = sessionRows.get(next.id);
      if (!stored || stored.version !== next.version - 1)
        return { ok: false, current: stored ? clone(stored) : undefined };
      sessionRows.set(next.id, clone(next));
      if (outcome) await outcomes.append(outcome);
      return { ok: true };
    },
    async purgeFinished(endedBefore) {
      check(outage);
      let removed = 0;
      for (const [id, s] of sessionRows) {
        if (s.status !== 'active' && s.endedAt && Date.parse(s.endedAt) < endedBefore.getTime()) {
          sessionRows.delete(id);
          removed++;
        }
      }
      return removed;
    },
  };

  const ledger: ActivityLedger = {
    async claim(key, at) {
      check(outage);
      if (claimed.has(key)) return false;
      claimed.set(key, at);
      return true;
    },
    async purge(before) {
      check(outage);
      let removed = 0;
      for (const [key, at] of claimed) {
        if (at < before) {
          claimed.delete(key);
          removed++;
        }
      }
      return removed;
    },
  };

  return { sessions, outcomes, ledger, outage, sessionRows, outcomeRows };
}
