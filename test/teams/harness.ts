/**
 * Drives the real bot through botbuilder's TestAdapter: builds Teams-shaped activities (personal chat, channel
 * threads, mentions, Universal Action invokes) and records everything the bot sends, updates and logs.
 */
import { Writable } from 'node:stream';
import {
  TestAdapter,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import pino from 'pino';
import type { Catalogue } from '../../src/core/catalogue/catalogue';
import type { ActivityLedger, OutcomeLog, SessionStore } from '../../src/core/ports';
import { createBot, type BotMatcher } from '../../src/teams/bot';
import type { ConversationRateLimiter } from '../../src/teams/turn';
import { memoryStores } from '../helpers/memory-stores';
import { fakeMatcher } from './fake-matcher';
import { fixtureCatalogue } from './fixtures';

export const BOT = { id: '28:remedy-bot', name: 'Remedy' };
export const TENANT = 'tenant-1';
export const CHANNEL_CONVERSATION = '19:ops-channel@thread.tacv2';

/** What the bot sent or updated, tagged with the inbound activity whose turn did it (turns may overlap). */
interface Recorded {
  turn: string | undefined;
  activity: Partial<Activity>;
}

/** Records sends and updates per turn; everything else is TestAdapter's. */
export class RecordingAdapter extends TestAdapter {
  readonly sent: Recorded[] = [];
  readonly updated: Recorded[] = [];
  private counter = 0;

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const id = activity.id ?? `bot-msg-${++this.counter}`;
      this.sent.push({ turn: context.activity.id, activity: { ...activity, id } });
      responses.push({ id });
    }
    return responses;
  }

  override async updateActivity(
    context: TurnContext,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse | void> {
    this.updated.push({ turn: context.activity.id, activity: { ...activity } });
    return { id: activity.id ?? '' };
  }
}

export interface LogLine {
  level: number;
  msg: string;
  event?: string;
  code?: string;
  [key: string]: unknown;
}

export interface HarnessOptions {
  catalogue: Catalogue;
  matcher: BotMatcher;
  sessions: SessionStore;
  outcomes: OutcomeLog;
  ledger: ActivityLedger;
  rateLimiter?: ConversationRateLimiter;
  now?: Date;
}

export function createHarness(options: HarnessOptions) {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  let now = options.now ?? new Date('2026-11-22T09:00:00.000Z');
  const clock = { now: () => new Date(now) };
  let ids = 0;
  const bot = createBot({
    catalogue: options.catalogue,
    matcher: options.matcher,
    sessions: options.sessions,
    outcomes: options.outcomes,
    ledger: options.ledger,
    logger,
    clock,
    userHashSalt: 'test-salt',
    newId: () => `session-${++ids}`,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
  });
  const reference: Partial<ConversationReference> = {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/emea/',
  };
  const adapter = new RecordingAdapter(reference as ConversationReference);
  let activityCounter = 0;

  /** Processes one activity; resolves to what the bot sent (and updated) during that turn. */
  async function send(activity: Partial<Activity>) {
    const sentBefore = adapter.sent.length;
    const updatedBefore = adapter.updated.length;
    await adapter.processActivity({ ...activity }, (context) => bot.run(context));
    // A repeated activity id (a Teams retry) must only see its own turn's output: look after what was there.
    const ofThisTurn = (records: Recorded[]) =>
      records.filter((r) => r.turn === activity.id).map((r) => r.activity);
    const sent = ofThisTurn(adapter.sent.slice(sentBefore));
    return {
      replies: sent.filter((a) => a.type === 'message'),
      invokeResponse: sent.find((a) => a.type === 'invokeResponse')?.value as
        { status: number; body: { statusCode: number; type: string; value: Card } } | undefined,
      updates: ofThisTurn(adapter.updated.slice(updatedBefore)),
    };
  }

  return {
    bot,
    adapter,
    logger,
    logs,
    send,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    nextId: () => `act-${++activityCounter}`,
  };
}

/**
 * The harness over the bot's usual test parts: the fixture catalogue (fixtures.ts), the fake matcher and
 * in-memory stores — each part is returned too:
 *
 *   const h = fixtureHarness();                 // h.send(personalMessage('m1', CODE)); h.matcher.calls
 *   const h = fixtureHarness({ outage: true }); // every store call fails until h.stores.outage.on = false
 */
export function fixtureHarness(options: { outage?: boolean; rateLimiter?: ConversationRateLimiter } = {}) {
  const catalogue = fixtureCatalogue();
  const matcher = fakeMatcher(catalogue);
  const stores = memoryStores({ on: options.outage ?? false });
  const harness = createHarness({
    catalogue,
    matcher,
    ...stores,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
  });
  return { catalogue, matcher, stores, ...harness };
}

export type Card = Record<string, unknown>;

