/**
 * Clicks are bound to their place (issue 12), against a real bot process (SQLite; PostgreSQL with
 * TEST_DATABASE_URL): the "fixed" data of a session started in conversation A, posted from conversation B of
 * another tenant and user, gets "this card belongs to another conversation" and changes nothing — A's session
 * stays active, no outcome, nothing is sent or updated in B. And a Start clicked twice without replyToId (clients
 * that omit it) starts one session, not two.
 */
import type { Activity } from 'botbuilder';
import pino from 'pino';
import { openStores, type Stores } from '../../src/storage';
import { startMockConnector, type MockConnector } from '../helpers/mock-connector';
import {
  postActivity,
  startBotInstance,
  stopBotInstance,
  type BotInstance,
} from '../storage/helpers/botInstance';
import { actionOf, cardClick, executeActions, personalMessage, textOf, type Card } from '../teams/harness';

jest.setTimeout(120_000);

const CODE = 'UserErrorGuestAgentStatusUnavailable';
const pgUrl = process.env.TEST_DATABASE_URL;
const targets = [
  { name: 'SQLite', databaseUrl: undefined as string | undefined },
  ...(pgUrl ? [{ name: 'PostgreSQL', databaseUrl: pgUrl }] : []),
];

describe.each(targets)('card actions from another conversation ($name)', ({ databaseUrl }) => {
  let connector: MockConnector;
  let bot: BotInstance;
  let stores: Stores;
  const run = Date.now();
  let counter = 0;
  const nextId = () => `foreign-${run}-${++counter}`;

  beforeAll(async () => {
    connector = await startMockConnector();
    bot = await startBotInstance(databaseUrl);
    stores = await openStores({
      dataDir: bot.dataDir,
      ...(databaseUrl && { databaseUrl }),
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await stores?.close();
    if (bot) await stopBotInstance(bot);
    await connector?.close();
  });

  const post = async (activity: object) => {
    const response = await postActivity(bot, activity, connector.url);
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
    connector.calls.filter((c) => c.conversationId === conversationId);

  async function startedSession(conversationId: string) {
    const paste = inConversation(conversationId, 'tenant-a');
    await post(paste);
    await connector.waitFor(() => callsIn(conversationId).some((c) => c.kind === 'reply'), 15_000);
    const reply = callsIn(conversationId).find((c) => c.kind === 'reply');
    const matchCard = (reply?.body as { attachments: Array<{ content: Card }> }).attachments[0]
      ?.content as Card;
    const cardMessage = { ...paste, id: `card-${nextId()}` };
    let card = valueOf(await post(cardClick(nextId(), actionOf(matchCard, 'start'), cardMessage as never)));
    for (let guard = 0; !executeActions(card).some((a) => a.verb === 'fixed') && guard < 10; guard++) {
      const verbs = executeActions(card).map((a) => a.verb);
      const verb = verbs.includes('next') ? 'next' : verbs.includes('no') ? 'no' : 'yes';
      card = valueOf(await post(cardClick(nextId(), actionOf(card, verb), cardMessage as never)));
    }
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
    await connector.waitFor(() => callsIn(c).some((call) => call.kind === 'reply'), 15_000);
    const reply = callsIn(c).find((call) => call.kind === 'reply');
    const matchCard = (reply?.body as { attachments: Array<{ content: Card }> }).attachments[0]
      ?.content as Card;
    const clickWithoutReplyTo = () => {
      const click = cardClick(nextId(), actionOf(matchCard, 'start'), paste as never);
      delete click.replyToId;
      return click;
    };
    const first = valueOf(await post(clickWithoutReplyTo()));
    const second = valueOf(await post(clickWithoutReplyTo()));
    const idOf = (card: Card) => String(executeActions(card).find((a) => a.data.sessionId)?.data.sessionId);
    expect(idOf(first)).toMatch(/^s-[0-9a-f]{32}$/);
    expect(idOf(second)).toBe(idOf(first));
  });
});
