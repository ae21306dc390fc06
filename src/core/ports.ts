/** Interfaces the domain needs from the outside world; implemented in src/storage (SQLite, PostgreSQL). */
import type { Outcome } from './outcomes/outcome';
import type { EntryStats } from './outcomes/statistics';
import type { Session } from './remediation/session';

/**
 * `ok: true, pending: true`: the database was unreachable and the write (a session ending with its outcome) was
 * kept in the durable local outbox; it is written once the database is back (version-checked then).
 */
export type UpdateResult = { ok: true; pending?: true } | { ok: false; current: Session | undefined };

/** The turn whose effect a write is: its claim is marked done in the same transaction as the write. */
export interface TurnDone {
  key: string;
  owner: string;
  at: Date;
}

export interface SessionStore {
  /** Stores a new session (version 1). */
  create(session: Session): Promise<void>;
  get(id: string): Promise<Session | undefined>;
  /**
   * Optimistic write: stores `next` only if the stored version is `next.version - 1`; otherwise
   * `{ ok: false, current }` and nothing is written. When `outcome` is given it is written in the same
   * transaction (a session ends together with its one outcome record), and so is `done`: the click's turn is
   * recorded as handled together with its effect.
   */
  update(next: Session, outcome?: Outcome, done?: TurnDone): Promise<UpdateResult>;
  /** Deletes finished sessions that ended before `endedBefore`; returns how many. */
  purgeFinished(endedBefore: Date): Promise<number>;
}

export interface OutcomeFilter {
  entryId?: string;
  since?: Date;
  tenantId?: string;
}

export interface OutcomeLog {
  /**
   * Appends one outcome; idempotent per sessionId (false when that session already has one). While the database
   * is unreachable the record goes to the durable local outbox (true; written, once, when it is back).
   */
  append(outcome: Outcome): Promise<boolean>;
  list(filter?: OutcomeFilter): Promise<Outcome[]>;
  /**
   * Statistics per entry, from counters the store keeps (cost independent of the number of records). With
   * `since` the records from then on are read (cost grows with them).
   */
  stats(filter?: OutcomeFilter): Promise<EntryStats[]>;
  /** Removes every record of a hashed user id; returns how many. */
  eraseUser(userHash: string): Promise<number>;
}

/**
 * A turn's claim on an inbound activity: `claimed` (do the work; this turn holds a lease until `leaseMs` from
 * now), `done` (a completed turn handled it: repeat nothing) or `held` (another turn holds a live lease).
 */
export type ClaimResult = { status: 'claimed' } | { status: 'done' } | { status: 'held'; until: Date };

/**
 * Exactly-once turns for Teams' retries: a turn claims its activity key with a lease, and only a completed turn
 * makes the claim permanent (`complete`). A turn that fails `release`s it, and a claim whose lease expired (the
 * process died) can be claimed again, so a retry of an unfinished turn does the work again.
 */
export interface ActivityLedger {
  claim(key: string, owner: string, at: Date, leaseMs: number): Promise<ClaimResult>;
  /** Extends `owner`'s live claim to `leaseMs` from `at` (a long turn keeps its claim); false when it lost it. */
  extend(key: string, owner: string, at: Date, leaseMs: number): Promise<boolean>;
  /** Marks the key handled for good (idempotent; also when the lease expired meanwhile). */
  complete(key: string, owner: string, at: Date): Promise<void>;
  /** Gives up `owner`'s unfinished claim so that a retry does the work (no-op when done or taken over). */
  release(key: string, owner: string): Promise<void>;
  /** Deletes keys claimed before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
