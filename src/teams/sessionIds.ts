/**
 * Session ids and where a session belongs.
 *
 * A start click is keyed on the card it came from — the card message (replyToId), or, when the client sends no
 * replyToId, the paste the card answers (entry, text hash, paste time) — so two people pressing Start on the same
 * card, or a retried click, get the same session instead of two. The id is an HMAC of the tenant, the conversation
 * and that key with the server secret (USER_HASH_SALT, shared by all instances): nobody can compute the id of a
 * session in a conversation they are not in. And every click is checked against the session's own tenant and
 * conversation anyway (`belongsHere`), so a card forwarded or forged into another conversation changes nothing.
 */
import { createHmac } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Session } from '../core/remediation/session';
import { conversationRefOf } from './conversation';

export interface StartKey {
  /** Server secret (the user-hash salt). */
  secret: string;
  activity: Partial<Activity>;
  /** The clicked card message (the invoke's replyToId), when the client sends it. */
  cardActivityId: string | undefined;
  /** What identifies the card without replyToId: its entry and the paste it answers. */
  entryId: string;
  textHash: string;
  pastedAt: string;
}

export function sessionIdForCard(key: StartKey): string {
  const ref = conversationRefOf(key.activity);
  const card = key.cardActivityId
    ? ['card', key.cardActivityId]
    : ['paste', key.entryId, key.textHash, key.pastedAt];
  const digest = createHmac('sha256', key.secret)
    .update(['remedy-session', ref.tenantId ?? '', ref.conversationId, ...card].join('\u0000'))
    .digest('hex');
  return `s-${digest.slice(0, 32)}`;
}

/** The id of the session started from a card message (the invoke's replyToId). */
export function sessionIdOfCardMessage(
  secret: string,
  activity: Partial<Activity>,
  cardActivityId: string,
): string {
  return sessionIdForCard({ secret, activity, cardActivityId, entryId: '', textHash: '', pastedAt: '' });
}

/** True when the activity comes from the session's own tenant and conversation (thread). */
export function belongsHere(session: Session, activity: Partial<Activity>): boolean {
  const here = conversationRefOf(activity);
  return (
    here.conversationId === session.conversation.conversationId &&
    (here.tenantId ?? '') === (session.conversation.tenantId ?? '')
  );
}
