/**
 * Reading an inbound message activity: who sent it, where (personal chat, channel, group chat), whether the bot
 * was @-mentioned, and the text with the mentions removed. `TurnContext.removeRecipientMention` is not used: it
 * throws on activities without text and removes only the first mention.
 */
import type { Activity } from 'botbuilder';

/** Longer pastes are cut here before matching (the matcher cuts again at its own limit). */
export const MAX_PASTE_CHARS = 20_000;

export type ConversationScope = 'personal' | 'channel' | 'groupChat';

export type InboundMessage =
  | {
      kind: 'text';
      /** The text with the bot's mentions removed and other mentions reduced to the name. */
      text: string;
      mentioned: boolean;
      scope: ConversationScope;
      /** True when the text was longer than MAX_PASTE_CHARS and was cut. */
      truncated: boolean;
    }
  | {
      kind: 'ignore';
      reason: 'from-bot' | 'no-text' | 'attachments-only' | 'mention-only';
      mentioned: boolean;
      scope: ConversationScope;
    };

export function scopeOf(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  if (type === 'personal') return 'personal';
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

/** True when the activity was sent by the bot itself (Teams echoes nothing, but other clients may). */
export function isFromBot(activity: Partial<Activity>): boolean {
  const from = activity.from;
  if (!from) return false;
  return from.role === 'bot' || (from.id !== undefined && from.id === activity.recipient?.id);
}

interface MentionEntity {
  type?: string;
  mentioned?: { id?: string; name?: string };
  text?: string;
}

// `<at>` tags are short; bounded quantifiers keep this linear on hostile input.
const AT_TAG = /<at(?:\s[^<>]{0,200})?>([^<]{0,300})<\/at>/gi;

/**
 * Removes every mention of the bot (each entity's text, and any `<at>` tag carrying the bot's name) and turns
 * other people's `<at>Name</at>` into `Name`. Works on any string, empty included.
 */
export function stripMentions(
  text: string,
  entities: readonly unknown[] | undefined,
  bot: { id?: string; name?: string },
): { text: string; mentioned: boolean } {
  let mentioned = false;
  let result = text;
  for (const raw of entities ?? []) {
    const entity = raw as MentionEntity;
    if (entity?.type !== 'mention' || !entity.mentioned || entity.mentioned.id !== bot.id || !bot.id)
      continue;
    mentioned = true;
    if (typeof entity.text === 'string' && entity.text.length > 0)
      result = result.split(entity.text).join(' ');
  }
  const botName = bot.name?.trim().toLowerCase();
  result = result.replace(AT_TAG, (_tag, inner: string) => {
    if (botName && inner.trim().toLowerCase() === botName) {
      mentioned = true;
      return ' ';
    }
    return inner;
  });
  return { text: result.replace(/[ \t]{2,}/g, ' ').trim(), mentioned };
}

function hasNonCardAttachments(activity: Partial<Activity>): boolean {
  return (activity.attachments ?? []).some((a) => a.contentType !== 'text/html');
}

/** Classifies a message activity; never throws (missing text, entities or sender are handled). */
export function readMessage(activity: Partial<Activity>): InboundMessage {
  const scope = scopeOf(activity);
  if (isFromBot(activity)) return { kind: 'ignore', reason: 'from-bot', mentioned: false, scope };
  const raw = typeof activity.text === 'string' ? activity.text : '';
  const { text, mentioned } = stripMentions(raw, activity.entities, activity.recipient ?? {});
  if (text.length === 0) {
    if (mentioned) return { kind: 'ignore', reason: 'mention-only', mentioned, scope };
    const reason = hasNonCardAttachments(activity) ? 'attachments-only' : 'no-text';
    return { kind: 'ignore', reason, mentioned, scope };
  }
  const truncated = text.length > MAX_PASTE_CHARS;
  return {
    kind: 'text',
    text: truncated ? text.slice(0, MAX_PASTE_CHARS) : text,
    mentioned,
    scope,
    truncated,
  };
}
