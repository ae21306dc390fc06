/**
 * Index stage: every catalogue entry as weighted features (all fields) plus per-language "core" views
 * (title + message + aliases in en / ko / nl, and their concepts across languages) used to judge how much of the
 * entry a paste covers. Features are interned to numbers; postings are typed arrays so that scoring a paste costs
 * one pass over the postings of its features.
 */
import type { Entry, Lang, LocalizedText } from '../catalogue/schema';
import { cleanText } from './clean';
import { channelWeight, CONCEPT, HANGUL, textFeatures } from './features';
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

/** Views per entry: en, ko, nl core text and the concepts of all of them. */
export const VIEWS = 4;
const VIEW_OF: Record<Lang, number> = { en: 0, ko: 1, nl: 2 };
const CONCEPT_VIEW = 3;

export interface Posting {
  entries: Int32Array;
  /** Field weight of the feature in each entry. */
  weights: Float32Array;
  /** Bit v set when the feature is in core view v of the entry. */
  views: Uint8Array;
}

export interface EntryIndex {
  entries: readonly Entry[];
  /** Feature string → feature number. */
  vocabulary: Map<string, number>;
  /** Per feature number: idf × channel weight. */
  weight: Float64Array;
  postings: Posting[];
  /** Per entry × view: total weight of the view's features (0 when the view is empty). */
  viewMass: Float64Array;
  /**
   * Per entry: its passages (each step and substep, each description and each former text, per language) as
   * feature numbers with their total weight, so that a paste retelling one cause row or step is judged by how
   * much of that passage it covers, not by the entry's title.
   */
  passages: Passage[][];
  /** Per feature number: 1 for a Hangul bigram feature. */
  hangul: Uint8Array;
}

export interface Passage {
  features: Int32Array;
  mass: number;
  /** Weight of the features other than Hangul bigrams: what an English or Dutch paste can share with it. */
  latinMass: number;
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
  return (Object.entries(text) as Array<[Lang, string | undefined]>).filter(
    (pair): pair is [Lang, string] => !!pair[1],
  );
}

interface Draft {
  /** Feature → field weight (best field the feature occurs in). */
  features: Map<string, number>;
  /** Feature → bitmask of core views. */
  views: Map<string, number>;
  /** Feature sets of the entry's passages (detail text). */
  passages: Array<Set<string>>;
}

function draftEntry(entry: Entry, featuresOf: (text: string, phrases?: boolean) => Set<string>): Draft {
  const features = new Map<string, number>();
  const views = new Map<string, number>();
  const passages: Array<Set<string>> = [];
  const add = (set: Set<string>, weight: number) => {
    for (const f of set) features.set(f, Math.max(features.get(f) ?? 0, weight));
  };
  const addPassage = (set: Set<string>, weight: number) => {
    add(set, weight);
    if (set.size > 0) passages.push(set);
  };
  const addCore = (lang: Lang, set: Set<string>, weight: number) => {
    add(set, weight);
    for (const f of set) {
      let mask = (views.get(f) ?? 0) | (1 << VIEW_OF[lang]);
      if (f.startsWith(CONCEPT)) mask |= 1 << CONCEPT_VIEW;
      views.set(f, mask);
    }
  };
  // Codes are recognised by the code extractor; inside prose their camel-case words would make entries of one
  // code family (ExtensionSnapshot…, UserError…) look alike, so core text is read without them.
  const withoutCodes = (text: string) => entry.codes.reduce((out, code) => out.split(code).join(' '), text);
  for (const [lang, text] of texts(entry.title))
    addCore(lang, featuresOf(withoutCodes(text)), FIELD_WEIGHTS.title);
  for (const [lang, text] of texts(entry.message))
    addCore(lang, featuresOf(withoutCodes(text)), FIELD_WEIGHTS.message);
  for (const alias of entry.aliases)
    addCore(alias.lang, featuresOf(withoutCodes(alias.text)), FIELD_WEIGHTS.alias);
  add(featuresOf(entry.codes.join(' ')), FIELD_WEIGHTS.codes);
  for (const [, text] of texts(entry.operation)) add(featuresOf(text), FIELD_WEIGHTS.operation);
  for (const [, text] of texts(entry.description))
    addPassage(featuresOf(text, false), FIELD_WEIGHTS.description);
  for (const former of entry.formerText ?? [])
    addPassage(featuresOf(former.text, false), FIELD_WEIGHTS.description);
  for (const step of entry.steps) {
    for (const [, text] of texts(step.text)) addPassage(featuresOf(text, false), FIELD_WEIGHTS.steps);
    for (const sub of step.substeps)
      for (const [, text] of texts(sub)) addPassage(featuresOf(text, false), FIELD_WEIGHTS.steps);
  }
  return { features, views, passages };
}

export function buildEntryIndex(entries: readonly Entry[], glossary: CompiledGlossary): EntryIndex {
  const featuresOf = (text: string, phrases = true) =>
    textFeatures(markdownToText(text), glossary, { phrases });
  const drafts = entries.map((entry) => draftEntry(entry, featuresOf));

  const vocabulary = new Map<string, number>();
  const lists: Array<{ entries: number[]; weights: number[]; views: number[] }> = [];
  drafts.forEach((draft, e) => {
    for (const [feature, fieldWeight] of draft.features) {
      let id = vocabulary.get(feature);
      if (id === undefined) {
        id = lists.length;
        vocabulary.set(feature, id);
        lists.push({ entries: [], weights: [], views: [] });
      }
      const list = lists[id];
      if (!list) continue;
      list.entries.push(e);
      list.weights.push(fieldWeight);
      list.views.push(draft.views.get(feature) ?? 0);
    }
  });
  const total = Math.max(1, entries.length);
  const weight = new Float64Array(lists.length);
  for (const [feature, id] of vocabulary) {
    const df = lists[id]?.entries.length ?? 1;
    weight[id] = Math.log(1 + total / df) * channelWeight(feature);
  }
  const postings: Posting[] = lists.map((list) => ({
    entries: Int32Array.from(list.entries),
    weights: Float32Array.from(list.weights),
    views: Uint8Array.from(list.views),
  }));
  const viewMass = new Float64Array(entries.length * VIEWS);
  drafts.forEach((draft, e) => {
    for (const [feature, mask] of draft.views) {
      const id = vocabulary.get(feature);
      if (id === undefined) continue;
      for (let v = 0; v < VIEWS; v += 1) {
        if (mask & (1 << v)) viewMass[e * VIEWS + v] = (viewMass[e * VIEWS + v] ?? 0) + (weight[id] ?? 0);
      }
    }
  });
  const hangul = new Uint8Array(lists.length);
  for (const [feature, id] of vocabulary) hangul[id] = feature.startsWith(HANGUL) ? 1 : 0;
  const passages = drafts.map((draft) =>
    draft.passages.map((set) => {
      const ids = [...set].map((f) => vocabulary.get(f) ?? -1).filter((id) => id >= 0);
      const latin = ids.filter((id) => hangul[id] === 0);
      return {
        features: Int32Array.from(ids),
        mass: ids.reduce((sum, id) => sum + (weight[id] ?? 0), 0),
        latinMass: latin.reduce((sum, id) => sum + (weight[id] ?? 0), 0),
      };
    }),
  );
  return { entries, vocabulary, weight, postings, viewMass, passages, hangul };
}
