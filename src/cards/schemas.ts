/**
 * The data each card template binds to (one zod schema per template). View builders produce it; renderCard
 * validates it before binding, so a template never shows an unbound `${...}`.
 */
import { z } from 'zod';
import { VERBS } from './actions';

const text = z.string();
const nonEmpty = z.string().min(1);

/**
 * One styled run of a block: an Adaptive Cards TextRun (schema 1.2; `underline` 1.3). Code is a monospace run,
 * links open their URL; colours stay the theme's (no `highlight`), so a run reads in Teams' light and dark themes.
 */
export const TextRunSchema = z
  .object({
    type: z.literal('TextRun'),
    text: nonEmpty,
    weight: z.literal('Bolder').optional(),
    italic: z.literal(true).optional(),
    fontType: z.literal('Monospace').optional(),
    color: z.literal('Accent').optional(),
    underline: z.literal(true).optional(),
    selectAction: z
      .object({ type: z.literal('Action.OpenUrl'), url: z.string().url() })
      .strict()
      .optional(),
  })
  .strict();
export type TextRun = z.infer<typeof TextRunSchema>;

/** One rendered markdown block (see markdown.ts / views/blocks.ts), shown as a RichTextBlock of its runs. */
export const CardBlockSchema = z
  .object({
    inlines: z.array(TextRunSchema).min(1),
    /** Bullet or number shown in the gutter column; a no-break space for an indented continuation. */
    bullet: text,
    /** Gutter width, e.g. "16px"; '' for a top-level paragraph (no gutter). */
    pad: z.string().regex(/^(\d+px)?$/),
    /**
     * The block's text when all of it is code (a fenced block, a list item that is one path or command): shown as
     * a wrapping monospace TextBlock, because a RichTextBlock run does not break a long path on a phone. '' else.
     */
    code: text,
    /** Container style of the text column: 'emphasis' for a code block. */
    style: z.enum(['default', 'emphasis']),
  })
  .strict();
export type CardBlock = z.infer<typeof CardBlockSchema>;

export const CardActionSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('Action.Execute'),
      title: nonEmpty,
      verb: z.enum(VERBS as [string, ...string[]]),
      data: z.record(z.string(), z.unknown()),
      style: z.enum(['default', 'positive', 'destructive']),
    })
    .strict(),
  z.object({ type: z.literal('Action.OpenUrl'), title: nonEmpty, url: z.string().url() }).strict(),
]);
export type CardAction = z.infer<typeof CardActionSchema>;

export const FactSchema = z.object({ title: nonEmpty, value: nonEmpty }).strict();
export type Fact = z.infer<typeof FactSchema>;

const Link = z.object({ label: nonEmpty, url: z.string().url() }).strict();

/** Universal Actions refresh: Teams re-fetches the card for these users (at most 60). */
export const RefreshSchema = z
  .object({
    action: z
      .object({
        type: z.literal('Action.Execute'),
        verb: z.literal('refresh'),
        data: z.record(z.string(), z.unknown()),
      })
      .strict(),
    userIds: z.array(z.string().min(1)).max(60, 'refresh.userIds takes at most 60 Teams user ids'),
  })
  .strict();

export const MatchCardSchema = z
  .object({
    eyebrow: nonEmpty,
    title: nonEmpty,
    /** English title when the shown title is in another language; '' otherwise. */
    titleEn: text,
    facts: z.array(FactSchema),
    /** The documented message as blocks (empty when the article gives none). */
    message: z.array(CardBlockSchema),
    langNote: text,
    causesLabel: text,
    causes: z.array(z.object({ label: nonEmpty, title: nonEmpty }).strict()),
    statsLabel: text,
    stats: z.array(z.object({ text: nonEmpty }).strict()),
    /** Why "Jump to step N" is offered (how often that step fixed this error), or ''. */
    jumpNote: text,
    source: Link,
    actions: z.array(CardActionSchema).max(6),
  })
  .strict();

const Choice = z
  .object({
    code: text,
    title: nonEmpty,
    line: text,
    actions: z.array(CardActionSchema).min(1).max(2),
  })
  .strict();

