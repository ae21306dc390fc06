/** What each database dialect implements; src/storage/index.ts builds the ports (and the outcome queue) on it. */
import type { Outcome } from '../core/outcomes/outcome';
import type { AggregatedRows } from '../core/outcomes/statistics';
import type { ClaimResult, OutcomeFilter, TurnDone, UpdateResult } from '../core/ports';
import type { Session } from '../core/remediation/session';

export type StoreKind = 'sqlite' | 'postgres';

export interface ErasedCounts {
  sessions: number;
  outcomes: number;
}

export interface Backend {
  readonly kind: StoreKind;
  /** Where the data lives, for messages (file path or host/database; never a password). */
  readonly where: string;
  /** Throws DomainError('SESSION_CONFLICT') when a session with that id exists. */
  createSession(session: Session): Promise<void>;
  getSession(id: string): Promise<Session | undefined>;
  /** With `done`, the turn's claim is completed in the same transaction when the write is accepted. */
  updateSession(next: Session, outcome?: Outcome, done?: TurnDone): Promise<UpdateResult>;
  purgeFinished(endedBefore: Date): Promise<number>;
  /** Inserts the outcome and adds its counters, in one transaction; false when the session already has one. */
  appendOutcome(outcome: Outcome): Promise<boolean>;
  listOutcomes(filter?: OutcomeFilter): Promise<Outcome[]>;
  /** Summed counters (tenant and/or entry filter); never reads outcome rows. */
  outcomeCounters(filter: { tenantId?: string; entryId?: string }): Promise<AggregatedRows>;
  /** Removes the user's outcomes (subtracting their counters) and sessions, in one transaction. */
  eraseUser(userHash: string): Promise<ErasedCounts>;
  claim(key: string, owner: string, at: Date, leaseMs: number): Promise<ClaimResult>;
  extend(key: string, owner: string, at: Date, leaseMs: number): Promise<boolean>;
  complete(key: string, owner: string, at: Date): Promise<void>;
  release(key: string, owner: string): Promise<void>;
  purgeLedger(before: Date): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** True for errors that mean "the database cannot be reached or written right now" (not a bug or bad data). */
  isUnavailable(error: unknown): boolean;
}
