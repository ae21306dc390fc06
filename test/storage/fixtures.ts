/** Records and loggers for the storage tests. */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { Outcome } from '../../src/core/outcomes/outcome';
import type { Session } from '../../src/core/remediation/session';
import { outcomeOf } from '../../src/core/remediation/transitions';

export { outcomeOf };

export function makeSession(id: string, overrides: Partial<Session> = {}): Session {
  return {
    id,
    version: 1,
    entryId: 'user-error-guest-agent-status-unavailable',
    stepIds: ['e#s1', 'e#s2', 'e#s3', 'e#s4'],
    position: 0,
    tried: [],
    status: 'active',
    startedBy: 'hash-alice',
    locale: 'en-US',
    lang: 'en',
    conversation: {
      conversationId: `19:${id}@thread.tacv2`,
      serviceUrl: 'https://smba.example/',
      tenantId: 't1',
    },
    match: {
      verdict: 'confident',
      score: 0.93,
      codes: ['UserErrorGuestAgentStatusUnavailable'],
      textHash: 'th',
    },
    pastedAt: '2026-03-01T10:00:00.000Z',
    createdAt: '2026-03-01T10:00:01.000Z',
    updatedAt: '2026-03-01T10:00:01.000Z',
    ...overrides,
  };
}

/** The session after "Didn't help — next": one step further, version + 1. */
export function nextStep(session: Session): Session {
  return {
    ...session,
    version: session.version + 1,
    tried: [...session.tried, session.stepIds[session.position] as string],
    position: Math.min(session.position + 1, session.stepIds.length - 1),
    updatedAt: new Date(Date.parse(session.updatedAt) + 1000).toISOString(),
  };
}

/** The session after "This fixed it" on the current step, with its outcome record. */
export function resolve(session: Session, userHash = 'hash-bob'): { session: Session; outcome: Outcome } {
  const endedAt = new Date(Date.parse(session.updatedAt) + 1000).toISOString();
  const stepId = session.stepIds[session.position] as string;
  const ended: Session = {
    ...session,
    version: session.version + 1,
    status: 'resolved',
    resolvedStepId: stepId,
    endedBy: userHash,
    updatedAt: endedAt,
    endedAt,
  };
  return { session: ended, outcome: outcomeOf(ended) };
}

export function makeOutcome(sessionId: string, overrides: Partial<Outcome> = {}): Outcome {
  return {
    sessionId,
    entryId: 'user-error-guest-agent-status-unavailable',
    outcome: 'resolved',
    resolvedStepId: 'e#s2',
    stepsTried: ['e#s1'],
    matchVerdict: 'confident',
    matchScore: 0.9,
    codes: ['UserErrorGuestAgentStatusUnavailable'],
    textHash: 'th',
    locale: 'en-US',
    lang: 'en',
    tenantId: 't1',
    userHash: 'hash-bob',
    pastedAt: '2026-03-01T10:00:00.000Z',
    endedAt: '2026-03-01T10:04:00.000Z',
    ...overrides,
  };
}

export interface CapturedLogger {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
}

/** A pino logger whose JSON lines are kept in memory. */
export function captureLogger(): CapturedLogger {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

export const silentLogger: Logger = pino({ level: 'silent' });
