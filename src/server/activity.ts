/**
 * The edge check of an inbound Bot Framework activity: the fields the adapter and the bot rely on, validated with
 * zod (unknown fields pass through untouched — Teams adds many). Messages name the field and what was expected.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';

const nonEmpty = (what: string) =>
  z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });

const AccountSchema = z.looseObject({ id: nonEmpty('a non-empty account id') });

export const InboundActivitySchema = z.looseObject({
  type: nonEmpty('an activity type such as "message" or "invoke"'),
  id: z.string({ error: 'expected a string' }).optional(),
  channelId: nonEmpty('a channel id such as "msteams"'),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of the channel service' }),
  conversation: z.looseObject(
    { id: nonEmpty('a non-empty conversation id') },
    { error: 'expected an object with an id' },
  ),
  from: AccountSchema.optional(),
  recipient: AccountSchema.optional(),
  text: z.string({ error: 'expected a string' }).optional(),
  name: z.string({ error: 'expected a string' }).optional(),
});

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; issues: string[] };

export function checkActivity(body: unknown): ActivityCheck {
  const parsed = InboundActivitySchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map(
        (issue) => `activity.${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`,
      ),
    };
  }
  return { ok: true, activity: parsed.data as unknown as Activity };
}
