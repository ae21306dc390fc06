/**
 * End to end over HTTP (issue 7): the composition root (startRemedy) with the real catalogue, matcher, bot and
 * SQLite store, listening on a port in local mode (no token checks, as with the Agents Playground); real Teams
 * Activity JSON is posted to POST /api/messages with serviceUrl pointing at a mock Bot Connector that records
 * every reply and card update.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startRemedy, type RunningRemedy } from '../../src/main';
import { captureLogger } from '../server/log-capture';
import { startMockConnector, type ConnectorCall, type MockConnector } from '../helpers/mock-connector';

const CODE = 'UserErrorGuestAgentStatusUnavailable';
const PASTE = `Backup failed with error ${CODE}: VM Agent unable to communicate with Azure Backup.`;
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

interface Card {
  type: string;
  [key: string]: unknown;
}
interface ExecuteAction {
  type: 'Action.Execute';
  verb: string;
  data?: unknown;
  title?: string;
}

let dir: string;
let connector: MockConnector;
let remedy: RunningRemedy;
let log: ReturnType<typeof captureLogger>;
let counter = 0;

async function start(extraEnv: Record<string, string> = {}): Promise<void> {
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dir,
    PLAYGROUND: 'false',
    LOG_LEVEL: 'info',
    CATALOGUE_PATH: path.resolve(__dirname, '../../knowledge/catalogue.json'),
    OUTBOUND_BASE_DELAY_MS: '10',
    OUTBOUND_MAX_DELAY_MS: '50',
    ...extraEnv,
  });
  log = captureLogger('info');
  remedy = await startRemedy(config, { logger: log.logger });
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'remedy-http-'));
  connector = await startMockConnector();
});

afterEach(async () => {
  await remedy?.stop();
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
});

function personal(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `1700000000${String(counter).padStart(3, '0')}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:1a2b3c-user', name: 'Dana Ops', aadObjectId: '7e1d4c2a-0000-4000-8000-000000000001' },
    conversation: { conversationType: 'personal', tenantId: 'tenant-1', id: 'a:1personal-chat-dana' },
    recipient: { id: '28:remedy-bot-id', name: 'Remedy' },
    textFormat: 'plain',
    locale: 'en-US',
    text,
    entities: [
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Amsterdam' },
    ],
    channelData: { tenant: { id: 'tenant-1' } },
    ...overrides,
  };
}

function channelPost(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = personal(text, overrides);
  return {
    ...base,
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: 'tenant-1',
      id: `19:ops@thread.tacv2;messageid=${String(base.id)}`,
    },
    channelData: {
      teamsChannelId: '19:ops@thread.tacv2',
      teamsTeamId: '19:team@thread.tacv2',
      channel: { id: '19:ops@thread.tacv2' },
      team: { id: '19:team@thread.tacv2' },
      tenant: { id: 'tenant-1' },
    },
    ...overrides,
  };
}

function cardClick(action: ExecuteAction, replyToId: string): Record<string, unknown> {
  counter += 1;
  return {
    ...personal(''),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    id: `f:invoke-${counter}`,
    replyToId,
    value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
  };
}

async function post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${remedy.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function cardOf(call: ConnectorCall | undefined): Card {
  const attachments =
    (call?.body as { attachments?: Array<{ contentType: string; content: Card }> } | undefined)
      ?.attachments ?? [];
  const card = attachments.find((attachment) => attachment.contentType === CARD_TYPE)?.content;
  if (!card) throw new Error(`no adaptive card in ${JSON.stringify(call?.body).slice(0, 300)}`);
  return card;
}

function actionsOf(card: unknown): ExecuteAction[] {
  const found: ExecuteAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if ((node as { type?: unknown }).type === 'Action.Execute') found.push(node as ExecuteAction);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

function action(card: unknown, verb: string): ExecuteAction {
  const found = actionsOf(card).find((candidate) => candidate.verb === verb);
  if (!found)
    throw new Error(
      `no ${verb} action; verbs: ${actionsOf(card)
        .map((a) => a.verb)
        .join(', ')}`,
    );
  return found;
}

const textOf = (card: unknown): string => JSON.stringify(card);

describe('POST /api/messages end to end', () => {
  it('answers a pasted error with a match card, then guides the fix through card clicks with in-place updates', async () => {
    await start();
    const pasted = await post(personal(PASTE));
    expect(pasted.status).toBe(200);
    const [reply] = connector.delivered('reply');
    expect(reply).toMatchObject({
      conversationId: 'a:1personal-chat-dana',
      activityId: expect.stringMatching(/^1700000000/),
    });
    const matchCard = cardOf(reply);
    expect(textOf(matchCard)).toContain(CODE);
    const cardMessageId = 'activity-1'; // the id the mock connector gave the card message

    // Start → the invoke response carries the first step card, and the original message is updated for everyone.
    const started = await post(cardClick(action(matchCard, 'start'), cardMessageId));
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ statusCode: 200, type: CARD_TYPE, value: { type: 'AdaptiveCard' } });
    const stepCard = (started.body as { value: Card }).value;
    // A fix step offers fixed/next/escalate; a check step (the article's "ensure that…") yes/no/escalate.
    expect(actionsOf(stepCard).map((a) => a.verb)).toEqual(
      expect.arrayContaining(
        actionsOf(stepCard).some((a) => a.verb === 'yes')
          ? ['yes', 'no', 'escalate']
          : ['fixed', 'next', 'escalate'],
      ),
    );
    const updates = connector.delivered('update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      method: 'PUT',
      conversationId: 'a:1personal-chat-dana',
      activityId: cardMessageId,
    });
    expect(textOf(cardOf(updates[0]))).toBe(textOf(stepCard));

    // On → the next step; Back → that step again; on to a fix step; Fixed → resolved. Every click updates the card.
    const moveOn = (card: Card) => (actionsOf(card).some((a) => a.verb === 'next') ? 'next' : 'no');
    const next = await post(cardClick(action(stepCard, moveOn(stepCard)), cardMessageId));
    const secondStep = (next.body as { value: Card }).value;
    expect(textOf(secondStep)).not.toBe(textOf(stepCard));
    const back = await post(cardClick(action(secondStep, 'back'), cardMessageId));
    let current = (back.body as { value: Card }).value;
    expect(textOf(current)).not.toBe(textOf(secondStep));
    let clicks = 2;
    while (!actionsOf(current).some((a) => a.verb === 'fixed') && clicks < 12) {
      current = (
        (await post(cardClick(action(current, moveOn(current)), cardMessageId))).body as { value: Card }
      ).value;
      clicks += 1;
    }
    const fixed = await post(cardClick(action(current, 'fixed'), cardMessageId));
    expect(fixed.status).toBe(200);
    expect(connector.delivered('update')).toHaveLength(1 + clicks + 1);
    expect(actionsOf((fixed.body as { value: Card }).value).map((a) => a.verb)).not.toContain('next');

    // The outcome is recorded and shown by `stats`.
    const outcomes = await remedy.stores.outcomes.list();
    expect(outcomes).toEqual([
      expect.objectContaining({ outcome: 'resolved', codes: expect.arrayContaining([CODE]) }),
    ]);
    await post(personal('stats'));
    const statsReply = connector.delivered('reply').at(-1);
    expect(textOf(statsReply?.body)).toContain(CODE);
    expect(connector.delivered('reply')).toHaveLength(2);
  });

  it('stays silent on small talk in a channel, and replies in the thread to a pasted error', async () => {
    await start();
    await post(channelPost('anyone up for lunch at noon?'));
    expect(connector.calls).toHaveLength(0);
    const root = channelPost(PASTE);
    await post(root);
    const [reply] = connector.delivered();
    expect(reply?.conversationId).toBe(`19:ops@thread.tacv2;messageid=${String(root.id)}`);
    expect(textOf(cardOf(reply))).toContain(CODE);
  });

  it('delivers exactly one reply when the connector throttles with 429 and Retry-After', async () => {
    await start();
    connector.failNext(2, { status: 429, retryAfterSeconds: 0 });
    expect((await post(personal(PASTE))).status).toBe(200);
    expect(connector.calls.map((call) => call.status)).toEqual([429, 429, 200]);
    expect(connector.delivered()).toHaveLength(1);
  });

  it('answers a Teams retry of the same activity only once', async () => {
    await start();
    const activity = personal(PASTE);
    await post(activity);
    await post(activity);
    expect(connector.delivered()).toHaveLength(1);
  });

  it('limits a flood in one conversation without starving another', async () => {
    await start({ RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1' });
    for (let i = 0; i < 8; i += 1) await post(personal(PASTE));
    const floodReplies = connector
      .delivered()
      .filter((call) => call.conversationId === 'a:1personal-chat-dana');
    const matchCards = floodReplies.filter((call) => textOf(call.body).includes(CODE));
    expect(matchCards).toHaveLength(3);
    await post(
      personal(PASTE, {
        conversation: { conversationType: 'personal', tenantId: 'tenant-1', id: 'a:1other-chat' },
        from: { id: '29:other', name: 'Other' },
      }),
    );
    const other = connector.delivered().filter((call) => call.conversationId === 'a:1other-chat');
    expect(other).toHaveLength(1);
    expect(textOf(cardOf(other[0]))).toContain(CODE);
    expect(log.lines.filter((line) => line.event === 'paste_rate_limited')).toHaveLength(5);
  });

  it('serves health and readiness next to the bot endpoint', async () => {
    await start();
    expect((await fetch(`${remedy.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${remedy.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { catalogue: 'ok', store: 'ok' } });
  });
});
