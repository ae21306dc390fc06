/**
 * The entry index and the text score. Every feature of the catalogue gets a weight from its distinctiveness
 * across all entries (BM25's idf, clipped at 0: a feature in half the entries or more says nothing) times its
 * channel; every entry is a set of passages (title, message, older wordings, code words, each step, each
 * paragraph) marked as name or body text. A paste scores against an entry by the evidence they share
 * (Σ weight × strength), how much of the paste that explains, and how much of the entry's best passage the paste
 * covers. Flat typed arrays, built in one pass: sized for hundreds of entries, fast at tens of thousands.
 */
import type { Entry, LocalizedText } from '../catalogue/schema';
import { channelWeight, countsWhenUnknown, textFeatures } from './features';
import type { CompiledGlossary } from './glossary';
import { MODEL } from './model';
import { splitCamel } from './text';

interface Passage {
  /** Feature ids, each once. */
  features: Int32Array;
  /** Σ weight of its features. */
  mass: number;
  strength: number;
}

export interface EntryIndex {
  size: number;
  score(text: string): Map<number, number>;
}

const texts = (text: LocalizedText) => Object.values(text).filter((t): t is string => typeof t === 'string');

/** The passages of an entry: name text (what the error says) and body text (what the article says about it). */
function passagesOf(entry: Entry): Array<{ text: string; name: boolean }> {
  const name = [
    ...texts(entry.title),
    ...texts(entry.message),
    ...entry.aliases.map((alias) => alias.text),
    ...entry.codes.filter((code) => /[a-z]/i.test(code)).map((code) => splitCamel(code).join(' ')),
  ];
  const body = [
    ...texts(entry.operation),
    ...texts(entry.description).flatMap((text) => text.split(/\n\s*\n/)),
    ...entry.steps.flatMap((step) => [...texts(step.text), ...step.substeps.flatMap(texts)]),
    ...(entry.formerText ?? []).map((item) => item.text),
  ];
  return [...name.map((text) => ({ text, name: true })), ...body.map((text) => ({ text, name: false }))];
}

export function buildEntryIndex(entries: readonly Entry[], glossary: CompiledGlossary): EntryIndex {
  const vocabulary = new Map<string, number>();
  const channel: number[] = [];
  const df: number[] = [];
  // Per entry: passages as feature-id lists, and each feature's strength in the entry (its best field).
  const entryPassages: Array<Array<{ ids: number[]; strength: number }>> = [];
  const postingEntries: number[][] = [];
  const postingStrength: number[][] = [];
  entries.forEach((entry, e) => {
    const strengthOf = new Map<number, number>();
    const passages: Array<{ ids: number[]; strength: number }> = [];
    const seen = new Set<string>();
    for (const { text, name } of passagesOf(entry)) {
      if (seen.has(text)) continue;
      seen.add(text);
      const strength = name ? MODEL.nameStrength : MODEL.bodyStrength;
      const ids: number[] = [];
      for (const feature of textFeatures(text, glossary, name)) {
        let id = vocabulary.get(feature);
        if (id === undefined) {
          id = channel.length;
          vocabulary.set(feature, id);
          channel.push(channelWeight(feature));
          df.push(0);
          postingEntries.push([]);
          postingStrength.push([]);
        }
        ids.push(id);
        strengthOf.set(id, Math.max(strengthOf.get(id) ?? 0, strength));
      }
      if (ids.length > 0) passages.push({ ids, strength });
    }
    for (const [id, strength] of strengthOf) {
      df[id] = (df[id] ?? 0) + 1;
      postingEntries[id]?.push(e);
      postingStrength[id]?.push(strength);
    }
    entryPassages.push(passages);
  });
  const n = entries.length;
  // In units of a feature only one entry has, whatever the catalogue's size.
  const idf = (d: number) => Math.max(0, Math.log((n - d + 0.5) / (d + 0.5)));
  const unique = Math.max(idf(1), 1e-9);
  const weight = Float64Array.from(
    channel,
    (c, id) => c * Math.pow(idf(df[id] ?? 0) / unique, MODEL.rarityExponent),
  );
  const postings = postingEntries.map((list, id) => ({
    entries: Int32Array.from(list),
    strength: Float32Array.from(postingStrength[id] ?? []),
  }));
  const passages: Passage[][] = entryPassages.map((list) =>
    list.map(({ ids, strength }) => ({
      features: Int32Array.from(ids),
      mass: ids.reduce((sum, id) => sum + (weight[id] ?? 0), 0),
      strength,
    })),
  );
  const kindPrior = entries.map((entry) => (entry.kind === 'guide' ? MODEL.guidePrior : 1));
  // Scratch space reused across calls (match is synchronous): scoring allocates little.
  const evidence = new Float64Array(n);
  const queryWeight = new Float64Array(weight.length);
  const touched: number[] = [];

  return {
    size: n,
    score(text: string): Map<number, number> {
      const features = textFeatures(text, glossary, true);
      const known: Array<{ id: number; w: number }> = [];
      let unknownMass = 0;
      for (const feature of features) {
        const id = vocabulary.get(feature);
        if (id !== undefined) known.push({ id, w: weight[id] ?? 0 });
        else if (countsWhenUnknown(feature)) unknownMass += MODEL.unknownWordWeight * channelWeight(feature);
      }
      known.sort((a, b) => b.w - a.w);
      if (known.length > MODEL.maxQueryFeatures) {
        unknownMass *= MODEL.maxQueryFeatures / known.length;
        known.length = MODEL.maxQueryFeatures;
      }
      let pasteMass = unknownMass;
      for (const { id, w } of known) {
        if (w <= 0) continue;
        pasteMass += w;
        queryWeight[id] = w;
        const posting = postings[id];
        if (!posting) continue;
        for (let k = 0; k < posting.entries.length; k += 1) {
          const e = posting.entries[k] ?? 0;
          if (evidence[e] === 0) touched.push(e);
          evidence[e] = (evidence[e] ?? 0) + w * (posting.strength[k] ?? 0);
        }
      }
      // The entries with the most shared evidence are judged passage by passage.
      const candidates = touched
        .map((e) => ({ e, mass: evidence[e] ?? 0 }))
        .sort((a, b) => b.mass - a.mass)
        .slice(0, MODEL.passageCandidates);
      const scores = new Map<number, number>();
      for (const { e, mass } of candidates) {
        let coverage = 0;
        for (const passage of passages[e] ?? []) {
          let shared = 0;
          for (let k = 0; k < passage.features.length; k += 1)
            shared += queryWeight[passage.features[k] ?? 0] ?? 0;
          const size = Math.min(passage.mass, MODEL.passageCap);
          coverage = Math.max(
            coverage,
            (passage.strength * Math.min(shared, size)) / (size + MODEL.passagePrior),
          );
        }
        const explained = Math.min(1, mass / pasteMass);
        const strength = 1 - Math.exp(-mass / MODEL.evidenceScale);
        const fit = Math.pow(coverage, MODEL.coverageExponent) * Math.pow(explained, MODEL.explainedExponent);
        scores.set(e, strength * fit * (kindPrior[e] ?? 1));
      }
      for (const e of touched) evidence[e] = 0;
      touched.length = 0;
      for (const { id } of known) queryWeight[id] = 0;
      return scores;
    },
  };
}
