/**
 * End-to-end flows through botbuilder's TestAdapter with the real catalogue (knowledge/catalogue.json), the real
 * matcher and the real SQLite store in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createMatcher, type Matcher } from '../../src/core/matching';
import { loadGlossary } from '../../src/knowledge/glossary';
import { loadCatalogue } from '../../src/knowledge/load';
import { openStores, type Stores } from '../../src/storage';
import { hashUserId } from '../../src/privacy';
import {
  ALICE,
  BOB,
  actionOf,
  cardClick,
  cardOf,
  channelMessage,
  createHarness,
  executeActions,
  personalMessage,
  sessionIdOf,
  textOf,
  type Card,
} from '../teams/harness';
import { clickIn, moveOnVerb, untilFixable } from './helpers/steps';

const CATALOGUE_PATH = path.resolve(__dirname, '../../knowledge/catalogue.json');
const catalogue = loadCatalogue(CATALOGUE_PATH);
const realMatcher = createMatcher(catalogue, loadGlossary());
const CODE = 'UserErrorGuestAgentStatusUnavailable';
const ENTRY = catalogue.byErrorCode(CODE);

let dir: string;
let stores: Stores;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'remedy-bot-'));
  stores = await openStores({ dataDir: dir, logger: pino({ level: 'silent' }) });
});

afterEach(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

function harness(matcher: Matcher = realMatcher) {
  return createHarness({
    catalogue,
    matcher,
    sessions: stores.sessions,
    outcomes: stores.outcomes,
    ledger: stores.ledger,
  });
}

type H = ReturnType<typeof harness>;

/** Pastes in personal chat and returns the card message the bot sent (with its id, as Teams would give it). */
async function paste(h: H, text: string, opts: { from?: typeof ALICE; locale?: string } = {}) {
  const message = personalMessage(h.nextId(), text, opts);
  const { replies } = await h.send(message);
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0]);
  return { card, cardMessage: { ...message, id: replies[0]?.id } };
}

