/**
 * `kill -9` of the bot process during a guided session (default SQLite store): nothing committed is lost. A click
 * answered before the kill is in the database after a restart, the session continues from there on the new
 * process, and a "This fixed it" answered just before the kill has its one outcome record.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openStores } from '../../src/storage';
import { startMockConnector, type MockConnector } from '../helpers/mock-connector';
import {
  postActivity,
  startBotInstance,
  stopBotInstance,
  type BotInstance,
} from '../storage/helpers/botInstance';
import { actionOf, cardClick, executeActions, personalMessage, textOf, type Card } from '../teams/harness';
import { moveOnVerb, untilFixable } from './helpers/steps';

jest.setTimeout(120_000);

const CODE = 'UserErrorGuestAgentStatusUnavailable';

describe('bot killed with SIGKILL during a session', () => {
  let connector: MockConnector;
  let dataDir: string;
  let bot: BotInstance | undefined;
  let counter = 0;
  const nextId = () => `kill-${++counter}`;

  beforeAll(async () => {
    connector = await startMockConnector();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-kill-bot-'));
  });
  afterAll(async () => {
    if (bot) await stopBotInstance(bot, { keepData: true });
    await connector?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const readSession = async (id: string) => {
    const stores = await openStores({ dataDir, logger: pino({ level: 'silent' }) });
    try {
      return await stores.sessions.get(id);
    } finally {
      await stores.close();
    }
  };

  const click = async (action: ReturnType<typeof actionOf>, cardMessage: object) => {
    const { status, body } = await postActivity(
      bot as BotInstance,
      cardClick(nextId(), action, cardMessage as never),
      connector.url,
    );
    expect(status).toBe(200);
    return (body as { value: Card }).value;
  };

  it('loses no committed click or outcome', async () => {
    bot = await startBotInstance(undefined, { dataDir });
    const message = personalMessage(nextId(), CODE);
    await postActivity(bot, message, connector.url);
    await connector.waitFor((calls) => calls.some((c) => c.kind === 'reply' || c.kind === 'send'), 15_000);
    const sent = connector.delivered().find((c) => c.kind === 'reply' || c.kind === 'send');
    const matchCard = (sent?.body as { attachments: Array<{ content: Card }> }).attachments[0]
      ?.content as Card;
    const cardMessage = { ...message, id: 'card-1' };

    const step1 = await click(actionOf(matchCard, 'start'), cardMessage);
    const step2 = await click(actionOf(step1, moveOnVerb(step1)), cardMessage);
    const sessionId = String(executeActions(step2).find((a) => a.data.sessionId)?.data.sessionId);
    const committed = await readSession(sessionId);
    expect(committed).toMatchObject({ version: 2 });

    await stopBotInstance(bot, { signal: 'SIGKILL', keepData: true });
    bot = await startBotInstance(undefined, { dataDir });

    // The new process continues from the committed state.
    const fixable = await untilFixable(step2, (action) => click(action, cardMessage));
    const beforeFix = await readSession(sessionId);
    expect(beforeFix?.version).toBeGreaterThan(2);
    const fixed = await click(actionOf(fixable, 'fixed'), cardMessage);
    expect(textOf(fixed)).toContain('Fixed');
    // Killed right after the answer: the outcome was committed before the bot answered.
    await stopBotInstance(bot, { signal: 'SIGKILL', keepData: true });
    bot = undefined;

    const stores = await openStores({ dataDir, logger: pino({ level: 'silent' }) });
    try {
      const session = await stores.sessions.get(sessionId);
      expect(session).toMatchObject({ status: 'resolved', position: beforeFix?.position });
      expect(session?.tried).toEqual(beforeFix?.tried);
      const outcomes = await stores.outcomes.list();
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]).toMatchObject({
        sessionId,
        outcome: 'resolved',
        resolvedStepId: beforeFix?.stepIds[beforeFix.position],
        stepsTried: beforeFix?.tried,
      });
    } finally {
      await stores.close();
    }
  });
});
