/** The bot through botbuilder's TestAdapter with in-memory stores: conversations, commands, bad input. */
import { MAX_PASTE_CHARS } from '../../src/teams/inbound';
import {
  ALICE,
  BOB,
  BOT,
  actionOf,
  cardClick,
  cardOf,
  channelMessage,
  executeActions,
  fixtureHarness,
  personalMessage,
  textOf,
} from './harness';

const CODE = 'UserErrorGuestAgentStatusUnavailable';

describe('personal chat', () => {
  test('a confident paste gets the match card with a Start button', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(personalMessage('m1', `Backup failed: ${CODE} (VM agent unresponsive)`));
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    expect(textOf(card)).toContain('VM agent unable to communicate with Azure Backup');
    expect(executeActions(card).map((a) => a.verb)).toContain('start');
  });

  test('an ambiguous paste gets "which one did you mean?" with one button per candidate', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(personalMessage('m1', 'the agent seems stuck'));
    const card = cardOf(replies[0]);
    expect(textOf(card)).toContain('Which one did you mean?');
    const chosen = executeActions(card)
      .filter((a) => a.verb === 'choose')
      .map((a) => a.data.entryId);
    expect(chosen).toEqual(['usererrorguestagentstatusunavailable', 'usererrorrpcollectionlimitreached']);
  });

  test('an unrecognised paste gets the no-match reply with tips', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(personalMessage('m1', 'my coffee machine is broken'));
    const card = cardOf(replies[0]);
    expect(textOf(card)).toContain('I could not recognise that error');
    expect(textOf(card)).toMatch(/error code/i);
  });

  test('the Korean locale shows the entry in Korean, with the English title too', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(personalMessage('m1', CODE, { locale: 'ko-KR' }));
    const text = textOf(cardOf(replies[0]));
    expect(text).toContain('VM 에이전트가 Azure Backup과 통신할 수 없음');
    expect(text).toContain('VM agent unable to communicate with Azure Backup');
  });

  test('a Dutch user gets a Korean/Dutch-only MABS entry in Dutch; English users fall back to what exists', async () => {
    const h = fixtureHarness();
    const nl = textOf(
      cardOf((await h.send(personalMessage('m1', 'fout 0x29834', { locale: 'nl-NL' }))).replies[0]),
    );
    expect(nl).toContain('Er is een onverwachte fout opgetreden');
    const en = textOf(
      cardOf((await h.send(personalMessage('m2', 'error 0x29834', { locale: 'en-US' }))).replies[0]),
    );
    expect(en).toContain('작업을 실행하는 동안 예기치 않은 오류가 발생했습니다');
  });

  test('the pasted text is not logged; its hash and the verdict are', async () => {
    const h = fixtureHarness();
    await h.send(personalMessage('m1', `secret-host-42 ${CODE}`));
    const line = h.logs.find((l) => l.event === 'paste_matched');
    expect(line).toMatchObject({ verdict: 'confident', entryId: 'usererrorguestagentstatusunavailable' });
    expect(line?.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(h.logs)).not.toContain('secret-host-42');
  });
});

test('a late click on the old choice card does not replace a guided fix that started from it', async () => {
  const h = fixtureHarness();
  const paste = personalMessage('m1', 'the agent seems stuck');
  const { replies } = await h.send(paste);
  const cardMessage = { ...paste, id: replies[0]?.id };
  const choice = cardOf(replies[0]);
  const chosen = await h.send(cardClick('i1', actionOf(choice, 'choose', 0), cardMessage));
  await h.send(cardClick('i2', actionOf(chosen.invokeResponse?.body.value ?? {}, 'start'), cardMessage));
  const late = await h.send(cardClick('i3', actionOf(choice, 'choose', 1), cardMessage, { from: BOB }));
  expect(late.updates).toHaveLength(0);
  expect(textOf(late.invokeResponse?.body.value ?? {})).toMatch(/Step 1 of 4/);
});

