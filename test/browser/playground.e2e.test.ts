/**
 * End to end through a real browser: Debian's Chromium (headless, driven by playwright-core) uses the Microsoft
 * 365 Agents Playground web UI, which talks to the real Remedy bot — both started here (see e2e-stack.ts).
 * Screenshots of every stage go to artifacts/e2e/ (git-ignored). Skipped, with the reason printed, only when
 * /usr/bin/chromium is missing. The startPlayground tests at the end need no browser.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pino from 'pino';
import { Catalogue } from '../../src/core/catalogue/catalogue';
import { buildPlan } from '../../src/core/remediation/plan';
import { startPlayground } from '../../src/server/playground';
import { spawnNode } from '../helpers/spawn';
import { chromiumMissingReason, launchHeadless, type HeadlessBrowser } from './e2e-chromium';
import { playgroundPage, type PlaygroundPage } from './e2e-playground-page';
import { startE2eStack, type E2eStack } from './e2e-stack';

const ARTIFACTS = resolve(__dirname, '../../artifacts/e2e');
const PORTAL_ERROR =
  'Backup failed for vm-fin-app02. Error code: UserErrorBackupOperationInProgress ' +
  'Error message: Unable to initiate backup as another backup operation is currently in progress';
const KOREAN_PASTE = '다른 백업 작업이 현재 진행 중 이므로 백업을 시작할 수 없습니다';
/** A Korean UI string of src/cards/i18n.ts, and the start of the first documented step of that error (Korean). */
const KOREAN_START = '단계별 해결 시작';
const KOREAN_FIRST_STEP = 'Azure Portal에 로그인';

jest.setTimeout(120_000);

/**
 * From the real catalogue: an error (with a code, so the paste is recognised with certainty) whose guided fix
 * reaches a diagnostic step soonest, and the buttons that lead there (one per step before it, by step kind).
 */
function errorReachingADiagnostic(): { code: string; clicks: string[]; diagnosticAt: number } {
  const catalogue = Catalogue.fromJson(
    JSON.parse(readFileSync(resolve(__dirname, '../../knowledge/catalogue.json'), 'utf8')),
  );
  const candidates = catalogue.entries.flatMap((entry) => {
    const code = entry.codes.find((c) => /^[A-Za-z]{6,}$/.test(c));
    const steps = buildPlan(catalogue, entry).steps;
    const at = steps.findIndex((s) => s.kind === 'diagnostic');
    if (!code || at < 1 || catalogue.byErrorCode(code) !== entry) return [];
    const clicks = steps.slice(0, at).map((s) => (s.kind === 'check' ? 'Yes — next' : 'Didn’t help — next'));
    return [{ code, clicks, diagnosticAt: at }];
  });
  candidates.sort((a, b) => a.diagnosticAt - b.diagnosticAt);
  const found = candidates[0];
  if (!found) throw new Error('the catalogue has no error whose guided fix reaches a diagnostic step');
  return found;
}

const missing = chromiumMissingReason();
if (missing) process.stderr.write(`playground.e2e: ${missing}\n`);
const describeWithBrowser = missing ? describe.skip : describe;

