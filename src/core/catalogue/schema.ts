/**
 * The catalogue contract (DESIGN.md "Entry"): what ingestion writes, what matching, remediation and cards read.
 * Validated with zod on write (src/knowledge) and on load (Catalogue.fromJson).
 */
import { z } from 'zod';

export const LANGS = ['en', 'ko', 'nl'] as const;
export const LangSchema = z.enum(LANGS);
export type Lang = z.infer<typeof LangSchema>;

/** Text per language; any subset of languages. Markdown where it is step or description text. */
export const LocalizedTextSchema = z
  .object({ en: z.string().min(1), ko: z.string().min(1), nl: z.string().min(1) })
  .partial()
  .strict();
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const STEP_KINDS = ['fix', 'check', 'diagnostic'] as const;
export const StepKindSchema = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKindSchema>;

export const StepSchema = z
  .object({
    /**
     * `${entryId}#s${n}`: one documented action, whichever language shows it, so statistics per step count the
     * same action for every reader. The languages' newest step lists are aligned into one list (n is the place
     * in it, 1-based): a translation's step joins the step it translates — by position when the lists are
     * equally long, else by the links, commands, code, numbers and paths both carry (or, lacking any, by both
     * being a check or a diagnostic). A step only one language documents gets an id of its own and text in
     * that language only; a reader follows the steps of the language shown (`stepsIn` in catalogue.ts).
     * Ids are stable across ingest runs of the same sources; adding a version may renumber.
     */
    id: z.string().min(1),
    /** Markdown of the step itself (links absolute, in-article anchors as `entry:<entry id>` links). */
    text: LocalizedTextSchema,
    /** Nested sub-steps (a./b./c. or sub-bullets), in order; each localized. */
    substeps: z.array(LocalizedTextSchema),
    /** True when this step is an "(OR)/(또는)/(OF)" alternative to the step before it. */
    alternative: z.boolean(),
    /**
     * What the step does, decided at ingest from the article's wording (src/knowledge/stepKinds.ts):
     * `fix` changes something (it can be what fixed the error), `check` asks whether something is so (yes → go on,
     * no → `fixStep` where the article names one), `diagnostic` gathers information (collect logs, verbose logging,
     * contact support) and can never be what fixed the error.
     */
    kind: StepKindSchema,
    /**
     * For a `check`: the step the article sends the reader to when the check fails — the next step of the same
     * entry when it opens "If not / If it isn't …", or the first step of the entry a "If not, follow these
     * [steps](…)" link points at, or that the check as a whole links to (which may be a cause entry in the same plan or another entry). Absent otherwise.
     */
    fixStep: z.string().min(1).optional(),
  })
  .strict();
export type Step = z.infer<typeof StepSchema>;

export const EntryKindSchema = z.enum(['error', 'cause', 'guide']);
export type EntryKind = z.infer<typeof EntryKindSchema>;

