/**
 * kill -9 at every moment of a turn, then Teams' retry of the same activity (issue 12), on SQLite and PostgreSQL.
 * A preload (helpers/kill-switch.cjs) numbers the moments of a turn — after every database statement, before and
 * after every outbound HTTP request — and kills the bot at moment K; the loop runs K = 1, 2, ... until a run
 * finishes without being killed. After each kill the bot is restarted and the same activity is posted again.
 *
 * - A paste: exactly one reply. One window is inherent and asserted as such: killed after the Bot Connector
 *   accepted the reply and before the turn recorded itself done, the retry answers again (two replies) — the
 *   connector offers no idempotent send, so "sent" and "recorded" cannot be one transaction.
 * - A "This fixed it" click: the retry shows the Fixed card, the session is resolved, exactly one outcome.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  postActivity,
  startBotInstance,
  stopBotInstance,
  type BotInstance,
} from '../storage/helpers/botInstance';
import { actionOf, cardClick, personalMessage, textOf, type Card } from '../teams/harness';
import { CODE, liveBot, withStores } from './helpers/live-bot';
import { untilFixable } from './helpers/steps';

jest.setTimeout(600_000);

const KILL_SWITCH = path.join(__dirname, 'helpers', 'kill-switch.cjs');
const LEASE_MS = 1000;
const MAX_MOMENTS = 60;

const pgUrl = process.env.TEST_DATABASE_URL;
const targets: Array<{ name: string; databaseUrl: string | undefined }> = [
  { name: 'SQLite', databaseUrl: undefined },
  ...(pgUrl ? [{ name: 'PostgreSQL', databaseUrl: pgUrl }] : []),
];
if (!pgUrl) console.warn('kill-turns: PostgreSQL part skipped (TEST_DATABASE_URL not set)');

const exited = (bot: BotInstance) => bot.child.exitCode !== null || bot.child.signalCode !== null;

async function waitForExit(bot: BotInstance, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!exited(bot) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return exited(bot);
}

/** The moments the run wrote (KILL-MOMENT lines), in order. */
function momentsOf(bot: BotInstance): string[] {
  return bot
    .output()
    .split('\n')
    .flatMap((line) => {
      const m = /^KILL-MOMENT (\d+) (.*)$/.exec(line);
      return m ? [m[2] as string] : [];
    });
}

