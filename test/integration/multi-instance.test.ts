/**
 * Two bot server processes (`src/main.ts`, local mode) on different ports share one PostgreSQL. The clicks of one
 * guided session alternate between them and race each other (same click on both, a Teams retry delivered to the
 * other instance, "fixed" against "escalate"); afterwards the session and the outcome log must be consistent:
 * steps tried in plan order, every click applied once, exactly one outcome for the finished session.
 * PostgreSQL: TEST_DATABASE_URL or a throw-away server (scripts/pg-test-server.sh); skipped only without either.
 */
import path from 'node:path';
import type { Session } from '../../src/core/remediation/session';
import { loadCatalogue } from '../../src/knowledge/load';
import type { Stores } from '../../src/storage';
import {
  postActivity,
  startBotInstance,
  stopBotInstance,
  type BotInstance as Instance,
} from '../storage/helpers/botInstance';
import {
  createTestDatabase,
  postgresUnavailableReason,
  testPostgres,
  type PgServer,
} from '../storage/postgresServer';
import { actionOf, cardClick, personalMessage, sessionIdOf, textOf, type Card } from '../teams/harness';
import { CODE, liveBot, openTestStores } from './helpers/live-bot';
import { moveOnVerb, untilFixable } from './helpers/steps';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const catalogue = loadCatalogue(path.join(ROOT, 'knowledge/catalogue.json'));
const ENTRY = catalogue.byErrorCode(CODE);

const skipReason = postgresUnavailableReason();
if (skipReason) console.warn(`multi-instance test skipped: ${skipReason}`);
const describeIfPostgres = skipReason ? describe.skip : describe;

describeIfPostgres('two bot instances sharing one PostgreSQL', () => {
  let server: PgServer;
  let drop: () => Promise<void>;
  // The connector only: the two bot processes are started here.
  const live = liveBot({ idPrefix: 'act' });
  let instances: Instance[] = [];
  let stores: Stores;

  beforeAll(async () => {
    server = await testPostgres();
    const db = await createTestDatabase(server.url);
    drop = db.drop;
    await live.open();
    // Started one after the other: the second finds the schema migrated by the first.
    instances = [await startBotInstance(db.url), await startBotInstance(db.url)];
    stores = await openTestStores({ databaseUrl: db.url, dataDir: '/nonexistent' });
  });

  afterAll(async () => {
    await stores?.close();
    for (const instance of instances) await stopBotInstance(instance);
    await live.close();
    await drop?.();
    await server?.stop();
  });

  const post = (instance: Instance, activity: object) => postActivity(instance, activity, live.connector.url);
  const { nextId } = live;

  /** A card click through one instance; returns the card in the invoke response. */
  async function click(instance: Instance, card: Card, verb: string, cardMessage: object, id = nextId()) {
    const { status, body } = await post(
      instance,
      cardClick(id, actionOf(card, verb), cardMessage as Parameters<typeof cardClick>[2]),
    );
    expect(status).toBe(200);
    return (body as { value: Card }).value;
  }

  it('keeps one consistent session and exactly one outcome while clicks alternate and race', async () => {
    expect(ENTRY).toBeDefined();
    const [a, b] = instances as [Instance, Instance];

    // Paste on A: the match card goes out through the connector.
    const message = personalMessage(nextId(), `Backup failed with ${CODE}`);
    expect((await post(a, message)).status).toBeLessThan(300);
    const matchCard = await live.firstCardIn(message);
    const cardMessage = { ...message, id: 'card-message-1' };

    // Start on B.
    const card = await click(b, matchCard, 'start', cardMessage);
    const sessionId = sessionIdOf(card);
    const read = async () => (await stores.sessions.get(sessionId)) as Session;
    /** The click a card showing the session's current state would send. */
    const clickOnCurrent = async (verb: string) => {
      const s = await read();
      return {
        verb,
        data: { sessionId, entryId: s.entryId, stepId: s.stepIds[s.position] as string, version: s.version },
      };
    };
    expect((await read()).stepIds.length).toBeGreaterThanOrEqual(6);

    // Alternate: on A, then on B.
    const second = await click(a, card, moveOnVerb(card), cardMessage);
    const third = await click(b, second, moveOnVerb(second), cardMessage);
    expect(await read()).toMatchObject({ version: 3 });

    // The same click pressed by two people, landing on both instances at once: applied once.
    const verb = moveOnVerb(third);
    const [x, y] = await Promise.all([
      click(a, third, verb, cardMessage),
      click(b, third, verb, cardMessage),
    ]);
    expect(await read()).toMatchObject({ version: 4 });
    // Both show the same step; the click that lost the race also says someone else moved it on.
    const withoutNotice = (card: Card) => textOf(card).replace(/^Someone else moved[^\n]*\n/, '');
    expect(withoutNotice(x)).toBe(withoutNotice(y));

    // A Teams retry of one click (same activity id) delivered to both instances: processed once.
    const retry = cardClick(nextId(), await clickOnCurrent(moveOnVerb(x)), cardMessage as never);
    const answers = await Promise.all([post(a, retry), post(b, retry)]);
    expect(answers.every((r) => r.status < 500)).toBe(true);
    expect(await read()).toMatchObject({ version: 5 });

    // On to a step that offers "This fixed it"; then "fixed" on A against "Escalate" on B: exactly one ending.
    const current = (
      await post(a, cardClick(nextId(), { verb: 'refresh', data: { sessionId } }, cardMessage as never))
    ).body as { value: Card };
    await untilFixable(current.value, async (action) => {
      const { status, body } = await post(a, cardClick(nextId(), action, cardMessage as never));
      expect(status).toBe(200);
      return (body as { value: Card }).value;
    });
    const beforeEnding = await read();
    const [fixed, escalate] = [await clickOnCurrent('fixed'), await clickOnCurrent('escalate')];
    const endings = await Promise.all([
      post(a, cardClick(nextId(), fixed, cardMessage as never)),
      post(b, cardClick(nextId(), escalate, cardMessage as never)),
    ]);
    expect(endings.map((r) => r.status)).toEqual([200, 200]);

    const ended = await read();
    expect(['resolved', 'escalated']).toContain(ended.status);
    expect(ended.version).toBe(beforeEnding.version + 1);
    const outcomes = (await stores.outcomes.list()).filter((o) => o.sessionId === sessionId);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.outcome).toBe(ended.status);
    expect(outcomes[0]?.stepsTried).toEqual(ended.tried);
    if (ended.status === 'resolved')
      expect(outcomes[0]?.resolvedStepId).toBe(beforeEnding.stepIds[beforeEnding.position]);

    // Both instances are still healthy and saw no errors they could not handle.
    for (const instance of instances) expect(instance.output()).not.toMatch(/"level":(50|60)/);
  });
});