export const SourceSchema = z
  .object({
    /** File name under knowledge/sources. */
    file: z.string().min(1),
    lang: LangSchema,
    /** ms.lasthandoff (translations) or ms.date (originals) of that file, as YYYY-MM-DD. */
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** 1-based line of the heading (or table row) the entry came from in that file. */
    line: z.number().int().positive(),
    /** The anchor(s) of the heading in that file. */
    anchors: z.array(z.string()),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

export const EntrySchema = z
  .object({
    /**
     * Stable id: an anchor of its heading (see merge.ts entryId: the newest translation's, preferring one links
     * point at), or `<section-anchor>/<n>` for a table row; `<article>:<anchor>` when an earlier article already
     * has that id.
     */
    id: z.string().min(1),
    kind: EntryKindSchema,
    /** Article id (the index.json record's, else the file's slug), e.g. `vm-agent-extension-troubleshoot`. */
    article: z.string().min(1),
    /** Every seed reference the entry came from (DESIGN.md "Entry refs"); the first is the id. */
    refs: z.array(z.string().min(1)).min(1),
    /** Error codes and numeric IDs as printed; older spellings kept. */
    codes: z.array(z.string().min(1)),
    /** Localized title; `en` always present (derived from the anchor where no English text exists). */
    title: LocalizedTextSchema.extend({ en: z.string().min(1) }),
    /** The documented error message (current wording), per language. */
    message: LocalizedTextSchema,
    /** MABS: the operation column (e.g. "Backup", "Restore"). */
    operation: LocalizedTextSchema,
    /** Explanatory markdown that is not a step (intro paragraphs, notes, cause descriptions). */
    description: LocalizedTextSchema,
    /** Older titles/messages kept for matching (other versions' wording), one per distinct text. */
    aliases: z.array(z.object({ lang: LangSchema, text: z.string().min(1) }).strict()),
    /**
     * Body text (description paragraphs, steps) that only older versions have, one item per paragraph: kept for
     * matching what people still paste from an older article, never shown as a step. Absent when there is none.
     */
    formerText: z.array(z.object({ lang: LangSchema, text: z.string().min(1) }).strict()).optional(),
    /**
     * How people describe the error in their own words (knowledge/symptoms, curated per entry): matching evidence
     * only, never shown. Absent when there is none.
     */
    symptoms: z.array(z.object({ lang: LangSchema, text: z.string().min(1) }).strict()).optional(),
    steps: z.array(StepSchema),
    /** Ordered ids of cause entries whose steps make up the plan after the entry's own steps. */
    causes: z.array(z.string().min(1)),
    sources: z.array(SourceSchema).min(1),
    /** Version dates (YYYY-MM-DD) of the article versions the entry appears in, ascending. */
    versions: z.array(z.string()),
    /** learn.microsoft.com URL of the section (article URL + #anchor), in the locale of the entry's primary text. */
    url: z.string().url(),
    /**
     * The section's URL per language the entry has text in (`https://learn.microsoft.com/ko-kr/azure/backup/…#…`):
     * the article link to show next to text in that language.
     */
    urls: LocalizedTextSchema,
  })
  .strict();
export type Entry = z.infer<typeof EntrySchema>;

export const ArticleSchema = z
  .object({
    id: z.string().min(1),
    title: LocalizedTextSchema,
    /** learn.microsoft.com URL of the article without a locale (the site picks the reader's). */
    url: z.string().url(),
    /** The article's URL per language the catalogue has it in. */
    urls: LocalizedTextSchema,
    sources: z.array(
      z.object({ file: z.string(), lang: LangSchema, version: z.string(), sha256: z.string() }).strict(),
    ),
  })
  .strict();
export type Article = z.infer<typeof ArticleSchema>;

export const CATALOGUE_SCHEMA_VERSION = 1;

export const CatalogueDataSchema = z
  .object({
    schemaVersion: z.literal(CATALOGUE_SCHEMA_VERSION),
    articles: z.array(ArticleSchema),
    entries: z.array(EntrySchema),
  })
  .strict()
  .superRefine((data, ctx) => {
    const ids = new Set<string>();
    for (const [i, entry] of data.entries.entries()) {
      if (ids.has(entry.id))
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'id'],
          message: `duplicate entry id ${entry.id}`,
        });
      ids.add(entry.id);
    }
    const stepIds = new Set(data.entries.flatMap((entry) => entry.steps.map((step) => step.id)));
    for (const [i, entry] of data.entries.entries()) {
      for (const [j, step] of entry.steps.entries()) {
        if (step.fixStep !== undefined && !stepIds.has(step.fixStep))
          ctx.addIssue({
            code: 'custom',
            path: ['entries', i, 'steps', j, 'fixStep'],
            message: `unknown step ${step.fixStep}`,
          });
      }
      for (const cause of entry.causes) {
        if (!ids.has(cause))
          ctx.addIssue({
            code: 'custom',
            path: ['entries', i, 'causes'],
            message: `unknown cause entry ${cause}`,
          });
      }
    }
  });
export type CatalogueData = z.infer<typeof CatalogueDataSchema>;