async function click(
  h: H,
  card: Card,
  verb: string,
  cardMessage: Parameters<typeof cardClick>[2],
  opts: { from?: typeof ALICE; id?: string } = {},
) {
  const result = await h.send(cardClick(opts.id ?? h.nextId(), actionOf(card, verb), cardMessage, opts));
  expect(result.invokeResponse?.status).toBe(200);
  expect(result.invokeResponse?.body.statusCode).toBe(200);
  expect(result.invokeResponse?.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return { ...result, card: result.invokeResponse?.body.value as Card };
}

test('the catalogue has the entry these flows use', () => {
  expect(ENTRY).toBeDefined();
});

test('a guided fix keeps the language it was pasted in, whoever clicks Start', async () => {
  const h = harness();
  const { card: matchCard, cardMessage } = await paste(h, `${CODE} 에이전트가 응답하지 않습니다`, {
    locale: 'ko-KR',
  });
  expect(textOf(matchCard)).toContain('단계별 해결 시작');
  // An English-speaking colleague starts it: the thread's card stays Korean.
  const started = await click(h, matchCard, 'start', cardMessage, { from: BOB });
  // Korean step card ("… 7개 중 …": step n of the plan's fixes), whoever clicked.
  expect(textOf(started.card)).toMatch(/\d+개 중/);
  const sessionId = sessionIdOf(started.card);
  expect((await stores.sessions.get(sessionId))?.locale).toBe('ko-KR');
});

test('paste → match card → start → next → back → fixed: outcome recorded and shown by stats', async () => {
  const h = harness();
  const { card: matchCard, cardMessage } = await paste(
    h,
    `Backup failed. Error code: ${CODE}. VM agent unable to communicate with Azure Backup.`,
  );
  expect(textOf(matchCard)).toContain(ENTRY?.title.en);

  const started = await click(h, matchCard, 'start', cardMessage);
  expect(textOf(started.card)).toMatch(/step 1 of \d+/i);
  // The thread sees the step card too: the original message is updated in place.
  expect(started.updates).toHaveLength(1);
  expect(started.updates[0]?.id).toBe(cardMessage.id);
  expect(started.updates[0]?.conversation?.id).toBe(cardMessage.conversation?.id);
  const sessionId = sessionIdOf(started.card);
  expect((await stores.sessions.get(sessionId))?.cardActivityId).toBe(cardMessage.id);

  const next = await click(h, started.card, moveOnVerb(started.card), cardMessage);
  expect(textOf(next.card)).not.toBe(textOf(started.card));
  const back = await click(h, next.card, 'back', cardMessage);
  expect(textOf(back.card)).toMatch(/step 1 of/i);
  const fixable = await untilFixable(back.card, clickIn(h, cardMessage));
  const onScreen = await stores.sessions.get(sessionId);
  h.advance(7 * 60_000);
  const fixed = await click(h, fixable, 'fixed', cardMessage, { from: BOB });
  expect(textOf(fixed.card)).toContain('Fixed');
  expect(textOf(fixed.card)).toContain(BOB.name);
  expect(textOf(fixed.card)).toContain('7 min');
  expect(fixed.updates[0]?.id).toBe(cardMessage.id);

  const outcomes = await stores.outcomes.list();
  expect(outcomes).toHaveLength(1);
  expect(outcomes[0]).toMatchObject({
    sessionId,
    entryId: ENTRY?.id,
    outcome: 'resolved',
    resolvedStepId: onScreen?.stepIds[onScreen.position],
    matchVerdict: 'confident',
    codes: [CODE],
    userHash: hashUserId('test-salt', BOB.id),
    locale: 'en-US',
    lang: 'en',
    tenantId: 'tenant-1',
  });
  expect(outcomes[0]?.textHash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(outcomes[0])).not.toContain('Backup failed.');

  const stats = await h.send(personalMessage(h.nextId(), 'stats'));
  const statsText = textOf(cardOf(stats.replies[0]));
  expect(statsText).toContain('1 session');
  expect(statsText).toContain('100% resolved');
  const one = await h.send(personalMessage(h.nextId(), `stats ${CODE}`));
  expect(textOf(cardOf(one.replies[0]))).toContain('1 of 1');

  // The next paste of the same error shows what fixed it before.
  const again = await paste(h, CODE);
  expect(textOf(again.card)).toMatch(/Step \d+ fixed this 1 of 1 time/);
});

test('next on the last step exhausts the plan; escalate ends it: one outcome each', async () => {
  const h = harness();
  const { card, cardMessage } = await paste(h, 'ExtensionSnapshotFailedNoNetwork');
  let current = (await click(h, card, 'start', cardMessage)).card;
  for (let i = 0; i < 50 && executeActions(current).some((a) => a.verb === 'next'); i++) {
    current = (await click(h, current, 'next', cardMessage)).card;
  }
  expect(textOf(current)).toContain('All documented steps tried');
  expect(textOf(current)).toContain('Steps already tried');

  const second = await paste(h, CODE);
  const step = (await click(h, second.card, 'start', second.cardMessage)).card;
  const escalated = await click(h, step, 'escalate', second.cardMessage);
  expect(textOf(escalated.card)).toContain('Escalated');
  expect((await stores.outcomes.list()).map((o) => o.outcome).sort()).toEqual(['escalated', 'exhausted']);
});

test('ambiguous → choice → match card → plan', async () => {
  // The bot's side of an ambiguous verdict: the real ranking, reported as ambiguous.
  const ambiguous: Matcher = {
    match: (text, options) => ({ ...realMatcher.match(text, options), verdict: 'ambiguous' }),
  };
  const h = harness(ambiguous);
  const { card, cardMessage } = await paste(h, 'restore point collection limit');
  expect(textOf(card)).toContain('Which one did you mean?');
  const choices = executeActions(card).filter((a) => a.verb === 'choose');
  expect(choices.length).toBeGreaterThan(1);
  expect(choices[0]?.data.entryId).toBe(catalogue.byErrorCode('UserErrorRpCollectionLimitReached')?.id);

  const chosen = await click(h, card, 'choose', cardMessage);
  expect(textOf(chosen.card)).toContain('Start guided fix');
  expect(chosen.updates[0]?.id).toBe(cardMessage.id);
  const plan = await click(h, chosen.card, 'start', cardMessage);
  expect(textOf(plan.card)).toMatch(/Step 1 of \d+/);
  const session = await stores.sessions.get(String(actionOf(plan.card, 'next').data.sessionId));
  expect(session?.match.verdict).toBe('ambiguous');
});

test('channel: unrelated text without a mention gets no reply; a mention in a thread gets a threaded reply', async () => {
  const h = harness();
  expect((await h.send(channelMessage(h.nextId(), 'anyone up for lunch at noon?'))).replies).toHaveLength(0);
  const inThread = channelMessage(h.nextId(), `seeing ${CODE} again on vm-app-3`, {
    mention: true,
    threadRoot: 'incident-42',
  });
  const { replies } = await h.send(inThread);
  expect(replies).toHaveLength(1);
  expect(replies[0]?.conversation?.id).toBe('19:ops-channel@thread.tacv2;messageid=incident-42');
  expect(replies[0]?.replyToId).toBe(inThread.id);
});

test('two users clicking the same card at once: one consistent session, both see the current step', async () => {
  const h = harness();
  const { card, cardMessage } = await paste(h, CODE);
  // Both press Start on the same match card: one session, not two.
  const [a, b] = await Promise.all([
    click(h, card, 'start', cardMessage, { from: ALICE }),
    click(h, card, 'start', cardMessage, { from: BOB }),
  ]);
  const sessionId = sessionIdOf(a.card);
  expect(sessionIdOf(b.card)).toBe(sessionId);

  // Both press the same "move on" button of the first step ("Didn't help — next", or "No" on a check), concurrently.
  const verb = moveOnVerb(a.card);
  const [x, y] = await Promise.all([
    click(h, a.card, verb, cardMessage, { from: ALICE }),
    click(h, a.card, verb, cardMessage, { from: BOB }),
  ]);
  const session = await stores.sessions.get(sessionId);
  expect(session).toMatchObject({ version: 2, status: 'active' });
  const note = 'Someone else moved this guided fix on; here is the current step.\n';
  expect([textOf(x.card), textOf(y.card)].filter((t) => t.startsWith(note))).toHaveLength(1);
  expect(textOf(x.card).replace(note, '')).toBe(textOf(y.card).replace(note, ''));

  // On to a fix step, then fixed and escalate at once: exactly one ending, one outcome.
  const fixable = await untilFixable(x.card, clickIn(h, cardMessage));
  const before = (await stores.sessions.get(sessionId))?.version ?? 0;
  await Promise.all([
    click(h, fixable, 'fixed', cardMessage, { from: ALICE }),
    click(h, fixable, 'escalate', cardMessage, { from: BOB }),
  ]);
  const ended = await stores.sessions.get(sessionId);
  expect(['resolved', 'escalated']).toContain(ended?.status);
  expect(ended?.version).toBe(before + 1);
  expect(await stores.outcomes.list()).toHaveLength(1);
});

describe('forged and replayed card payloads', () => {
  async function startedSession(h: H) {
    const { card, cardMessage } = await paste(h, CODE);
    const started = (await click(h, card, 'start', cardMessage)).card;
    // On to a step that offers "This fixed it" (the first steps may be checks answered yes/no).
    const step = await untilFixable(started, clickIn(h, cardMessage));
    const data = actionOf(step, 'fixed').data;
    return { step, data, cardMessage };
  }

  async function invoke(h: H, value: unknown, cardMessage: Parameters<typeof cardClick>[2]) {
    const result = await h.send(cardClick(h.nextId(), value as Record<string, unknown>, cardMessage));
    expect(result.invokeResponse?.status).toBe(200);
    return { card: result.invokeResponse?.body.value as Card, updates: result.updates };
  }

  test.each([
    [
      'an unknown session',
      (d: Record<string, unknown>) => ({ ...d, sessionId: 'no-such-session' }),
      'no longer available',
    ],
    [
      'a forged step',
      (d: Record<string, unknown>) => ({ ...d, stepId: 'backup/1#s99' }),
      'not valid any more',
    ],
    [
      'the wrong entry',
      (d: Record<string, unknown>) => ({ ...d, entryId: 'configuring-protection-group/4' }),
      'not valid any more',
    ],
    [
      'a version that is not a number',
      (d: Record<string, unknown>) => ({ ...d, version: '1' }),
      'not valid any more',
    ],
    [
      'a missing session id',
      (d: Record<string, unknown>) => ({ ...d, sessionId: undefined }),
      'not valid any more',
    ],
  ])('%s gets a friendly card and changes nothing', async (_name, forge, expected) => {
    const h = harness();
    const { data, cardMessage } = await startedSession(h);
    const before = await stores.sessions.get(String(data.sessionId));
    const { card, updates } = await invoke(
      h,
      { action: { type: 'Action.Execute', verb: 'fixed', data: forge(data) } },
      cardMessage,
    );
    expect(textOf(card)).toContain(expected);
    expect(updates).toHaveLength(0);
    expect(await stores.sessions.get(String(data.sessionId))).toEqual(before);
    expect(await stores.outcomes.list()).toHaveLength(0);
  });

  test('a future version is a stale click: the current card, nothing written', async () => {
    const h = harness();
    const { step, data, cardMessage } = await startedSession(h);
    const { card } = await invoke(
      h,
      { action: { type: 'Action.Execute', verb: 'fixed', data: { ...data, version: 99 } } },
      cardMessage,
    );
    // The current step, with the stale-click note on top.
    expect(textOf(card)).toBe(
      `Someone else moved this guided fix on; here is the current step.\n${textOf(step)}`,
    );
    expect((await stores.sessions.get(String(data.sessionId)))?.version).toBe(data.version);
    expect(await stores.outcomes.list()).toHaveLength(0);
  });

  test('a replayed end action shows the ended card and writes no second outcome', async () => {
    const h = harness();
    const { step, cardMessage } = await startedSession(h);
    await click(h, step, 'fixed', cardMessage);
    const replay = await click(h, step, 'fixed', cardMessage, { from: BOB });
    expect(textOf(replay.card)).toContain('Fixed');
    expect(replay.updates).toHaveLength(0);
    expect(await stores.outcomes.list()).toHaveLength(1);
  });

  test.each([
    ['no action', {}],
    ['an Action.Submit', { action: { type: 'Action.Submit', verb: 'fixed', data: {} } }],
    ['an unknown verb', { action: { type: 'Action.Execute', verb: 'drop-tables', data: {} } }],
    ['data that is not an object', { action: { type: 'Action.Execute', verb: 'next', data: 'x' } }],
    [
      'a start for an entry that does not exist',
      {
        action: {
          type: 'Action.Execute',
          verb: 'start',
          data: {
            entryId: 'nope',
            match: {
              verdict: 'confident',
              score: 1,
              codes: [],
              textHash: 'x',
              pastedAt: '2026-11-22T09:00:00.000Z',
            },
          },
        },
      },
    ],
  ])('an invoke with %s gets a friendly card', async (_name, value) => {
    const h = harness();
    const { cardMessage } = await startedSession(h);
    const { card, updates } = await invoke(h, value, cardMessage);
    expect(textOf(card)).toContain('Something went wrong');
    expect(updates).toHaveLength(0);
  });
});

test('a retried activity id gets one reply; a retried click writes one outcome', async () => {
  const h = harness();
  const message = personalMessage('retry-1', CODE);
  const first = await h.send(message);
  expect(first.replies).toHaveLength(1);
  expect((await h.send(message)).replies).toHaveLength(0);

  const cardMessage = { ...message, id: first.replies[0]?.id };
  const started = (await click(h, cardOf(first.replies[0]), 'start', cardMessage)).card;
  const step = await untilFixable(started, clickIn(h, cardMessage));
  const fixedClick = cardClick('click-7', actionOf(step, 'fixed'), cardMessage);
  const once = await h.send(fixedClick);
  const twice = await h.send(fixedClick);
  expect(textOf(once.invokeResponse?.body.value ?? {})).toContain('Fixed');
  expect(textOf(twice.invokeResponse?.body.value ?? {})).toContain('Fixed');
  expect(twice.updates).toHaveLength(0);
  expect(await stores.outcomes.list()).toHaveLength(1);
});