export interface Person {
  id: string;
  name: string;
}
export const ALICE: Person = { id: '29:alice', name: 'Alice Admin' };
export const BOB: Person = { id: '29:bob', name: 'Bob Backup' };

function base(id: string, from: Person, locale: string) {
  return {
    id,
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/emea/',
    from: { id: from.id, name: from.name, aadObjectId: `aad-${from.id}` },
    recipient: { id: BOT.id, name: BOT.name },
    locale,
    timestamp: new Date('2026-11-22T09:00:00.000Z'),
  };
}

/**
 * A message in a personal chat (by default Alice's, `a:1dm1`; Bob's is `a:1dm2`). `conversationId` puts it in
 * another chat, e.g. one per test against a shared bot process:
 * `personalMessage('m-1', CODE, { conversationId: 'a:retry' })`.
 */
export function personalMessage(
  id: string,
  text: string | undefined,
  opts: { from?: Person; locale?: string; conversationId?: string } = {},
): Partial<Activity> {
  return {
    ...base(id, opts.from ?? ALICE, opts.locale ?? 'en-US'),
    type: 'message',
    ...(text !== undefined ? { text } : {}),
    conversation: {
      id: opts.conversationId ?? `a:1dm${(opts.from ?? ALICE) === ALICE ? 1 : 2}`,
      conversationType: 'personal',
      tenantId: TENANT,
      isGroup: false,
      name: '',
    },
    channelData: { tenant: { id: TENANT } },
  } as Partial<Activity>;
}

/** A channel message; `threadRoot` is the root post's id (a reply in a thread), else the message starts a post. */
export function channelMessage(
  id: string,
  text: string,
  opts: { mention?: boolean; threadRoot?: string; from?: Person; locale?: string } = {},
): Partial<Activity> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(id, opts.from ?? ALICE, opts.locale ?? 'en-US'),
    type: 'message',
    text: opts.mention ? `${mention} ${text}` : text,
    entities: opts.mention
      ? [{ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } }]
      : [],
    conversation: {
      id: `${CHANNEL_CONVERSATION};messageid=${opts.threadRoot ?? id}`,
      conversationType: 'channel',
      tenantId: TENANT,
      isGroup: true,
      name: '',
    },
    channelData: {
      tenant: { id: TENANT },
      team: { id: '19:team@thread.tacv2' },
      channel: { id: CHANNEL_CONVERSATION },
    },
  } as Partial<Activity>;
}

/** A Universal Action click (`adaptiveCard/action`) on the card message `replyToId`, in the same conversation. */
export function cardClick(
  id: string,
  action: { verb: string; data: Record<string, unknown> } | Record<string, unknown>,
  inReplyTo: Partial<Activity>,
  opts: { from?: Person; locale?: string } = {},
): Partial<Activity> {
  const value =
    'verb' in action && typeof action.verb === 'string'
      ? { action: { type: 'Action.Execute', ...action }, trigger: 'manual' }
      : action;
  return {
    ...base(id, opts.from ?? ALICE, opts.locale ?? 'en-US'),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value,
    replyToId: inReplyTo.id,
    conversation: inReplyTo.conversation,
    channelData: inReplyTo.channelData,
  } as Partial<Activity>;
}

// ---- reading cards -------------------------------------------------------------------------------------------

export function cardOf(activity: Partial<Activity> | undefined): Card {
  const attachment = activity?.attachments?.[0];
  if (!attachment || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`expected an Adaptive Card, got ${JSON.stringify(activity).slice(0, 300)}`);
  }
  return attachment.content as Card;
}

/** Every Action.Execute in the card (body action sets included). */
export function executeActions(
  card: Card,
): Array<{ verb: string; title: string; data: Record<string, unknown> }> {
  const found: Array<{ verb: string; title: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string' && record.verb !== 'refresh') {
        found.push({
          verb: record.verb,
          title: String(record.title ?? ''),
          data: (record.data ?? {}) as Record<string, unknown>,
        });
      }
      for (const [key, value] of Object.entries(record)) if (key !== 'refresh') walk(value);
    }
  };
  walk(card);
  return found;
}

export function actionOf(card: Card, verb: string, index = 0) {
  const action = executeActions(card).filter((a) => a.verb === verb)[index];
  if (!action)
    throw new Error(
      `card has no ${verb} action; it has ${executeActions(card)
        .map((a) => a.verb)
        .join(', ')}`,
    );
  return { verb: action.verb, data: action.data };
}

/** The session id a guided-fix card's buttons carry: `const sessionId = sessionIdOf(stepCard)`. */
export function sessionIdOf(card: Card): string {
  return String(executeActions(card).find((a) => a.data.sessionId)?.data.sessionId);
}

/** All visible text of a card, joined (TextBlocks, facts, RichText runs, action titles). */
export function textOf(card: Card): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value'])
        if (typeof record[key] === 'string') parts.push(record[key] as string);
      for (const value of Object.values(record)) if (typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return parts.join('\n');
}