/** Posts; a connection cut by the kill is the same as no answer. */
async function post(bot: BotInstance, activity: object, serviceUrl: string) {
  try {
    return await postActivity(bot, activity, serviceUrl);
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

describe.each(targets)(
  'kill -9 at every moment of a turn, then the Teams retry ($name)',
  ({ name, databaseUrl }) => {
    // The connector only: this test starts and kills its own bot processes.
    const live = liveBot({ idPrefix: 'kill-turns' });
    const dirs: string[] = [];
    const run = `${name}-${Date.now()}`;

    beforeAll(() => live.open());
    afterAll(async () => {
      await live.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    const freshDir = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-kill-turns-'));
      dirs.push(dir);
      return dir;
    };
    const start = (dataDir: string, killAt: number) =>
      startBotInstance(databaseUrl, {
        dataDir,
        nodeArgs: ['--require', KILL_SWITCH],
        env: { KILL_AT_MOMENT: String(killAt), TURN_LEASE_MS: String(LEASE_MS) },
      });
    const { repliesIn } = live;

    it('a paste is answered exactly once, whatever moment the bot dies at', async () => {
      const report: string[] = [];
      let finished = false;
      for (let k = 1; k <= MAX_MOMENTS && !finished; k++) {
        const dataDir = freshDir();
        const conversationId = `a:kill-paste-${run}-${k}`;
        const paste = personalMessage(`paste-${k}`, CODE, { conversationId });
        let bot = await start(dataDir, k);
        await post(bot, paste, live.connector.url);
        const killed = await waitForExit(bot, 1500);
        const moments = momentsOf(bot);
        if (!killed) {
          finished = true;
          await new Promise((r) => setTimeout(r, 300));
          expect(repliesIn(conversationId)).toHaveLength(1);
          report.push(`${k}: not killed (the turn has ${moments.length} moments)`);
          await stopBotInstance(bot, { keepData: true });
          break;
        }
        const killedAt = moments[k - 1] ?? '?';
        const deliveredBefore = moments.slice(0, k).some((m) => /^fetch-after POST 2\d\d$/.test(m));
        const completed = moments.slice(0, k).some((m) => m.endsWith('ledger-complete'));
        bot = await start(dataDir, 0);
        await new Promise((r) => setTimeout(r, LEASE_MS + 100)); // the dead turn's lease runs out
        const retry = await post(bot, paste, live.connector.url);
        expect(retry.status).toBe(200);
        await new Promise((r) => setTimeout(r, 300));
        await stopBotInstance(bot, { keepData: true });
        const replies = repliesIn(conversationId).length;
        const expected = deliveredBefore && !completed ? 2 : 1;
        report.push(`${k}: killed after "${killedAt}" → ${replies} repl${replies === 1 ? 'y' : 'ies'}`);
        expect({ k, killedAt, replies }).toEqual({ k, killedAt, replies: expected });
      }
      console.log(`${name} paste kill loop:\n  ${report.join('\n  ')}`);
      expect(finished).toBe(true);
    });

    it('a "This fixed it" click ends the session once with one outcome, whatever moment the bot dies at', async () => {
      const report: string[] = [];
      let finished = false;
      for (let k = 1; k <= MAX_MOMENTS && !finished; k++) {
        const dataDir = freshDir();
        const conversationId = `a:kill-fixed-${run}-${k}`;
        const paste = personalMessage(`fx-paste-${k}`, CODE, { conversationId });
        let bot = await start(dataDir, 0);
        await post(bot, paste, live.connector.url);
        const matchCard = await live.firstCardIn(paste);
        const cardMessage = { ...paste, id: `card-${k}` };
        let clicks = 0;
        const click = async (action: ReturnType<typeof actionOf>) => {
          const { status, body } = await post(
            bot,
            cardClick(`fx-${k}-${++clicks}`, action, cardMessage as never),
            live.connector.url,
          );
          expect(status).toBe(200);
          return (body as { value: Card }).value;
        };
        // Answer the steps until one offers "This fixed it" (check steps offer yes/no).
        const card = await untilFixable(await click(actionOf(matchCard, 'start')), click);
        const fixed = actionOf(card, 'fixed');
        const sessionId = String(fixed.data.sessionId);
        await stopBotInstance(bot, { keepData: true });

        const fixedClick = cardClick(`fx-${k}-fixed`, fixed, cardMessage as never);
        bot = await start(dataDir, k);
        await post(bot, fixedClick, live.connector.url);
        const killed = await waitForExit(bot, 1500);
        const moments = momentsOf(bot);
        if (!killed) {
          finished = true;
          report.push(`${k}: not killed (the click has ${moments.length} moments)`);
          // The moments go on counting in this process: the retry goes to a clean one.
          await stopBotInstance(bot, { keepData: true });
          bot = await start(dataDir, 0);
        } else {
          report.push(`${k}: killed after "${moments[k - 1] ?? '?'}"`);
          bot = await start(dataDir, 0);
          await new Promise((r) => setTimeout(r, LEASE_MS + 100));
        }
        // Teams' retry of the same click (also after a clean run: it must repeat nothing).
        const retry = await post(bot, fixedClick, live.connector.url);
        expect(retry.status).toBe(200);
        const shown = (retry.body as { value: Card }).value;
        await stopBotInstance(bot, { keepData: true });
        expect(textOf(shown)).toContain('Fixed');

        await withStores({ dataDir, databaseUrl }, async (stores) => {
          await expect(stores.sessions.get(sessionId)).resolves.toMatchObject({ status: 'resolved' });
          const outcomes = (await stores.outcomes.list()).filter((o) => o.sessionId === sessionId);
          expect({ k, outcomes: outcomes.map((o) => o.outcome) }).toEqual({ k, outcomes: ['resolved'] });
        });
      }
      console.log(`${name} "fixed" kill loop:\n  ${report.join('\n  ')}`);
      expect(finished).toBe(true);
    });
  },
);
