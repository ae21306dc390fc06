import type { Session } from '../../src/core/remediation/session';

/** An active session on `stepIds[position]`, shown in `locale`: the minimum a session card needs. */
export function activeSession(entryId: string, stepIds: string[], position: number, locale: string): Session {
  return {
    id: 's',
    version: 1,
    entryId,
    stepIds,
    position,
    tried: [],
    status: 'active',
    startedBy: 'u',
    locale,
    lang: 'en',
    conversation: { conversationId: 'c', serviceUrl: 'https://x/' },
    match: { verdict: 'confident', score: 1, codes: [], textHash: 'h' },
    pastedAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}
