/**
 * Universal Actions: the `adaptiveCard/action` invoke value (untrusted; validated here) and the invoke response
 * Teams expects: `{ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }`.
 */
import type { InvokeResponse } from 'botbuilder';
import { z } from 'zod';

export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export const CardActionInvokeSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute', { error: 'action.type: expected "Action.Execute"' }),
    verb: z.string({ error: 'action.verb: expected a string' }).min(1).max(64),
    id: z.string().optional(),
    data: z.record(z.string(), z.unknown(), { error: 'action.data: expected an object' }).optional(),
  }),
  /** 'automatic' for a card refresh, 'manual' for a click. */
  trigger: z.enum(['manual', 'automatic']).optional(),
});
export type CardActionInvoke = z.infer<typeof CardActionInvokeSchema>;

export type ParsedInvoke =
  | { ok: true; verb: string; data: Record<string, unknown>; trigger: 'manual' | 'automatic' }
  | { ok: false; problem: string };

export function parseCardActionInvoke(value: unknown): ParsedInvoke {
  const parsed = CardActionInvokeSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : 'value';
    return { ok: false, problem: `${field}: ${issue?.message ?? 'invalid'}` };
  }
  const { verb, data } = parsed.data.action;
  return { ok: true, verb, data: data ?? {}, trigger: parsed.data.trigger ?? 'manual' };
}

export type AdaptiveCardJson = Record<string, unknown>;

/** The invoke response that shows `card` to whoever clicked. */
export function cardInvokeResponse(card: AdaptiveCardJson): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } };
}