describeWithBrowser('the bot in the Agents Playground, through Chromium', () => {
  let stack: E2eStack;
  let browser: HeadlessBrowser;
  let ui: PlaygroundPage;
  const blockedRequests = new Set<string>();

  beforeAll(async () => {
    stack = await startE2eStack(ARTIFACTS);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  beforeEach(async () => {
    browser = await launchHeadless();
    ui = playgroundPage(browser.page, ARTIFACTS);
    await ui.open(stack.playgroundUrl);
  });
  afterEach(async () => {
    for (const url of browser.externalRequests) blockedRequests.add(url);
    await browser.close();
  });
  afterAll(() => {
    if (blockedRequests.size > 0)
      process.stdout.write(
        `playground UI asked for (blocked, offline):\n  ${[...blockedRequests].join('\n  ')}\n`,
      );
  });

  test('an English portal error is walked to "Fixed", and stats then shows the record', async () => {
    await ui.screenshot('01-welcome');
    await ui.send(PORTAL_ERROR);
    await ui.waitForCard('UserErrorBackupOperationInProgress', 'Start guided fix');
    await ui.screenshot('02-match-card');

    await ui.clickAction('Start guided fix');
    await ui.waitForCard('Step 1 of 4 fixes', 'This fixed it');
    await ui.screenshot('03-step-1');

    await ui.clickAction('Didn’t help — next');
    await ui.waitForCard('Step 2 of 4 fixes', 'Back');
    await ui.screenshot('04-step-2');

    await ui.clickAction('Back');
    await ui.waitForCard('Step 1 of 4 fixes', 'This fixed it');
    await ui.screenshot('05-back-to-step-1');

    await ui.clickAction('This fixed it');
    // The resolved card names the step that fixed it (step 1, reached again with Back) and has no step buttons.
    const resolved = await ui.waitForCard(/Fixed/, 'UserErrorBackupOperationInProgress', 'Step 1 of 4 fixes');
    await expect(resolved.innerText()).resolves.not.toContain('This fixed it');
    await ui.screenshot('06-resolved');

    await ui.send('stats');
    const stats = await ui.waitForCard('Resolution statistics', 'UserErrorBackupOperationInProgress');
    await expect(stats.innerText()).resolves.toMatch(/1 session · 100% resolved[\s\S]*Step 1\s+\S*\s+1 of 1/);
    await ui.screenshot('07-stats');
  });

  test('a Korean paste from a Korean client (locale ko-KR) gets Korean cards and Korean steps', async () => {
    await ui.sendCustomMessage({ text: KOREAN_PASTE, locale: 'ko-KR' });
    await ui.waitForCard('UserErrorBackupOperationInProgress', KOREAN_START);
    await ui.screenshot('08-korean-match');

    // The playground stamps card clicks with locale en-US (hard-coded in 0.2.28); the guided fix keeps the
    // language of the paste, so the step card stays Korean, labels included.
    await ui.clickAction(KOREAN_START);
    await ui.waitForCard('해결 단계 4개 중 1번째', KOREAN_FIRST_STEP);
    await ui.screenshot('09-korean-step-1');
  });

  test('a guided fix reaches a diagnostic step (no "This fixed it" there); Escalate names the person and gives the complete ticket', async () => {
    const { code, clicks } = errorReachingADiagnostic();
    await ui.send(`Backup job failed. Error code: ${code}`);
    await ui.waitForCard(code, 'Start guided fix');
    await ui.clickAction('Start guided fix');
    await ui.waitForCard(/Step 1 of \d+ fix|Check · before step 1/);
    for (const click of clicks) await ui.clickAction(click);
    const diagnostic = await ui.waitForCard(/Diagnostic · /, 'Done — ');
    await expect(diagnostic.innerText()).resolves.not.toContain('This fixed it');
    await ui.screenshot('11-diagnostic-step');

    await ui.clickAction('Escalate');
    const escalated = await ui.waitForCard('escalated this', 'Summary for the support ticket');
    const shown = await escalated.innerText();
    const ticket = shown.slice(shown.indexOf('Summary for the support ticket'));
    expect(shown).not.toMatch(/a team member/i);
    expect(shown).toMatch(new RegExp(`Azure Backup error: ${code}`));
    expect(shown).toMatch(/Status: escalated by Alex Wilber/); // the playground's signed-in user
    // Every answer, in order, with who and when, and nothing cut short.
    expect(ticket.match(/^\(\d+\) Step \d+ of \d+ · /gm)?.length).toBe(clicks.length + 1);
    expect(shown).toMatch(/→ escalated \(.+, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)/);
    expect(ticket).not.toContain('…');
    await ui.screenshot('12-escalated-ticket');
  });

  test('the "which one did you mean?" card labels each choice with its error', async () => {
    await ui.send('vault credentials');
    const card = await ui.waitForCard('Which one did you mean?');
    const labels = await card.getByRole('button').allInnerTexts();
    const choices = labels.filter((l) => l.startsWith('It’s '));
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(new Set(choices).size).toBe(choices.length);
    expect(labels).not.toContain('This one');
    await ui.screenshot('13-ambiguous');
  });

  test('the help card shows every command with its argument', async () => {
    await ui.send('help');
    const card = await ui.waitForCard('Remedy — Azure Backup troubleshooting');
    const shown = await card.innerText();
    expect(shown).toContain('stats CODE');
    expect(shown).toContain('search WORDS');
    await ui.screenshot('14-help');
  });

  test('the search message extension finds an error by its code', async () => {
    const results = await ui.searchExtension(
      'searchErrors',
      'query',
      'guestagentstatus',
      'UserErrorGuestAgentStatusUnavailable',
    );
    expect(results).toContain('VM agent unable to communicate with Azure Backup');
    await ui.screenshot('15-search-extension');
  });

  test('"Troubleshoot with Remedy" on a message answers about that message', async () => {
    const paste = 'Backup failed overnight: UserErrorGuestAgentStatusUnavailable';
    await ui.send(paste);
    await ui.waitForCard('UserErrorGuestAgentStatusUnavailable', 'Start guided fix');
    const before = await ui.cardCount();
    // The playground (0.2.28) offers the message action with its own static parameter dialog.
    const dialog = await ui.messageAction(paste, 'troubleshoot');
    expect(dialog).toContain('I answered in the thread of that message');
    for (let i = 0; i < 50 && (await ui.cardCount()) <= before; i += 1)
      await new Promise((done) => setTimeout(done, 300));
    expect(await ui.cardCount()).toBe(before + 1);
    await ui.waitForCard('UserErrorGuestAgentStatusUnavailable', 'Start guided fix');
    await ui.screenshot('16-message-action');
  });

  test('an unrelated message in the personal chat gets the no-match reply', async () => {
    const before = await ui.cardCount();
    await ui.send('Can someone book the meeting room for Thursday lunch?');
    await ui.waitForCard('I could not recognise that error');
    expect(await ui.cardCount()).toBe(before + 1);
    await ui.screenshot('10-no-match');
  });
});

describe('startPlayground', () => {
  const silent = pino({ level: 'silent' });

  test('rejects an endpoint that is not an http URL, naming the field, and starts nothing', async () => {
    await expect(
      startPlayground({ botEndpoint: 'localhost:3978/api/messages', port: 0, logger: silent }),
    ).rejects.toThrow(/botEndpoint: expected an http\(s\) URL/);
  });

  test('rejects with the reason when the playground is not installed where expected', async () => {
    await expect(
      startPlayground({
        botEndpoint: 'http://127.0.0.1:9/api/messages',
        port: 0,
        logger: silent,
        cliPath: resolve(__dirname, 'no-such-playground-cli.js'),
      }),
    ).rejects.toThrow(/cli\.js was not found at .*no-such-playground-cli\.js/);
  });

  test('serves the web UI at its url, and stop() ends the process', async () => {
    const running = await startPlayground({
      botEndpoint: 'http://127.0.0.1:9/api/messages',
      port: 0,
      logger: silent,
      logFile: resolve(ARTIFACTS, 'agents-playground-unit.log'),
    });
    try {
      const page = await fetch(running.url);
      expect(page.status).toBe(200);
      await expect(page.text()).resolves.toContain('Microsoft 365 Agents Playground');
    } finally {
      await running.stop();
    }
    expect(isRunning(running.pid)).toBe(false);
    await expect(fetch(running.url)).rejects.toThrow();
  });

  test('exits on its own when the process that started it is killed (its stdin closes)', async () => {
    const parent = spawnNode(
      [
        '--require',
        'tsx/cjs',
        '--eval',
        `require(${JSON.stringify(resolve(__dirname, '../../src/server/playground'))})
          .startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', port: 0,
            logger: require('pino')({ level: 'silent' }) })
          .then((running) => process.stdout.write(JSON.stringify({ pid: running.pid }) + '\\n'));`,
      ],
      { stderr: 'inherit' },
    );
    const firstLine = await parent.untilOutput(/^(.*)\n/);
    const { pid } = JSON.parse(firstLine) as { pid: number };
    expect(isRunning(pid)).toBe(true);

    parent.kill('SIGKILL');
    await waitUntil(() => !isRunning(pid));
    expect(isRunning(pid)).toBe(false);
  });
});

/** Signal 0 checks that a process exists: ESRCH means it does not (any other error is rethrown). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i += 1) await new Promise((done) => setTimeout(done, 100));
}
