import { DomainError } from '../errors';
import { describeIssues } from '../validation';
import {
  CatalogueDataSchema,
  LANGS,
  type CatalogueData,
  type Entry,
  type Lang,
  type LocalizedText,
  type Step,
} from './schema';

/**
 * Which language to show: the reader's, else English, else the first language the catalogue has (en, ko, nl).
 * The same order everywhere, so a card's text, its note on languages and its article link agree.
 */
const FALLBACK: readonly Lang[] = ['en', 'ko', 'nl'];

/** Text in the wanted language, else English, else the first language the text has. */
export function localize(text: LocalizedText, lang: Lang): string | undefined {
  return text[lang] ?? text.en ?? text.ko ?? text.nl;
}

/** The language that `localize(text, lang)` would answer in. */
export function languageOf(text: LocalizedText, lang: Lang): Lang | undefined {
  if (text[lang]) return lang;
  return FALLBACK.find((l) => text[l] !== undefined);
}

/** The catalogue language of a Teams/BCP 47 locale ("ko-KR" → ko, "nl" → nl), undefined for others ("de-DE"). */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  const prefix = (locale ?? '').slice(0, 2).toLowerCase();
  return LANGS.find((l) => l === prefix);
}

/**
 * The languages an entry is documented in — those of the article files it came from — in the order en, ko, nl.
 * (An English title derived from an anchor does not make an entry English.) "Documented in Korean and Dutch
 * only" is true exactly when this is ['ko', 'nl'].
 */
export function entryLanguages(entry: Entry): Lang[] {
  const langs = new Set(entry.sources.map((s) => s.lang));
  return FALLBACK.filter((l) => langs.has(l));
}

/** The language to show an entry in for a reader of `lang`: theirs if documented, else English, else the first. */
export function displayLanguage(entry: Entry, lang: Lang): Lang {
  const langs = entryLanguages(entry);
  if (langs.includes(lang)) return lang;
  return langs.includes('en') ? 'en' : (langs[0] ?? 'en');
}

/** The section's article link in the language shown (learn.microsoft.com/ko-kr/… for Korean text). */
export function entryUrl(entry: Entry, lang: Lang): string {
  return entry.urls[displayLanguage(entry, lang)] ?? entry.url;
}

/**
 * The steps a reader of `lang` follows: the steps documented in the entry's display language (step ids are shared
 * across languages, see StepSchema); all steps when none has text in it.
 */
export function stepsIn(entry: Entry, lang: Lang): Step[] {
  const shown = displayLanguage(entry, lang);
  const own = entry.steps.filter((step) => step.text[shown] !== undefined);
  return own.length > 0 ? own : [...entry.steps];
}

/** Indexed, immutable view of the catalogue: lookups by id, code (case-insensitive) and ref. */
export class Catalogue {
  private readonly byId = new Map<string, Entry>();
  private readonly byCode = new Map<string, Entry>();
  private readonly byRef = new Map<string, Entry>();
  private readonly allByCode = new Map<string, Entry[]>();

  private constructor(readonly data: Readonly<CatalogueData>) {
    for (const entry of data.entries) {
      this.byId.set(entry.id, entry);
      for (const code of entry.codes) {
        // Two articles may document the same code (BackUpOperationFailedV2): the first article's entry answers
        // byErrorCode; entriesWithCode lists them all.
        const key = code.toLowerCase();
        if (!this.byCode.has(key)) this.byCode.set(key, entry);
        this.allByCode.set(key, [...(this.allByCode.get(key) ?? []), entry]);
      }
      for (const ref of entry.refs) this.byRef.set(ref.toLowerCase(), entry);
    }
  }

  /** Validates untrusted JSON (e.g. knowledge/catalogue.json) and builds the index. */
  static fromJson(json: unknown): Catalogue {
    const parsed = CatalogueDataSchema.safeParse(json);
    if (!parsed.success) {
      throw new DomainError(
        'CATALOGUE_INVALID',
        `catalogue is invalid: ${describeIssues(parsed.error, { max: 5 })}`,
      );
    }
    return new Catalogue(deepFreeze(parsed.data));
  }

  get entries(): readonly Entry[] {
    return this.data.entries;
  }

  get(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /** Like get, but a missing id is a coded error. */
  require(id: string): Entry {
    const entry = this.byId.get(id);
    if (!entry) throw new DomainError('ENTRY_NOT_FOUND', `no catalogue entry ${id}`, { entryId: id });
    return entry;
  }

  byErrorCode(code: string): Entry | undefined {
    return this.byCode.get(code.toLowerCase());
  }

  /** Every entry that documents the code (case-insensitive), in catalogue order. */
  entriesWithCode(code: string): readonly Entry[] {
    return this.allByCode.get(code.toLowerCase()) ?? [];
  }

  byReference(ref: string): Entry | undefined {
    return this.byRef.get(ref.toLowerCase());
  }

  /** Cause entries of an entry, in documented order. */
  causesOf(entry: Entry): Entry[] {
    return entry.causes.map((id) => this.require(id));
  }

  /**
   * The steps a guided fix walks through: the entry's own steps, then each cause's steps in order. With `lang`,
   * only the steps documented in the language each entry is shown in (stepsIn); without it, every step.
   */
  planSteps(entry: Entry, lang?: Lang): Array<{ step: Step; cause?: Entry }> {
    const stepsOf = (e: Entry) => (lang === undefined ? e.steps : stepsIn(e, lang));
    const own = stepsOf(entry).map((step) => ({ step }));
    const fromCauses = this.causesOf(entry).flatMap((cause) =>
      stepsOf(cause).map((step) => ({ step, cause })),
    );
    return [...own, ...fromCauses];
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
