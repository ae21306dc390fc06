/** Reading Teams message activities: mentions, scopes, and messages without text. */
import { MAX_PASTE_CHARS, readMessage, stripMentions } from '../../src/teams/inbound';

const bot = { id: '28:bot', name: 'Remedy' };
const mentionOf = (text: string, id = bot.id) => ({ type: 'mention', text, mentioned: { id, name: 'x' } });

describe('stripMentions', () => {
  test('removes every mention of the bot, not only the first, and keeps the rest of the text', () => {
    const text = '<at>Remedy</at> UserErrorX <at>Remedy</at> again';
    expect(stripMentions(text, [mentionOf('<at>Remedy</at>')], bot)).toEqual({
      text: 'UserErrorX again',
      mentioned: true,
    });
  });

  test("keeps other people's names but drops their <at> tags", () => {
    const entities = [mentionOf('<at>Remedy</at>'), mentionOf('<at>Bob Backup</at>', '29:bob')];
    expect(stripMentions('<at>Remedy</at> ask <at>Bob Backup</at>', entities, bot)).toEqual({
      text: 'ask Bob Backup',
      mentioned: true,
    });
  });

  test('a mention of someone else is not a mention of the bot', () => {
    expect(stripMentions('<at>Bob</at> hi', [mentionOf('<at>Bob</at>', '29:bob')], bot).mentioned).toBe(
      false,
    );
  });

  test('recognises an <at> tag with the bot name when the client sent no entity', () => {
    expect(stripMentions('<at>remedy</at> help', undefined, bot)).toEqual({ text: 'help', mentioned: true });
  });

  test('handles empty text and malformed entities without throwing', () => {
    expect(stripMentions('', [null, 42, { type: 'mention' }], bot)).toEqual({ text: '', mentioned: false });
  });
});

describe('readMessage', () => {
  const base = {
    recipient: bot,
    from: { id: '29:alice', name: 'Alice' },
    conversation: { id: 'c', conversationType: 'channel', isGroup: true, name: '' },
  };

  test('a card click or file upload without text is not a paste', () => {
    expect(readMessage({ ...base })).toMatchObject({ kind: 'ignore', reason: 'no-text', scope: 'channel' });
    const upload = {
      ...base,
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info' }],
    };
    expect(readMessage(upload)).toMatchObject({ kind: 'ignore', reason: 'attachments-only' });
  });

  test("the bot's own messages are ignored", () => {
    expect(readMessage({ ...base, from: { id: bot.id, name: 'Remedy' }, text: 'hi' })).toMatchObject({
      kind: 'ignore',
      reason: 'from-bot',
    });
  });

  test('a long paste is cut at MAX_PASTE_CHARS and says so', () => {
    const message = readMessage({ ...base, text: 'a'.repeat(MAX_PASTE_CHARS + 10) });
    expect(message).toMatchObject({ kind: 'text', truncated: true });
    expect(message.kind === 'text' && message.text.length).toBe(MAX_PASTE_CHARS);
  });

  test('group chats and personal chats are told apart by conversationType', () => {
    expect(
      readMessage({
        ...base,
        text: 'x',
        conversation: { id: 'g', conversationType: 'groupChat', isGroup: true, name: '' },
      }).scope,
    ).toBe('groupChat');
    expect(
      readMessage({
        ...base,
        text: 'x',
        conversation: { id: 'p', conversationType: 'personal', isGroup: false, name: '' },
      }).scope,
    ).toBe('personal');
  });
});
