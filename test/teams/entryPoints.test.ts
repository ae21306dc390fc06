/**
 * Ways into Remedy besides a paste, driven through botbuilder's TestAdapter with Teams-shaped invoke activities:
 * the "Troubleshoot with Remedy" message action, the search message extension, small talk, unknown codes.
 */
import type { Activity } from 'botbuilder';
import { TURN_LOGGER_KEY } from '../../src/teams/turn';
import {
  ALICE,
  BOT,
  CHANNEL_CONVERSATION,
  TENANT,
  actionOf,
  cardClick,
  cardOf,
  channelMessage,
  executeActions,
  fixtureHarness,
  personalMessage,
  textOf,
  type Card,
} from './harness';

const CODE = 'UserErrorGuestAgentStatusUnavailable';

/** A `composeExtension/*` invoke as Teams sends it from a channel thread or a personal chat. */
function extensionInvoke(
  id: string,
  name: 'composeExtension/submitAction' | 'composeExtension/query',
  value: Record<string, unknown>,
  where: 'channel' | 'personal',
): Partial<Activity> {
  const from = { id: ALICE.id, name: ALICE.name };
  const common = {
    id,
    type: 'invoke',
    name,
    value,
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/emea/',
    from,
    recipient: { id: BOT.id, name: BOT.name },
    locale: 'en-US',
    channelData: { tenant: { id: TENANT } },
  };
  return where === 'channel'
    ? ({
        ...common,
        conversation: {
          id: CHANNEL_CONVERSATION,
          conversationType: 'channel',
          tenantId: TENANT,
          isGroup: true,
        },
        channelData: {
          tenant: { id: TENANT },
          team: { id: '19:team@thread.tacv2' },
          channel: { id: CHANNEL_CONVERSATION },
        },
      } as Partial<Activity>)
    : ({
        ...common,
        conversation: { id: 'a:1dm1', conversationType: 'personal', tenantId: TENANT, isGroup: false },
      } as Partial<Activity>);
}

function troubleshoot(html: string, messageId: string, replyToId?: string) {
  return {
    commandId: 'troubleshoot',
    commandContext: 'message',
    messagePayload: {
      id: messageId,
      ...(replyToId ? { replyToId } : {}),
      messageType: 'message',
      body: { contentType: 'html', content: html },
      from: { user: { id: '29:carol', displayName: 'Carol' } },
    },
    data: {},
  };
}

describe('"Troubleshoot with Remedy" message action', () => {
  it('answers about the message in its channel thread, and the dialog closes', async () => {
    const h = fixtureHarness();
    const { replies, invokeResponse } = await h.send(
      extensionInvoke(
        'inv-1',
        'composeExtension/submitAction',
        troubleshoot(`<p>Backup failed:<br>${CODE}</p>`, '1700000000001', '1700000000000'),
        'channel',
      ),
    );
    expect(invokeResponse?.status).toBe(200);
    // The dialog says where the answer went.
    expect(invokeResponse?.body).toEqual({
      task: { type: 'message', value: 'Done: I answered in the thread of that message.' },
    });
    expect(replies).toHaveLength(1);
    // Posted in the thread of the message acted on (its root), not as a new post in the channel.
    expect(replies[0]?.conversation?.id).toBe(`${CHANNEL_CONVERSATION};messageid=1700000000000`);
    const card = cardOf(replies[0]);
    expect(textOf(card)).toContain('VM agent unable to communicate with Azure Backup');
    expect(executeActions(card).map((a) => a.verb)).toContain('start');
  });

  it('on a root post, answers in that post’s thread; an ambiguous message gets the choice card', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(
      extensionInvoke(
        'inv-2',
        'composeExtension/submitAction',
        troubleshoot('the agent seems stuck again', '1700000000005'),
        'channel',
      ),
    );
    expect(replies[0]?.conversation?.id).toBe(`${CHANNEL_CONVERSATION};messageid=1700000000005`);
    expect(textOf(cardOf(replies[0]))).toContain('Which one did you mean?');
  });

  it('in a personal chat, answers in the chat; the optional field adds to the message', async () => {
    const h = fixtureHarness();
    const value = { ...troubleshoot('backup failed last night', 'm-9'), data: { extra: CODE } };
    const { replies } = await h.send(
      extensionInvoke('inv-3', 'composeExtension/submitAction', value, 'personal'),
    );
    expect(replies[0]?.conversation?.id).toBe('a:1dm1');
    expect(textOf(cardOf(replies[0]))).toContain('VM agent unable to communicate with Azure Backup');
  });

  it('a Teams retry of the same action answers once', async () => {
    const h = fixtureHarness();
    const invoke = extensionInvoke(
      'inv-4',
      'composeExtension/submitAction',
      troubleshoot(CODE, '1700000000007'),
      'channel',
    );
    expect((await h.send(invoke)).replies).toHaveLength(1);
    expect((await h.send(invoke)).replies).toHaveLength(0);
  });
});

