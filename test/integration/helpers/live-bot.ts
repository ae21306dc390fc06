/**
 * What the integration tests against a real bot process (test/storage/helpers/botInstance.ts) share: a mock Bot
 * Connector the bot replies to, the bot process, posting to it, and reading what it delivered or stored.
 *
 *   const live = liveBot({ idPrefix: 'retry' });
 *   beforeAll(() => live.open({ env: { OUTBOUND_MAX_ATTEMPTS: '2' } })); // connector, then the bot
 *   afterAll(() => live.close());
 *
 *   it('answers a paste once', async () => {
 *     const paste = personalMessage(live.nextId(), CODE, { conversationId: 'a:once' });
 *     await live.post(paste);
 *     const matchCard = await live.firstCardIn(paste);
 *     const step = await live.click(actionOf(matchCard, 'start'), { ...paste, id: 'card-1' });
 *     expect(live.repliesIn('a:once')).toHaveLength(1);
 *   });
 */
import type { Activity } from 'botbuilder';
import pino from 'pino';
import { openStores, type Stores } from '../../../src/storage';
import { startMockConnector, type ConnectorCall, type MockConnector } from '../../helpers/mock-connector';
import {
  postActivity,
  startBotInstance,
  stopBotInstance,
  type BotInstance,
} from '../../storage/helpers/botInstance';
import { cardClick, type Card } from '../../teams/harness';

/** The error code the integration tests paste (an entry of the real catalogue with a guided fix). */
export const CODE = 'UserErrorGuestAgentStatusUnavailable';

/** How a bot process is started: `databaseUrl` for PostgreSQL (else SQLite in `dataDir`), extra env, node args. */
export interface BotStart {
  databaseUrl?: string | undefined;
  env?: Record<string, string>;
  dataDir?: string;
  nodeArgs?: string[];
}

export interface LiveBot {
  /** The mock Bot Connector (after `open`). */
  readonly connector: MockConnector;
  /** The running bot process (after `open(start)` or `start`). */
  readonly bot: BotInstance;
  /** Whether a bot process is running (started and not stopped). */
  readonly running: boolean;
  /** Starts the connector, and the bot too when `start` is given. */
  open(start?: BotStart): Promise<void>;
  /** Stops the bot if one is running (removing its DATA_DIR) and closes the connector. */
  close(): Promise<void>;
  /** Starts the bot process (after a `stop`, e.g. on the same `dataDir`). */
  start(start?: BotStart): Promise<BotInstance>;
  /** Stops the bot process: SIGTERM, or `signal`; `keepData` keeps its DATA_DIR for the next `start`. */
  stop(options?: { signal?: NodeJS.Signals; keepData?: boolean }): Promise<void>;
  /** `${idPrefix}-1`, `${idPrefix}-2`, …: activity ids unique within the run. */
  nextId(): string;
  /** POSTs an activity to the bot's /api/messages (serviceUrl: the connector); status and JSON body. */
  post(activity: object): Promise<{ status: number; body: unknown }>;
  /** Clicks `action` on `cardMessage` (id: `nextId()`), expects HTTP 200 and returns the card it answered with. */
  click(
    action: { verb: string; data: Record<string, unknown> },
    cardMessage: object,
    id?: string,
  ): Promise<Card>;
  /** The replies and sends the connector delivered into one conversation. */
  repliesIn(conversationId: string): ConnectorCall[];
  /** Waits (15 s at most) for the first reply in `activity`'s conversation and returns its Adaptive Card. */
  firstCardIn(activity: Partial<Activity>): Promise<Card>;
}

/** See the example at the top of this file. */
export function liveBot(options: { idPrefix: string }): LiveBot {
  let connector: MockConnector | undefined;
  let bot: BotInstance | undefined;
  let counter = 0;

  const live: LiveBot = {
    get connector() {
      if (!connector) throw new Error('liveBot: open() first');
      return connector;
    },
    get bot() {
      if (!bot) throw new Error('liveBot: no bot running (open(start) or start())');
      return bot;
    },
    get running() {
      return bot !== undefined;
    },
    async open(start) {
      connector = await startMockConnector();
      if (start) await live.start(start);
    },
    async close() {
      if (bot) await stopBotInstance(bot);
      bot = undefined;
      await connector?.close();
    },
    async start(start = {}) {
      const { databaseUrl, ...instanceOptions } = start;
      bot = await startBotInstance(databaseUrl, instanceOptions);
      return bot;
    },
    async stop(stopOptions = {}) {
      if (bot) await stopBotInstance(bot, stopOptions);
      bot = undefined;
    },
    nextId: () => `${options.idPrefix}-${++counter}`,
    post: (activity) => postActivity(live.bot, activity, live.connector.url),
    async click(action, cardMessage, id = live.nextId()) {
      const { status, body } = await live.post(cardClick(id, action, cardMessage as Partial<Activity>));
      expect(status).toBe(200);
      return (body as { value: Card }).value;
    },
    repliesIn: (conversationId) =>
      live.connector
        .delivered()
        .filter((c) => (c.kind === 'reply' || c.kind === 'send') && c.conversationId === conversationId),
    async firstCardIn(activity) {
      const conversationId = String(activity.conversation?.id);
      await live.connector.waitFor(() => live.repliesIn(conversationId).length > 0, 15_000);
      return cardOfCall(live.repliesIn(conversationId)[0]);
    },
  };
  return live;
}

/** The Adaptive Card a connector call (a reply or send) carried. */
export function cardOfCall(call: ConnectorCall | undefined): Card {
  return (call?.body as { attachments: Array<{ content: Card }> }).attachments[0]?.content as Card;
}

/**
 * Opens the stores a bot process wrote (its DATA_DIR, or `databaseUrl`), runs `use` and closes them:
 *
 *   await withStores({ dataDir }, async (stores) => expect(await stores.outcomes.list()).toHaveLength(1));
 */
export async function withStores<T>(
  where: { dataDir: string; databaseUrl?: string | undefined },
  use: (stores: Stores) => Promise<T>,
): Promise<T> {
  const stores = await openTestStores(where);
  try {
    return await use(stores);
  } finally {
    await stores.close();
  }
}

/** The stores a bot process wrote, opened with a silent logger; the caller closes them. */
export function openTestStores(where: {
  dataDir: string;
  databaseUrl?: string | undefined;
}): Promise<Stores> {
  return openStores({
    dataDir: where.dataDir,
    ...(where.databaseUrl && { databaseUrl: where.databaseUrl }),
    logger: pino({ level: 'silent' }),
  });
}