export const AmbiguousCardSchema = z
  .object({ title: nonEmpty, intro: nonEmpty, choices: z.array(Choice).min(1).max(8) })
  .strict();

export const NoMatchCardSchema = z
  .object({ title: nonEmpty, text: nonEmpty, tips: z.array(nonEmpty), actions: z.array(CardActionSchema) })
  .strict();

export const StepCardSchema = z
  .object({
    eyebrow: nonEmpty,
    progress: nonEmpty,
    /** "Cause 1: <title>" or ''. */
    context: text,
    /** "Option 2 of 5" or ''. */
    option: text,
    /** What a check or diagnostic step asks of the reader (a fix step: ''). */
    prompt: text,
    blocks: z.array(CardBlockSchema).min(1),
    langNote: text,
    /** "This step fixed this error 3 of 5 times before" or ''. */
    history: text,
    /** Notice on top (e.g. "someone else moved on, here is the current step") or ''. */
    notice: text,
    source: Link,
    actions: z.array(CardActionSchema).min(1).max(6),
    refresh: RefreshSchema.nullable(),
  })
  .strict();

export const ResolvedCardSchema = z
  .object({
    title: nonEmpty,
    entryTitle: nonEmpty,
    stepLabel: nonEmpty,
    stepSummary: text,
    facts: z.array(FactSchema),
    actions: z.array(CardActionSchema),
  })
  .strict();

/** Exhausted and escalated: what was tried, as blocks and as copyable plain text for a support ticket. */
export const EscalationCardSchema = z
  .object({
    title: nonEmpty,
    /** 'attention' (exhausted) or 'warning' (escalated): host semantic colours. */
    color: z.enum(['Attention', 'Warning']),
    intro: nonEmpty,
    entryTitle: nonEmpty,
    facts: z.array(FactSchema),
    triedLabel: nonEmpty,
    tried: z.array(CardBlockSchema).min(1),
    ticketLabel: nonEmpty,
    /** Plain-text lines, one TextBlock each, so that selecting the box copies a tidy summary. */
    ticket: z.array(nonEmpty).min(1),
    actions: z.array(CardActionSchema),
  })
  .strict();

const StatsBar = z
  .object({
    label: nonEmpty,
    count: nonEmpty,
    /**
     * The bar, drawn with block characters in the host's "good" text colour: text colours stay readable in
     * light and dark themes, where a coloured container background can vanish.
     */
    bar: z.string().regex(/^█{1,12}$/, 'bar must be 1 to 12 block characters'),
  })
  .strict();

export const StatsCardSchema = z
  .object({
    title: nonEmpty,
    subtitle: text,
    empty: text,
    entries: z.array(
      z
        .object({
          title: nonEmpty,
          code: text,
          summary: nonEmpty,
          bars: z.array(StatsBar),
          actions: z.array(CardActionSchema),
        })
        .strict(),
    ),
  })
  .strict();

export const HelpCardSchema = z
  .object({
    title: nonEmpty,
    intro: nonEmpty,
    commands: z.array(z.object({ command: nonEmpty, description: nonEmpty }).strict()),
    note: text,
  })
  .strict();

export const SearchCardSchema = z
  .object({ title: nonEmpty, summary: nonEmpty, results: z.array(Choice) })
  .strict();

export const ErrorCardSchema = z
  .object({ title: nonEmpty, text: nonEmpty, reference: text, actions: z.array(CardActionSchema) })
  .strict();

export type MatchCardData = z.infer<typeof MatchCardSchema>;
export type AmbiguousCardData = z.infer<typeof AmbiguousCardSchema>;
export type NoMatchCardData = z.infer<typeof NoMatchCardSchema>;
export type StepCardData = z.infer<typeof StepCardSchema>;
export type ResolvedCardData = z.infer<typeof ResolvedCardSchema>;
export type EscalationCardData = z.infer<typeof EscalationCardSchema>;
export type StatsCardData = z.infer<typeof StatsCardSchema>;
export type HelpCardData = z.infer<typeof HelpCardSchema>;
export type SearchCardData = z.infer<typeof SearchCardSchema>;
export type ErrorCardData = z.infer<typeof ErrorCardSchema>;
