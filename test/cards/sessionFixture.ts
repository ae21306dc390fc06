import type { Session } from '../../src/core/remediation/session';

/** The time every fixture session was pasted, created and updated. */
export const SESSION_AT = '2026-01-05T09:00:00.000Z';

/**
 * A session of `entryId` over `stepIds`: active on the first step, English, pasted and confidently matched at
 * SESSION_AT — the minimum a session card needs. `patch` sets what a test is about:
 *
 *   sessionCard({ catalogue, session: sessionFixture(entry.id, stepIds, { position: 2, locale: 'ko-KR' }) })
 */
export function sessionFixture(entryId: string, stepIds: string[], patch: Partial<Session> = {}): Session {
  return {
    id: 'session-1',
    version: 1,
    entryId,
    stepIds,
    position: 0,
    tried: [],
    status: 'active',
    startedBy: 'u',
    locale: 'en-US',
    lang: 'en',
    conversation: { conversationId: 'c', serviceUrl: 'https://x/' },
    match: { verdict: 'confident', score: 0.9, codes: [], textHash: 'h' },
    pastedAt: SESSION_AT,
    createdAt: SESSION_AT,
    updatedAt: SESSION_AT,
    ...patch,
  };
}