describe('search message extension', () => {
  it('returns the matching entries as cards to insert, each with a preview naming the error', async () => {
    const h = fixtureHarness();
    const { invokeResponse } = await h.send(
      extensionInvoke(
        'q-1',
        'composeExtension/query',
        { commandId: 'searchErrors', parameters: [{ name: 'query', value: CODE.toLowerCase() }] },
        'channel',
      ),
    );
    const result = (invokeResponse?.body as unknown as { composeExtension: Record<string, unknown> })
      .composeExtension as {
      type: string;
      attachments: Array<{ contentType: string; content: Card; preview: { content: { title: string } } }>;
    };
    expect(result.type).toBe('result');
    expect(result.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(result.attachments[0]!.content)).toContain('Start guided fix');
    expect(result.attachments[0]?.preview.content.title).toContain(CODE);
  });

  it('the initial run and an unknown command return no cards', async () => {
    const h = fixtureHarness();
    for (const value of [
      { commandId: 'searchErrors', parameters: [{ name: 'initialRun', value: 'true' }] },
      { commandId: 'somethingElse', parameters: [{ name: 'query', value: CODE }] },
    ]) {
      const { invokeResponse } = await h.send(
        extensionInvoke(h.nextId(), 'composeExtension/query', value, 'personal'),
      );
      expect(
        (invokeResponse?.body as unknown as { composeExtension: { attachments: unknown[] } }).composeExtension
          .attachments,
      ).toEqual([]);
    }
  });
});

describe('conversation manners', () => {
  it.each(['thanks!', 'Thank you', 'hello', 'ok 👍', '감사합니다', 'bedankt'])(
    'personal chat "%s" gets a short friendly line, not the no-match card',
    async (text) => {
      const h = fixtureHarness();
      const { replies } = await h.send(personalMessage('m1', text));
      expect(replies).toHaveLength(1);
      expect(replies[0]?.attachments ?? []).toHaveLength(0);
      expect(replies[0]?.text).toEqual(expect.any(String));
      expect(replies[0]?.text).not.toMatch(/could not recognise/i);
    },
  );

  it('a thank-you with an error in it is still matched', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(personalMessage('m1', `thanks, now I get ${CODE}`));
    expect(textOf(cardOf(replies[0]))).toContain('Start guided fix');
  });
});

describe('a code that is in no entry', () => {
  it('addressed: says honestly that it is not in the catalogue, with a Microsoft Learn search', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(personalMessage('m1', 'Backup failed with UserErrorMadeUpThing'));
    const card = cardOf(replies[0]);
    expect(textOf(card)).toContain('UserErrorMadeUpThing: not in my catalogue');
    expect(JSON.stringify(card)).toContain('https://learn.microsoft.com/search/?terms=UserErrorMadeUpThing');
  });

  it('in a channel, not mentioned: stays silent', async () => {
    const h = fixtureHarness();
    const { replies } = await h.send(channelMessage('c1', 'Backup failed with UserErrorMadeUpThing'));
    expect(replies).toHaveLength(0);
  });
});

describe('the guided fix names people', () => {
  it('the ambiguous card’s buttons name the errors; escalate names who did it, in the thread too', async () => {
    const h = fixtureHarness();
    const ambiguous = await h.send(personalMessage('m1', 'the agent seems stuck'));
    const choices = executeActions(cardOf(ambiguous.replies[0])).filter((a) => a.verb === 'choose');
    expect(choices.map((c) => c.title)).toEqual([
      'It’s UserErrorGuestAgentStatusUnavailable',
      'It’s UserErrorRpCollectionLimitReached',
    ]);

    const pasted = await h.send(personalMessage('m2', CODE));
    const started = await h.send(
      cardClick('c1', actionOf(cardOf(pasted.replies[0]), 'start'), pasted.replies[0]!),
    );
    const step = started.invokeResponse!.body.value;
    const escalated = await h.send(cardClick('c2', actionOf(step, 'escalate'), pasted.replies[0]!));
    const card = escalated.invokeResponse!.body.value;
    expect(textOf(card)).toContain(`${ALICE.name} escalated this.`);
    expect(textOf(card)).not.toContain('a team member');
    expect(escalated.updates).toHaveLength(1);
    expect(textOf(cardOf(escalated.updates[0]))).toContain(`${ALICE.name} escalated this.`);
  });
});

describe('log lines', () => {
  it('carry the HTTP request id when the server hands the turn its request logger', async () => {
    const h = fixtureHarness();
    h.adapter.use(async (context, next) => {
      context.turnState.set(TURN_LOGGER_KEY, h.logger.child({ reqId: 'req-42' }));
      await next();
    });
    await h.send(personalMessage('m1', CODE));
    const matched = h.logs.find((line) => line.event === 'paste_matched');
    expect(matched?.reqId).toBe('req-42');
  });
});
