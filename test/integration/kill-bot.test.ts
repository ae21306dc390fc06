/**
 * `kill -9` of the bot process during a guided session (default SQLite store): nothing committed is lost. A click
 * answered before the kill is in the database after a restart, the session continues from there on the new
 * process, and a "This fixed it" answered just before the kill has its one outcome record.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actionOf, personalMessage, sessionIdOf, textOf } from '../teams/harness';
import { CODE, liveBot, withStores } from './helpers/live-bot';
import { moveOnVerb, untilFixable } from './helpers/steps';

jest.setTimeout(120_000);

describe('bot killed with SIGKILL during a session', () => {
  const live = liveBot({ idPrefix: 'kill' });
  let dataDir: string;

  beforeAll(async () => {
    await live.open();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-kill-bot-'));
  });
  afterAll(async () => {
    await live.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const readSession = (id: string) => withStores({ dataDir }, (stores) => stores.sessions.get(id));

  it('loses no committed click or outcome', async () => {
    await live.start({ dataDir });
    const message = personalMessage(live.nextId(), CODE);
    await live.post(message);
    const matchCard = await live.firstCardIn(message);
    const cardMessage = { ...message, id: 'card-1' };
    const click = (action: ReturnType<typeof actionOf>) => live.click(action, cardMessage);

    const step1 = await click(actionOf(matchCard, 'start'));
    const step2 = await click(actionOf(step1, moveOnVerb(step1)));
    const sessionId = sessionIdOf(step2);
    const committed = await readSession(sessionId);
    expect(committed).toMatchObject({ version: 2 });

    await live.stop({ signal: 'SIGKILL', keepData: true });
    await live.start({ dataDir });

    // The new process continues from the committed state.
    const fixable = await untilFixable(step2, click);
    const beforeFix = await readSession(sessionId);
    expect(beforeFix?.version).toBeGreaterThan(2);
    const fixed = await click(actionOf(fixable, 'fixed'));
    expect(textOf(fixed)).toContain('Fixed');
    // Killed right after the answer: the outcome was committed before the bot answered.
    await live.stop({ signal: 'SIGKILL', keepData: true });

    await withStores({ dataDir }, async (stores) => {
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
    });
  });
});
