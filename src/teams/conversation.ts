/** Where an activity came from, in the shape a session stores (ConversationRef) and a log line carries. */
import type { Activity } from 'botbuilder';
import type { ConversationRef } from '../core/remediation/session';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string };
  channel?: { id?: string };
}

function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  const data: unknown = activity.channelData;
  return data && typeof data === 'object' ? (data as TeamsChannelData) : {};
}

/**
 * The conversation reference of a session. `conversationId` is kept verbatim: in a channel it carries
 * `;messageid=<root id>`, which keeps later replies and updates in the same thread.
 */
export function conversationRefOf(activity: Partial<Activity>): ConversationRef {
  const data = channelDataOf(activity);
  const ref: ConversationRef = {
    conversationId: activity.conversation?.id || 'unknown',
    serviceUrl: activity.serviceUrl || 'unknown',
  };
  const tenantId = tenantIdOf(activity);
  if (tenantId) ref.tenantId = tenantId;
  if (data.team?.id) ref.teamId = data.team.id;
  if (data.channel?.id) ref.channelId = data.channel.id;
  if (activity.conversation?.conversationType) ref.conversationType = activity.conversation.conversationType;
  return ref;
}

/** The locale the user's client reports ('en-US', 'ko-KR', 'nl-NL', ...); 'en-US' when absent or malformed. */
export function localeOf(activity: Partial<Activity>): string {
  const locale = activity.locale;
  return typeof locale === 'string' && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(locale)
    ? locale
    : 'en-US';
}

/** Ids for log lines: never text, never names. */
export function logIdsOf(activity: Partial<Activity>): Record<string, string | undefined> {
  return {
    activityId: activity.id,
    activityType: activity.type,
    name: activity.name,
    conversationId: activity.conversation?.id,
    tenantId: tenantIdOf(activity),
  };
}

/** The Microsoft Entra tenant of an activity: Teams puts it in channelData, other channels on the conversation. */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).tenant?.id ?? activity.conversation?.tenantId;
}
