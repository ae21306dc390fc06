/**
 * Card verbs and their payloads, defined once: `packAction` builds the `Action.Execute` a card carries,
 * `parseAction` validates what comes back in an `adaptiveCard/action` invoke. Ids travel in `data`, never in
 * the verb. Payloads are untrusted: every field is checked, with a message naming it.
 */
import { z } from 'zod';
import { DomainError } from '../core/errors';
import { describeIssues } from '../core/validation';
import { VerdictSchema } from '../core/remediation/session';

const id = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, `${what} must not be empty`)
    .max(300, `${what} is too long`);

/** How the entry was recognised; travels on the match/choice cards so that a session can record it. */
export const MatchContextSchema = z.object({
  verdict: VerdictSchema,
  score: z.number({ error: 'match.score must be a number' }).min(0).max(1),
  codes: z.array(z.string().max(200)).max(20),
  textHash: z.string().max(200),
  /** ISO time the error was pasted (time-to-fix starts there). */
  pastedAt: z.iso.datetime({ error: 'match.pastedAt must be an ISO date-time' }),
  /** Locale of whoever pasted the error: the guided fix keeps the language of the card it started from. */
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'match.locale must be a BCP 47 tag such as ko-KR')
    .optional(),
});
export type MatchContext = z.infer<typeof MatchContextSchema>;

const StepRefSchema = z.object({
  sessionId: id('sessionId'),
  entryId: id('entryId'),
  stepId: id('stepId'),
  version: z
    .number({ error: 'version must be a number' })
    .int('version must be an integer')
    .positive('version must be ≥ 1'),
});

/** Each verb's payload schema. */
export const ACTION_SCHEMAS = {
  /** Start the guided fix of an entry (match card). */
  start: z.object({ entryId: id('entryId'), match: MatchContextSchema }),
  /** Start at the step that usually works (match card). */
  jump: z.object({ entryId: id('entryId'), stepId: id('stepId'), match: MatchContextSchema }),
  /** Pick one entry of an ambiguous match or a search result → its match card. */
  choose: z.object({ entryId: id('entryId'), match: MatchContextSchema }),
  next: StepRefSchema,
  back: StepRefSchema,
  fixed: StepRefSchema,
  escalate: StepRefSchema,
  /** A check's answers: "Yes" (go on) and "No" (to the fix the check points to, else go on). */
  yes: StepRefSchema,
  no: StepRefSchema,
  /** Universal Actions refresh of a step card: show the session's current state. */
  refresh: z.object({ sessionId: id('sessionId') }),
  /** Show the statistics (of one entry when given). */
  stats: z.object({ entryId: id('entryId').optional() }),
  help: z.object({}),
} as const;

export type Verb = keyof typeof ACTION_SCHEMAS;
export const VERBS = Object.keys(ACTION_SCHEMAS) as Verb[];
export type ActionPayload<V extends Verb> = z.infer<(typeof ACTION_SCHEMAS)[V]>;
export type ParsedAction = { [V in Verb]: { verb: V; data: ActionPayload<V> } }[Verb];

export type ButtonStyle = 'default' | 'positive' | 'destructive';

/** An `Action.Execute` as it appears in a card. */
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: Verb;
  data: Record<string, unknown>;
  style: ButtonStyle;
}

/** Builds the Action.Execute for a verb; the payload is checked against the verb's schema. */
export function packAction<V extends Verb>(
  verb: V,
  data: ActionPayload<V>,
  title: string,
  style: ButtonStyle = 'default',
): ExecuteAction {
  const parsed = ACTION_SCHEMAS[verb].safeParse(data);
  if (!parsed.success) {
    throw new DomainError(
      'CARD_INVALID',
      `cannot pack ${verb}: ${describeIssues(parsed.error, { max: 3, root: 'data' })}`,
      { verb },
    );
  }
  return { type: 'Action.Execute', title, verb, data: parsed.data as Record<string, unknown>, style };
}

/** Validates an incoming verb + data. Unknown verbs and malformed payloads are ACTION_INVALID errors. */
export function parseAction(verb: unknown, data: unknown): ParsedAction | DomainError {
  if (typeof verb !== 'string' || !(VERBS as string[]).includes(verb)) {
    return new DomainError(
      'ACTION_INVALID',
      `verb must be one of ${VERBS.join(', ')}; got ${JSON.stringify(verb)}`.slice(0, 300),
      {
        verb: typeof verb === 'string' ? verb.slice(0, 50) : typeof verb,
      },
    );
  }
  const parsed = ACTION_SCHEMAS[verb as Verb].safeParse(data ?? {});
  if (!parsed.success) {
    return new DomainError(
      'ACTION_INVALID',
      `invalid ${verb} payload: ${describeIssues(parsed.error, { max: 3, root: 'data' })}`,
      {
        verb,
      },
    );
  }
  return { verb, data: parsed.data } as ParsedAction;
}
