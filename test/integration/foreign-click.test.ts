/**
 * Clicks are bound to their place (issue 12), against a real bot process (SQLite; PostgreSQL with
 * TEST_DATABASE_URL): the "fixed" data of a session started in conversation A, posted from conversation B of
 * another tenant and user, gets "this card belongs to another conversation" and changes nothing — A's session
 * stays active, no outcome, nothing is sent or updated in B. And a Start clicked twice without replyToId (clients
 * that omit it) starts one session, not two.
 */
import type { Activity } from 'botbuilder';
import type { Stores } from '../../src/storage';
import { actionOf, cardClick, personalMessage, sessionIdOf, textOf, type Card } from '../teams/harness';
import { CODE, liveBot, openTestStores } from './helpers/live-bot';
import { untilFixable } from './helpers/steps';

jest.setTimeout(120_000);

const pgUrl = process.env.TEST_DATABASE_URL;
const targets = [
  { name: 'SQLite', databaseUrl: undefined as string | undefined },
  ...(pgUrl ? [{ name: 'PostgreSQL', databaseUrl: pgUrl }] : []),
];

describe.each(targets)('card actions from another conversation ($name)', ({ databaseUrl }) => {
  const run = Date.now();
  const live = liveBot({ idPrefix: `foreign-${run}` });
  const { nextId } = live;
  let stores: Stores;

  beforeAll(async () => {
    await live.open({ databaseUrl });
    stores = await openTestStores({ dataDir: live.bot.dataDir, databaseUrl });
  });
  afterAll(async () => {
    await stores?.close();
    await live.close();
  });

  const post = async (activity: object) => {
    const response = await live.post(activity);
    expect(response.status).toBe(200);
    return response;
  };
  const valueOf = (response: { body: unknown }) => (response.body as { value: Card }).value;
  const inConversation = (conversationId: string, tenantId: string, from = 'alice') => {
    const activity = personalMessage(nextId(), CODE);
    return {
      ...activity,
      from: { id: `29:${from}`, name: from },
      conversation: { ...activity.conversation, id: conversationId, tenantId } as Activity['conversation'],
      channelData: { tenant: { id: tenantId } },
    } as Partial<Activity>;
  };
  const callsIn = (conversationId: string) =>
    live.connector.calls.filter((c) => c.conversationId === conversationId);

  async function startedSession(conversationId: string) {
    const paste = inConversation(conversationId, 'tenant-a');
    await post(paste);
    const matchCard = await live.firstCardIn(paste);
    const cardMessage = { ...paste, id: `card-${nextId()}` };
    const click = (action: ReturnType<typeof actionOf>) => live.click(action, cardMessage);
    const card = await untilFixable(await click(actionOf(matchCard, 'start')), click);
    return { paste, matchCard, cardMessage, fixed: actionOf(card, 'fixed') };
  }

  it('refuses a forged "fixed" from another tenant and conversation, changing nothing', async () => {
    const a = `a:conv-a-${run}`;
    const b = `a:conv-b-${run}`;
    const { fixed } = await startedSession(a);
    const sessionId = String(fixed.data.sessionId);
    const before = await stores.sessions.get(sessionId);
    expect(before).toMatchObject({ status: 'active' });

    // Mallory, in conversation B of tenant B, posts A's button data on a message of her own.
    const foreignMessage = { ...inConversation(b, 'tenant-b', 'mallory'), id: 'mallory-card' };
    const forged = await post(cardClick(nextId(), fixed, foreignMessage as never));
    expect(textOf(valueOf(forged))).toContain('belongs to another conversation');
    // Same conversation id, another tenant: refused too.
    const otherTenant = { ...inConversation(a, 'tenant-b', 'mallory'), id: 'mallory-card-2' };
    expect(textOf(valueOf(await post(cardClick(nextId(), fixed, otherTenant as never))))).toContain(
      'belongs to another conversation',
    );
    // A refresh from B does not show A's session either.
    const refresh = await post(
      cardClick(nextId(), { verb: 'refresh', data: { sessionId } }, foreignMessage as never),
    );
    expect(textOf(valueOf(refresh))).toContain('belongs to another conversation');

    await expect(stores.sessions.get(sessionId)).resolves.toEqual(before);
    expect((await stores.outcomes.list()).filter((o) => o.sessionId === sessionId)).toEqual([]);
    expect(callsIn(b).filter((c) => c.kind === 'update' || c.kind === 'reply' || c.kind === 'send')).toEqual(
      [],
    );

    // The real user in A still ends it, once.
    const own = await post(
      cardClick(nextId(), fixed, { ...inConversation(a, 'tenant-a'), id: 'x' } as never),
    );
    expect(textOf(valueOf(own))).toContain('Fixed');
    expect((await stores.outcomes.list()).filter((o) => o.sessionId === sessionId)).toHaveLength(1);
  });

  it('starts one session for a card clicked twice without replyToId', async () => {
    const c = `a:conv-c-${run}`;
    const paste = inConversation(c, 'tenant-a');
    await post(paste);
    const matchCard = await live.firstCardIn(paste);
    const clickWithoutReplyTo = () => {
      const click = cardClick(nextId(), actionOf(matchCard, 'start'), paste as never);
      delete click.replyToId;
      return click;
    };
    const first = valueOf(await post(clickWithoutReplyTo()));
    const second = valueOf(await post(clickWithoutReplyTo()));
    expect(sessionIdOf(first)).toMatch(/^s-[0-9a-f]{32}$/);
    expect(sessionIdOf(second)).toBe(sessionIdOf(first));
  });
});
