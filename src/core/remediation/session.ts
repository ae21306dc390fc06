/** A guided remediation session: the state that card clicks move forward (DESIGN.md "remediation"). */
import { z } from 'zod';
import { LangSchema, StepKindSchema } from '../catalogue/schema';

export const VerdictSchema = z.enum(['confident', 'ambiguous', 'none']);
export type Verdict = z.infer<typeof VerdictSchema>;

export const SessionStatusSchema = z.enum(['active', 'resolved', 'exhausted', 'escalated']);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** Where the session's card lives, so that any instance can update it (thread id kept in conversationId). */
export const ConversationRefSchema = z
  .object({
    conversationId: z.string().min(1),
    serviceUrl: z.string().min(1),
    tenantId: z.string().optional(),
    teamId: z.string().optional(),
    channelId: z.string().optional(),
    conversationType: z.string().optional(),
  })
  .strict();
export type ConversationRef = z.infer<typeof ConversationRefSchema>;

/** How the session's entry was recognised; the pasted text itself is never stored, only its hash. */
export const MatchInfoSchema = z
  .object({
    verdict: VerdictSchema,
    score: z.number().min(0).max(1),
    codes: z.array(z.string()),
    textHash: z.string(),
  })
  .strict();
export type MatchInfo = z.infer<typeof MatchInfoSchema>;

/** One answer on a step card, in order: the ticket summary lists what was tried, by whom and when. */
export const TrailItemSchema = z
  .object({
    stepId: z.string().min(1),
    action: z.enum(['next', 'back', 'fixed', 'escalate', 'yes', 'no']),
    /** Display name of whoever answered (shown on the session's cards only). */
    by: z.string().optional(),
    /** ISO timestamp. */
    at: z.string(),
  })
  .strict();
export type TrailItem = z.infer<typeof TrailItemSchema>;

export const SessionSchema = z
  .object({
    id: z.string().min(1),
    /** Optimistic concurrency: 1 on create, +1 on every accepted write. */
    version: z.number().int().positive(),
    entryId: z.string().min(1),
    /** The plan's step ids, frozen when the session started. */
    stepIds: z.array(z.string().min(1)).min(1),
    /** Kind of each step of stepIds, frozen with them; absent in sessions started before step kinds (all fixes). */
    stepKinds: z.array(StepKindSchema).optional(),
    /** Check step id → the step its "no" answer leads to (where the article says so). */
    ifNot: z.record(z.string(), z.string()).optional(),
    /** Every answer given, in order (absent in sessions started before the trail was kept). */
    trail: z.array(TrailItemSchema).optional(),
    /** Index into stepIds of the step on screen. */
    position: z.number().int().nonnegative(),
    /** Step ids that did not help, in the order they were tried. */
    tried: z.array(z.string()),
    status: SessionStatusSchema,
    resolvedStepId: z.string().optional(),
    /** Hashed id of whoever ended the session (confirmed the fix or escalated). */
    endedBy: z.string().optional(),
    /** Display name of whoever ended the session (confirmed the fix or escalated), shown on its card. */
    endedByName: z.string().optional(),
    startedBy: z.string(),
    locale: z.string(),
    lang: LangSchema,
    conversation: ConversationRefSchema,
    /** Activity id of the card message to update in place. */
    cardActivityId: z.string().optional(),
    match: MatchInfoSchema,
    /** ISO timestamps. `pastedAt` is when the error was pasted (time-to-fix starts there). */
    pastedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    endedAt: z.string().optional(),
  })
  .strict();
export type Session = z.infer<typeof SessionSchema>;