describe('channels', () => {
  test('not mentioned: small talk gets no reply, a confident paste is answered in its thread', async () => {
    const h = fixtureHarness();
    expect((await h.send(channelMessage('c1', 'lunch at noon?'))).replies).toHaveLength(0);
    expect((await h.send(channelMessage('c2', 'the agent is slow today'))).replies).toHaveLength(0);
    const root = channelMessage('c3', `${CODE} on vm-sql-01`, { threadRoot: 'root-7' });
    const { replies } = await h.send(root);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.conversation?.id).toBe(root.conversation?.id);
    expect(replies[0]?.conversation?.id).toContain(';messageid=root-7');
  });

  test('not mentioned: the same message delivered twice (Teams retry) is answered once', async () => {
    const h = fixtureHarness();
    const message = channelMessage('c1', CODE);
    expect((await h.send(message)).replies).toHaveLength(1);
    expect((await h.send(message)).replies).toHaveLength(0);
  });

  test('mentioned in a thread: ambiguous and unrecognised pastes are answered, in that thread', async () => {
    const h = fixtureHarness();
    const ambiguous = channelMessage('c1', 'restore point trouble', {
      mention: true,
      threadRoot: 'incident-1',
    });
    const first = await h.send(ambiguous);
    expect(textOf(cardOf(first.replies[0]))).toContain('Which one did you mean?');
    expect(first.replies[0]?.conversation?.id).toBe(`${ambiguous.conversation?.id}`);
    const none = await h.send(
      channelMessage('c2', 'what is this', { mention: true, threadRoot: 'incident-1' }),
    );
    expect(textOf(cardOf(none.replies[0]))).toContain('I could not recognise that error');
  });

  test('the mention is removed before matching, wherever it is and however often it occurs', async () => {
    const h = fixtureHarness();
    const activity = channelMessage('c1', `${CODE} <at>${BOT.name}</at> please <at>Bob</at>`, {
      mention: true,
    });
    await h.send(activity);
    expect(h.matcher.calls[0]).toBe(`${CODE} please Bob`);
  });

  test('commands are answered only when mentioned', async () => {
    const h = fixtureHarness();
    expect((await h.send(channelMessage('c1', 'help'))).replies).toHaveLength(0);
    const { replies } = await h.send(channelMessage('c2', 'help', { mention: true }));
    expect(textOf(cardOf(replies[0]))).toContain('Remedy');
  });

  test('a bare mention gets the help card', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(channelMessage('c1', '', { mention: true }));
    expect(textOf(cardOf(replies[0]))).toMatch(/help|stats|search/);
  });
});

describe('commands', () => {
  test.each(['help', 'HELP', '/help', '도움말', 'hulp'])('%s shows the help card', async (word) => {
    const h = fixtureHarness();
    const { replies } = await h.send(personalMessage('m1', word));
    const text = textOf(cardOf(replies[0]));
    expect(text).toContain('stats');
    expect(text).toContain('search');
  });

  test.each(['search restore point', '검색 restore point', 'zoeken restore point'])(
    '%s lists matching entries as buttons',
    async (query) => {
      const h = fixtureHarness();
      const { replies } = await h.send(personalMessage('m1', query));
      const card = cardOf(replies[0]);
      expect(executeActions(card).map((a) => a.data.entryId)).toContain('usererrorrpcollectionlimitreached');
    },
  );

  test('search for words nothing contains says so', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(personalMessage('m1', 'search zebra'));
    expect(textOf(cardOf(replies[0]))).toContain('No documented error matches');
  });

  test('stats with no records yet says so; stats of an unknown code gets the no-match reply', async () => {
    const h = fixtureHarness();
    expect(textOf(cardOf((await h.send(personalMessage('m1', 'stats'))).replies[0]))).toContain(
      'No guided fix has finished yet',
    );
    expect(textOf(cardOf((await h.send(personalMessage('m2', '통계 NoSuchCode'))).replies[0]))).toContain(
      'could not recognise',
    );
  });

  test('a long paste that starts with a command word is matched as a paste', async () => {
    const h = fixtureHarness();
    await h.send(personalMessage('m1', `search\n${CODE}\nmore log lines`));
    expect(h.matcher.calls).toHaveLength(1);
  });
});

describe('messages with nothing to match', () => {
  test('empty messages, attachments only, the bot itself, edits and deletes', async () => {
    const h = fixtureHarness();
    expect((await h.send(personalMessage('m1', ''))).replies).toHaveLength(0);
    expect((await h.send(personalMessage('m2', undefined))).replies).toHaveLength(0);
    const attachment = {
      ...personalMessage('m3', undefined),
      attachments: [{ contentType: 'image/png', contentUrl: 'https://x/y.png' }],
    };
    expect((await h.send(attachment)).replies[0]?.text).toMatch(/only read text/);
    const fromBot = { ...personalMessage('m4', CODE), from: { id: BOT.id, name: BOT.name } };
    expect((await h.send(fromBot)).replies).toHaveLength(0);
    const edit = { ...personalMessage('m5', CODE), type: 'messageUpdate' };
    expect((await h.send(edit)).replies).toHaveLength(0);
    const del = { ...personalMessage('m6', undefined), type: 'messageDelete' };
    expect((await h.send(del)).replies).toHaveLength(0);
    expect(h.matcher.calls).toHaveLength(0);
  });

  test('a huge paste is cut before matching and the user is told', async () => {
    const h = fixtureHarness();
    const huge = `${CODE} ${'x'.repeat(MAX_PASTE_CHARS * 3)}`;
    const { replies } = await h.send(personalMessage('m1', huge));
    expect(h.matcher.calls[0]?.length).toBe(MAX_PASTE_CHARS);
    expect(replies.map((r) => r.text ?? '').join(' ')).toMatch(/very long/);
  });
});

