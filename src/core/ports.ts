/** Interfaces the domain needs from the outside world; implemented in src/storage (SQLite, PostgreSQL). */
import type { Outcome } from './outcomes/outcome';
import type { Session } from './remediation/session';

export type UpdateResult = { ok: true } | { ok: false; current: Session | undefined };

export interface SessionStore {
  /** Stores a new session (version 1). */
  create(session: Session): Promise<void>;
  get(id: string): Promise<Session | undefined>;
  /**
   * Optimistic write: stores `next` only if the stored version is `next.version - 1`; otherwise
   * `{ ok: false, current }` and nothing is written. When `outcome` is given it is written in the same
   * transaction (a session ends together with its one outcome record).
   */
  update(next: Session, outcome?: Outcome): Promise<UpdateResult>;
  /** Deletes finished sessions that ended before `endedBefore`; returns how many. */
  purgeFinished(endedBefore: Date): Promise<number>;
}

export interface OutcomeFilter {
  entryId?: string;
  since?: Date;
  tenantId?: string;
}

export interface OutcomeLog {
  /** Appends one outcome; idempotent per sessionId (returns false when that session already has one). */
  append(outcome: Outcome): Promise<boolean>;
  list(filter?: OutcomeFilter): Promise<Outcome[]>;
  /** Removes every record of a hashed user id; returns how many. */
  eraseUser(userHash: string): Promise<number>;
}

/** Remembers processed inbound activities so that a Teams retry never produces a second reply. */
export interface ActivityLedger {
  /** True the first time a key is claimed, false for a repeat. */
  claim(key: string, at: Date): Promise<boolean>;
  purge(before: Date): Promise<number>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
