/**
 * The edge check of an inbound Bot Framework activity: the fields the adapter and the bot rely on, validated with
 * zod (unknown fields pass through untouched — Teams adds many). Messages name the field and what was expected.
 * A field the SDK would choke on but the turn can do without (a `locale` that is not a string) is dropped and
 * noted, so the user still gets a reply.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { describeIssues } from '../core/validation';

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
  /** BCP 47 tag as a string; anything else is dropped (see `notes`). */
  locale: z.unknown().optional(),
});

export type ActivityCheck =
  | {
      ok: true;
      activity: Activity;
      /** What was normalised, e.g. "locale: dropped (object)". */ notes: string[];
    }
  | { ok: false; issues: string[] };

export function checkActivity(body: unknown): ActivityCheck {
  const parsed = InboundActivitySchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) =>
        describeIssues(new z.ZodError([{ ...issue, path: ['activity', ...issue.path] }])),
      ),
    };
  }
  const { locale, ...activity } = parsed.data;
  const notes: string[] = [];
  if (locale === undefined || typeof locale === 'string') {
    if (locale !== undefined) (activity as Record<string, unknown>).locale = locale;
  } else {
    notes.push(`locale: dropped (expected a string, got ${locale === null ? 'null' : typeof locale})`);
  }
  return { ok: true, activity: activity as unknown as Activity, notes };
}
