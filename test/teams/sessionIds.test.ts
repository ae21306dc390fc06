import type { Activity } from 'botbuilder';
import { belongsHere, sessionIdForCard, sessionIdOfCardMessage } from '../../src/teams/sessionIds';
import { makeSession } from '../storage/fixtures';

const activity = (conversationId: string, tenantId = 't1'): Partial<Activity> =>
  ({
    conversation: { id: conversationId, tenantId },
    channelData: { tenant: { id: tenantId } },
    serviceUrl: 'https://smba.example/',
  }) as Partial<Activity>;

const key = { entryId: 'e', textHash: 'h', pastedAt: '2026-03-01T10:00:00.000Z' };

describe('session ids', () => {
  it('are the same for the same card, and differ by conversation, tenant, card and secret', () => {
    const base = { secret: 'server-secret-1', activity: activity('19:a'), cardActivityId: 'card-1', ...key };
    const id = sessionIdForCard(base);
    expect(id).toMatch(/^s-[0-9a-f]{32}$/);
    expect(sessionIdForCard(base)).toBe(id);
    expect(sessionIdOfCardMessage('server-secret-1', activity('19:a'), 'card-1')).toBe(id);
    expect(sessionIdForCard({ ...base, activity: activity('19:b') })).not.toBe(id);
    expect(sessionIdForCard({ ...base, activity: activity('19:a', 't2') })).not.toBe(id);
    expect(sessionIdForCard({ ...base, cardActivityId: 'card-2' })).not.toBe(id);
    // Without the server secret nobody can compute it.
    expect(sessionIdForCard({ ...base, secret: 'another-secret' })).not.toBe(id);
  });

  it('without replyToId, are keyed on the paste the card answers (so a second click finds the session)', () => {
    const base = { secret: 's', activity: activity('19:a'), cardActivityId: undefined, ...key };
    expect(sessionIdForCard(base)).toBe(sessionIdForCard({ ...base }));
    expect(sessionIdForCard({ ...base, pastedAt: '2026-03-01T10:05:00.000Z' })).not.toBe(
      sessionIdForCard(base),
    );
  });
});

describe('belongsHere', () => {
  const session = makeSession('s1'); // conversation 19:s1@thread.tacv2, tenant t1
  it('accepts the session’s own conversation and tenant only', () => {
    expect(belongsHere(session, activity('19:s1@thread.tacv2'))).toBe(true);
    expect(belongsHere(session, activity('19:other@thread.tacv2'))).toBe(false);
    expect(belongsHere(session, activity('19:s1@thread.tacv2', 't2'))).toBe(false);
  });
});
