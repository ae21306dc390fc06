/**
 * The storage ports (src/core/ports.ts) for tests that need no database file: the real stores (createStores, the
 * SQLite backend) over SQLite's `:memory:` — so they keep exactly the contract the bot gets in production.
 * `outage.on = true` makes every database call fail as an unreachable database would (the stores then answer
 * STORE_UNAVAILABLE, or fall back to their local ledger and session cache). The circuit breaker never opens here,
 * so that switching the outage off takes effect at once.
 */
import pino from 'pino';
import type { Outcome } from '../../src/core/outcomes/outcome';
import type { Session } from '../../src/core/remediation/session';
import { createStores } from '../../src/storage';
import type { Backend } from '../../src/storage/backend';
import { openSqliteMemoryBackend } from '../../src/storage/sqlite';

export interface Outage {
  on: boolean;
}

/** The error an unreachable SQLite file gives (classified as an outage by the backend). */
function outageError(): Error {
  return Object.assign(new Error('disk I/O error (simulated outage)'), { code: 'SQLITE_IOERR' });
}

export function memoryStores(outage: Outage = { on: false }) {
  const { backend: real, db } = openSqliteMemoryBackend();
  const backend = new Proxy(real, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'isUnavailable') return value;
      return (...args: unknown[]) => {
        if (outage.on) return Promise.reject(outageError());
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Backend;
  const stores = createStores(backend, {
    logger: pino({ level: 'silent' }),
    dataDir: '/nonexistent',
    breakerFailures: Number.MAX_SAFE_INTEGER,
  });
  return {
    sessions: stores.sessions,
    outcomes: stores.outcomes,
    ledger: stores.ledger,
    stores,
    outage,
    /** The stored sessions by id (read from the database each time). */
    get sessionRows(): Map<string, Session> {
      const rows = db.prepare('SELECT id, data FROM sessions').all() as { id: string; data: string }[];
      return new Map(rows.map((row) => [row.id, JSON.parse(row.data) as Session]));
    },
    /** The stored outcome records, in the order written. */
    get outcomeRows(): Outcome[] {
      const rows = db.prepare('SELECT data FROM outcomes ORDER BY seq').all() as { data: string }[];
      return rows.map((row) => JSON.parse(row.data) as Outcome);
    },
  };
}
