/** One record per finished session: which step resolved which error (or that none did). */
import { z } from 'zod';
import { LangSchema } from '../catalogue/schema';
import { VerdictSchema } from '../remediation/session';

export const OutcomeKindSchema = z.enum(['resolved', 'exhausted', 'escalated']);
export type OutcomeKind = z.infer<typeof OutcomeKindSchema>;

export const OutcomeSchema = z
  .object({
    sessionId: z.string().min(1),
    entryId: z.string().min(1),
    outcome: OutcomeKindSchema,
    /** The step that fixed it (resolved only). */
    resolvedStepId: z.string().optional(),
    /** Step ids shown and not confirmed, in order (the resolving step not included). */
    stepsTried: z.array(z.string()),
    matchVerdict: VerdictSchema,
    matchScore: z.number().min(0).max(1),
    codes: z.array(z.string()),
    textHash: z.string(),
    locale: z.string(),
    lang: LangSchema,
    tenantId: z.string().optional(),
    teamId: z.string().optional(),
    channelId: z.string().optional(),
    /** Hashed (salted SHA-256) Teams user id of whoever ended the session. */
    userHash: z.string(),
    pastedAt: z.string(),
    endedAt: z.string(),
  })
  .strict();
export type Outcome = z.infer<typeof OutcomeSchema>;
