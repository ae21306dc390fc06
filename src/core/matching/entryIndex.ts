/**
 * Index stage: every catalogue entry as weighted features (all fields) plus per-language "core" views
 * (title + message + aliases) used to judge how much of the entry a paste covers. IDF over the catalogue.
 */
import type { Entry, Lang, LocalizedText } from '../catalogue/schema';
import { cleanText } from './clean';
import { channelWeight, CONCEPT, textFeatures } from './features';
import type { CompiledGlossary } from './glossary';

/** How much a feature found in each field of an entry counts. */
export const FIELD_WEIGHTS = {
  title: 1,
  message: 1,
  alias: 1,
  codes: 0.8,
  operation: 0.5,
  description: 0.5,
  steps: 0.4,
} as const;

export interface IndexedEntry {
  entry: Entry;
  /** Feature → field weight (best field the feature occurs in). */
  features: Map<string, number>;
  /** Core views: features of title + message + aliases per language, and their concepts across languages. */
  views: Array<{ features: Set<string>; mass: number }>;
}

export interface EntryIndex {
  entries: IndexedEntry[];
  /** Feature → entries containing it (indexes into entries). */
  postings: Map<string, number[]>;
  idf(feature: string): number;
}

/** Markdown → plain text: images and link targets dropped, emphasis and code marks removed. */
export function markdownToText(markdown: string): string {
  const plain = markdown
    .replace(/!\[[^\]]{0,500}\]\([^)]{0,2000}\)/g, ' ')
    .replace(/\[([^\]]{0,500})\]\([^)]{0,2000}\)/g, '$1')
    .replace(/[*_`#>|]+/g, ' ');
  return cleanText(plain).text;
}

function texts(text: LocalizedText): Array<[Lang, string]> {
  return (Object.entries(text) as Array<[Lang, string | undefined]>).filter((pair): pair is [Lang, string] => !!pair[1]);
}

export function buildEntryIndex(entries: readonly Entry[], glossary: CompiledGlossary): EntryIndex {
  const featuresOf = (text: string) => textFeatures(markdownToText(text), glossary);
  const draft = entries.map((entry) => {
    const features = new Map<string, number>();
    const add = (set: Set<string>, weight: number) => {
      for (const f of set) features.set(f, Math.max(features.get(f) ?? 0, weight));
    };
    const coreByLang = new Map<Lang, Set<string>>();
    const addCore = (lang: Lang, set: Set<string>) => {
      const view = coreByLang.get(lang) ?? new Set<string>();
      for (const f of set) view.add(f);
      coreByLang.set(lang, view);
    };
    for (const [lang, text] of texts(entry.title)) {
      const set = featuresOf(text);
      add(set, FIELD_WEIGHTS.title);
      addCore(lang, set);
    }
    for (const [lang, text] of texts(entry.message)) {
      const set = featuresOf(text);
      add(set, FIELD_WEIGHTS.message);
      addCore(lang, set);
    }
    for (const alias of entry.aliases) {
      const set = featuresOf(alias.text);
      add(set, FIELD_WEIGHTS.alias);
      addCore(alias.lang, set);
    }
    add(featuresOf(entry.codes.join(' ')), FIELD_WEIGHTS.codes);
    for (const [, text] of texts(entry.operation)) add(featuresOf(text), FIELD_WEIGHTS.operation);
    for (const [, text] of texts(entry.description)) add(featuresOf(text), FIELD_WEIGHTS.description);
    for (const step of entry.steps) {
      for (const [, text] of texts(step.text)) add(featuresOf(text), FIELD_WEIGHTS.steps);
      for (const sub of step.substeps) for (const [, text] of texts(sub)) add(featuresOf(text), FIELD_WEIGHTS.steps);
    }
    const conceptView = new Set<string>();
    for (const view of coreByLang.values()) for (const f of view) if (f.startsWith(CONCEPT)) conceptView.add(f);
    const views = [...coreByLang.values(), conceptView].filter((v) => v.size > 0);
    return { entry, features, views };
  });

  const postings = new Map<string, number[]>();
  draft.forEach((item, index) => {
    for (const feature of item.features.keys()) {
      const list = postings.get(feature) ?? [];
      list.push(index);
      postings.set(feature, list);
    }
  });
  const total = Math.max(1, entries.length);
  const idfCache = new Map<string, number>();
  for (const [feature, list] of postings) idfCache.set(feature, Math.log(1 + total / list.length));
  const idf = (feature: string) => idfCache.get(feature) ?? 0;

  const indexed: IndexedEntry[] = draft.map((item) => ({
    entry: item.entry,
    features: item.features,
    views: item.views.map((features) => ({
      features,
      mass: [...features].reduce((sum, f) => sum + idf(f) * channelWeight(f), 0),
    })),
  }));
  return { entries: indexed, postings, idf };
}
