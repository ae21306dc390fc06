/**
 * The database lost while the bot runs (a real bot process on a throw-away PostgreSQL that this test stops and
 * restarts): pastes are still answered, a click that cannot be saved tells the user so, the outcome of that click
 * (with its session ending) waits in the local queue and is written once the database is back — exactly once,
 * even when the user retries.
 * Needs PostgreSQL server binaries (the test stops the server); skipped with the reason printed otherwise.
 */
import pino from 'pino';
import type { Session } from '../../src/core/remediation/session';
import { openStores, type Stores } from '../../src/storage';
import { startMockConnector, type MockConnector } from '../helpers/mock-connector';
import {
  postActivity,
  startBotInstance,
  stopBotInstance,
  type BotInstance,
} from '../storage/helpers/botInstance';
import { postgresUnavailableReason, startThrowawayPostgres, type PgServer } from '../storage/postgresServer';
import { actionOf, cardClick, personalMessage, textOf, type Card } from '../teams/harness';

jest.setTimeout(120_000);

const CODE = 'UserErrorGuestAgentStatusUnavailable';
// Never a shared TEST_DATABASE_URL: this test stops the server, so it needs the binaries.
const skipReason = postgresUnavailableReason({ needBinaries: true });
if (skipReason) console.warn(`store outage test skipped: ${skipReason}`);
const describeIfPostgres = skipReason ? describe.skip : describe;

describeIfPostgres('bot with its PostgreSQL stopped and restarted', () => {
  let server: PgServer;
  let connector: MockConnector;
  let bot: BotInstance;
  let stores: Stores | undefined;
  let counter = 0;
  const nextId = () => `outage-${++counter}`;

  beforeAll(async () => {
    server = await startThrowawayPostgres();
    connector = await startMockConnector();
    bot = await startBotInstance(server.url);
  });

  afterAll(async () => {
    await stores?.close();
    if (bot) await stopBotInstance(bot);
    await connector?.close();
    await server?.stop();
  });

  const post = (activity: object) => postActivity(bot, activity, connector.url);
  const sentTexts = () =>
    connector
      .delivered()
      .filter((c) => c.kind === 'send' || c.kind === 'reply')
      .map((c) => JSON.stringify(c.body));

  it('answers pastes, reports unsaved clicks, and writes the queued outcome once on recovery', async () => {
    // A session started while the database is up.
    const message = personalMessage(nextId(), CODE);
    await post(message);
    await connector.waitFor((calls) => calls.some((c) => c.kind === 'reply' || c.kind === 'send'), 15_000);
    const first = connector.delivered().find((c) => c.kind === 'reply' || c.kind === 'send');
    const matchCard = (first?.body as { attachments: Array<{ content: Card }> }).attachments[0]
      ?.content as Card;
    const cardMessage = { ...message, id: 'card-1' };
    const started = await post(cardClick(nextId(), actionOf(matchCard, 'start'), cardMessage as never));
    const stepCard = (started.body as { value: Card }).value;
    const fixed = actionOf(stepCard, 'fixed');
    const sessionId = String(fixed.data.sessionId);

    await server.pause!();

    // A new paste is still recognised and answered.
    const before = sentTexts().length;
    await post(personalMessage(nextId(), CODE));
    await connector.waitFor(() => sentTexts().length > before, 15_000);
    expect(sentTexts().slice(before).join('\n')).toContain('VM agent');

    // "This fixed it" cannot be saved: the user is told.
    const beforeClick = sentTexts().length;
    const click = await post(cardClick(nextId(), fixed, cardMessage as never));
    expect(click.status).toBe(200);
    await connector.waitFor(
      () =>
        sentTexts()
          .slice(beforeClick)
          .some((t) => t.includes('could not be saved')),
      15_000,
    );

    await server.resume!();

    // The queued outcome is written by the bot process on its own once the database answers again.
    stores = await openStores({
      databaseUrl: server.url,
      dataDir: '/nonexistent',
      logger: pino({ level: 'silent' }),
    });
    const deadline = Date.now() + 30_000;
    while ((await stores.outcomes.list()).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect((await stores.outcomes.list()).map((o) => [o.sessionId, o.outcome])).toEqual([
      [sessionId, 'resolved'],
    ]);
    // The ending was applied together with its outcome (version-checked), so the session is finished too.
    await expect(stores.sessions.get(sessionId)).resolves.toMatchObject<Partial<Session>>({
      status: 'resolved',
    });

    // The user presses the button again: they see the fixed session, and the outcome stays single.
    const again = await post(cardClick(nextId(), fixed, cardMessage as never));
    expect(again.status).toBe(200);
    expect(textOf((again.body as { value: Card }).value)).toContain('Fixed');
    expect(await stores.outcomes.list()).toHaveLength(1);
  });
});
