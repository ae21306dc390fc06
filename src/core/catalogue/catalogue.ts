import { DomainError } from '../errors';
import { CatalogueDataSchema, type CatalogueData, type Entry, type Lang, type LocalizedText, type Step } from './schema';

/** Text in the wanted language, else English, else the first language the text has. */
export function localize(text: LocalizedText, lang: Lang): string | undefined {
  return text[lang] ?? text.en ?? text.ko ?? text.nl;
}

/** The language that `localize(text, lang)` would answer in. */
export function languageOf(text: LocalizedText, lang: Lang): Lang | undefined {
  if (text[lang]) return lang;
  return (['en', 'ko', 'nl'] as const).find((l) => text[l] !== undefined);
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
      const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new DomainError('CATALOGUE_INVALID', `catalogue is invalid: ${first.join('; ')}`);
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

  /** The steps a guided fix walks through: the entry's own steps, then each cause's steps in order. */
  planSteps(entry: Entry): Array<{ step: Step; cause?: Entry }> {
    const own = entry.steps.map((step) => ({ step }));
    const fromCauses = this.causesOf(entry).flatMap((cause) => cause.steps.map((step) => ({ step, cause })));
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