describe('errors and outages', () => {
  test('a store outage still answers the match card and says the session could not be saved', async () => {
    const h = fixtureHarness({ outage: true });
    const paste = personalMessage('m1', CODE);
    const { replies } = await h.send(paste);
    expect(textOf(cardOf(replies[0]))).toContain('VM agent unable to communicate');
    expect(replies[1]?.text).toMatch(/could not be saved/);

    const start = await h.send(
      cardClick('i1', actionOf(cardOf(replies[0]), 'start'), { ...paste, id: replies[0]?.id }),
    );
    expect(start.invokeResponse?.status).toBe(200);
    expect(executeActions(start.invokeResponse?.body.value ?? {}).map((a) => a.verb)).toContain('start');
    expect(start.replies[0]?.text).toMatch(/could not be saved/);
    expect(h.stores.sessionRows.size).toBe(0);
  });

  test('a store outage during a guided fix: a friendly card and a note, nothing half-written', async () => {
    const h = fixtureHarness();
    const paste = personalMessage('m1', CODE);
    const { replies } = await h.send(paste);
    const cardMessage = { ...paste, id: replies[0]?.id };
    const start = await h.send(cardClick('i1', actionOf(cardOf(replies[0]), 'start'), cardMessage));
    const step = start.invokeResponse?.body.value ?? {};
    h.stores.outage.on = true;
    const next = await h.send(cardClick('i2', actionOf(step, 'next'), cardMessage));
    expect(next.invokeResponse?.status).toBe(200);
    expect(textOf(next.invokeResponse?.body.value ?? {})).toContain('Something went wrong');
    expect(next.replies[0]?.text).toMatch(/could not be saved/);
    expect(next.updates).toHaveLength(0);
    h.stores.outage.on = false;
    const retry = await h.send(cardClick('i3', actionOf(step, 'next'), cardMessage));
    expect(textOf(retry.invokeResponse?.body.value ?? {})).toMatch(/Step 2 of 4/);
  });

  test('an unexpected failure gives the user a friendly card and the log a code and ids', async () => {
    const h = fixtureHarness();
    h.matcher.match = () => {
      throw new Error('boom');
    };
    const { replies } = await h.send(personalMessage('m1', CODE));
    const text = textOf(cardOf(replies[0]));
    expect(text).toContain('Something went wrong');
    const line = h.logs.find((l) => l.event === 'turn_error');
    expect(line).toMatchObject({ code: 'INTERNAL', activityId: 'm1' });
    expect(text).toContain(String(line?.reference));
  });

  test('a channel message that nobody addressed gets no error reply', async () => {
    const h = fixtureHarness();
    h.matcher.match = () => {
      throw new Error('boom');
    };
    expect((await h.send(channelMessage('c1', CODE))).replies).toHaveLength(0);
    expect(h.logs.some((l) => l.event === 'turn_error')).toBe(true);
  });

  test('the per-conversation rate limit refuses a paste without matching it', async () => {
    const keys: string[] = [];
    const h = fixtureHarness({ rateLimiter: { tryAcquire: (key) => (keys.push(key), false) } });
    const { replies } = await h.send(channelMessage('c1', CODE, { mention: true, threadRoot: 'r1' }));
    expect(h.matcher.calls).toHaveLength(0);
    expect(replies[0]?.text).toMatch(/too many/i);
    expect(keys).toEqual(['19:ops-channel@thread.tacv2']);
  });
});

test('installing the app in a personal chat sends the help card once; elsewhere nothing', async () => {
  const h = fixtureHarness();
  const install = { ...personalMessage('inst-1', undefined), type: 'installationUpdate', action: 'add' };
  expect(textOf(cardOf((await h.send(install)).replies[0]))).toContain('search');
  expect((await h.send(install)).replies).toHaveLength(0);
  const inTeam = {
    ...channelMessage('inst-2', ''),
    text: undefined,
    type: 'installationUpdate',
    action: 'add',
  };
  expect((await h.send(inTeam)).replies).toHaveLength(0);
});

test('the user is identified by a salted hash, never by the Teams id', async () => {
  const h = fixtureHarness();
  const paste = personalMessage('m1', CODE);
  const { replies } = await h.send(paste);
  await h.send(cardClick('i1', actionOf(cardOf(replies[0]), 'start'), { ...paste, id: replies[0]?.id }));
  const session = [...h.stores.sessionRows.values()][0];
  expect(session?.startedBy).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(session)).not.toContain(ALICE.id);
});
