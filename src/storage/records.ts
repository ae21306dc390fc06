/**
 * How sessions and outcomes are laid out in rows (both dialects): the whole record as JSON plus the columns
 * that queries filter on. Records are validated with zod when written and when read back.
 */
import { OutcomeSchema, type Outcome } from '../core/outcomes/outcome';
import { SessionSchema, type Session } from '../core/remediation/session';
import { describeIssues } from '../core/validation';

export interface SessionColumns {
  id: string;
  version: number;
  entry_id: string;
  status: string;
  started_by: string;
  ended_by: string | null;
  tenant_id: string | null;
  updated_at: string;
  ended_at: string | null;
  data: string;
}

export interface OutcomeColumns {
  session_id: string;
  entry_id: string;
  tenant_id: string | null;
  user_hash: string;
  ended_at: string;
  data: string;
}

/** A timestamp as a sortable UTC ISO string; refuses what is not a date. */
export function isoTimestamp(value: string, field: string): string {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms))
    throw new TypeError(`${field}: expected an ISO date-time, got ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

export function validSession(session: Session): Session {
  const parsed = SessionSchema.safeParse(session);
  if (!parsed.success)
    throw new TypeError(
      `invalid session ${session.id}: ${describeIssues(parsed.error, { root: '(record)' })}`,
    );
  isoTimestamp(parsed.data.updatedAt, 'session.updatedAt');
  if (parsed.data.endedAt !== undefined) isoTimestamp(parsed.data.endedAt, 'session.endedAt');
  return parsed.data;
}

export function validOutcome(outcome: Outcome): Outcome {
  const parsed = OutcomeSchema.safeParse(outcome);
  if (!parsed.success)
    throw new TypeError(
      `invalid outcome ${outcome.sessionId}: ${describeIssues(parsed.error, { root: '(record)' })}`,
    );
  isoTimestamp(parsed.data.endedAt, 'outcome.endedAt');
  return parsed.data;
}

export function sessionColumns(session: Session): SessionColumns {
  const valid = validSession(session);
  const finished = valid.status !== 'active';
  return {
    id: valid.id,
    version: valid.version,
    entry_id: valid.entryId,
    status: valid.status,
    started_by: valid.startedBy,
    ended_by: valid.endedBy ?? null,
    tenant_id: valid.conversation.tenantId ?? null,
    updated_at: isoTimestamp(valid.updatedAt, 'session.updatedAt'),
    // A finished session without endedAt still ages out: its last update is when it ended.
    ended_at: finished ? isoTimestamp(valid.endedAt ?? valid.updatedAt, 'session.endedAt') : null,
    data: JSON.stringify(valid),
  };
}

export function outcomeColumns(outcome: Outcome): OutcomeColumns {
  const valid = validOutcome(outcome);
  return {
    session_id: valid.sessionId,
    entry_id: valid.entryId,
    tenant_id: valid.tenantId ?? null,
    user_hash: valid.userHash,
    ended_at: isoTimestamp(valid.endedAt, 'outcome.endedAt'),
    data: JSON.stringify(valid),
  };
}

/** `data` as stored: JSON text (SQLite) or an already parsed object (PostgreSQL JSONB). */
function parseData(data: unknown, what: string): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new TypeError(`stored ${what} is not JSON: ${(error as Error).message}`);
  }
}

export function sessionFromRow(data: unknown): Session {
  const parsed = SessionSchema.safeParse(parseData(data, 'session'));
  if (!parsed.success)
    throw new TypeError(`stored session is invalid: ${describeIssues(parsed.error, { root: '(record)' })}`);
  return parsed.data;
}

export function outcomeFromRow(data: unknown): Outcome {
  const parsed = OutcomeSchema.safeParse(parseData(data, 'outcome'));
  if (!parsed.success)
    throw new TypeError(`stored outcome is invalid: ${describeIssues(parsed.error, { root: '(record)' })}`);
  return parsed.data;
}
