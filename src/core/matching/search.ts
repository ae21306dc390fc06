/**
 * The entry index and the text score. Every feature of the catalogue gets a weight from its distinctiveness
 * across all entries (BM25's idf, clipped at 0: a feature in half the entries or more says nothing) times its
 * channel; every entry is a set of passages (title, message, older wordings, code words, each step, each
 * paragraph) marked as name or body text. A paste scores against an entry by the odds that it is about it:
 * the evidence they share (Σ weight × strength), how much of the paste that explains, and how much of the
 * entry's best passage the paste retells. Flat typed arrays, built in two passes: sized for hundreds of entries, fast at tens of thousands.
 */
import type { Entry, LocalizedText } from '../catalogue/schema';
import { channelWeight, countsWhenUnknown, textFeatures } from './features';
import { boundedLevenshtein } from './codes';
import type { CompiledGlossary } from './glossary';
import { MODEL } from './model';
import { PASTE_WORD_CACHE_LIMIT, splitCamel, type WordCache } from './text';

export interface EntryIndex {
  size: number;
  /** Whether the catalogue's text has this token (a name, word or number), lowercased. */
  documents(token: string): boolean;
  score(text: string): TextScores;
}

export interface TextScores {
  /** Text score in [0, 1] of the entries the paste shares most evidence with. */
  scores: Map<number, number>;
  /** The one the articles' own text alone scores best (wordings left out); read on demand, until the next score. */
  documentedBest(): number | undefined;
}

/** A growable typed array (the build appends millions of numbers; plain arrays of them cost 2-4× the memory). */
class NumberList<A extends Int32Array | Float32Array> {
  length = 0;
  constructor(
    private data: A,
    private readonly allocate: (size: number) => A,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.allocate(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  done(): A {
    return this.data.subarray(0, this.length) as A;
  }
}
/** `into` (twice the size) holding `from`'s values: a per-feature array grown with the vocabulary. */
function doubled<A extends Uint8Array | Int32Array | Float32Array>(from: A, into: A): A {
  into.set(from);
  return into;
}
const intList = () => new NumberList(new Int32Array(1024), (size) => new Int32Array(size));
const floatList = () => new NumberList(new Float32Array(1024), (size) => new Float32Array(size));

/** Runs of two or more ASCII letters in a text, counted without allocating (the build reads every passage). */
function latinWordCount(text: string): number {
  let count = 0;
  let run = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i) | 32; // lowercase an ASCII letter
    if (c >= 97 && c <= 122) run += 1;
    else {
      if (run >= 2) count += 1;
      run = 0;
    }
  }
  return run >= 2 ? count + 1 : count;
}

const texts = (text: LocalizedText) => Object.values(text).filter((t): t is string => typeof t === 'string');

/** A passage of an entry: its text, how strongly sharing it says the paste is about the entry, how it is read. */
interface Passage {
  text: string;
  strength: number;
  /** Word pairs are features (false for a code's words: a pasted code is judged by the code stage). */
  phrases: boolean;
  /** What the error itself says (title, message): a word written here is prose, not a component's name. */
  name: boolean;
  /** The article's own text (not a curated symptom wording): what distinctiveness is measured on. */
  documented: boolean;
}

const NAME_TEXT = { strength: MODEL.nameStrength, phrases: true, name: true, documented: true } as const;
const BODY_TEXT = { strength: MODEL.bodyStrength, phrases: true, name: false, documented: true } as const;

/**
 * The passages of an entry: name text (what the error says: titles, messages, older wordings, the words of its
 * codes and of its refs' headings), symptom wordings (how people say it) and body text (what the article says
 * about it).
 */
function passagesOf(entry: Entry): Passage[] {
  const name = [
    ...texts(entry.title),
    ...texts(entry.message),
    ...entry.aliases.map((alias) => alias.text),
    ...entry.refs.map((ref) => ref.replace(/\/\d+$/, '').replace(/[-_]+/g, ' ')),
  ];
  // The words of the entry's codes: name text, but a pasted code is judged by the code stage, not word pairs.
  const derived = entry.codes.filter((code) => /[a-z]/i.test(code)).map((code) => splitCamel(code).join(' '));
  const body = [
    ...texts(entry.operation),
    ...texts(entry.description).flatMap((text) => text.split(/\n\s*\n/)),
    ...entry.steps.flatMap((step) => [...texts(step.text), ...step.substeps.flatMap(texts)]),
    ...(entry.formerText ?? []).map((item) => item.text),
  ];
  const symptoms = (entry.symptoms ?? []).map((item) => item.text);
  return [
    ...name.map((text) => ({ text, ...NAME_TEXT })),
    ...derived.map((text) => ({ text, ...NAME_TEXT, phrases: false })),
    ...symptoms.map((text) => ({ text, ...BODY_TEXT, documented: false })),
    ...body.map((text) => ({ text, ...BODY_TEXT })),
  ];
}

/** How much a feature in d entries weighs, and how many entries an everyday word is expected in anyway. */
function distinctiveness(n: number, wordsPerEntry: number, glossary: CompiledGlossary) {
  // Weights in units of a feature only one entry has, whatever the catalogue's size.
  const idf = (d: number) => (2 * d >= n ? 0 : Math.log((n - d + 0.5) / (d + 0.5)));
  const unique = Math.max(idf(1), 1e-9);
  return {
    // Background knowledge: an entry of this catalogue's length written in everyday English would have an everyday
    // word this often (per million words, over the entry's words): entries it is expected in besides those having it.
    expected: (key: string) => n * (1 - Math.exp((-wordsPerEntry * glossary.everyday(key)) / 1e6)),
    rarity: (d: number) => Math.pow(idf(d) / unique, MODEL.rarityExponent),
  };
}

/** Reads the entries once: what answering needs; the rest of the reading (word cache, counts) is garbage after. */
function readCatalogue(entries: readonly Entry[], glossary: CompiledGlossary) {
  const n = entries.length;
  const cache: WordCache = new Map();
  const vocabulary = new Map<string, number>();
  const channel: number[] = [];
  // Passages, flat: passage p has features passageFeatures[passageStart[p] .. passageStart[p + 1]).
  const passageFeatures = intList();
  const passageStart = intList();
  const passageStrengths = floatList();
  const passageDocumented = intList(); // 1: the article's text, 0: a symptom wording
  const entryPassages = new Int32Array(n + 1);
  // Per feature, grown together as the vocabulary grows:
  let df = new Int32Array(1024); // entries that have it
  let dfLast = new Int32Array(1024); // 1 + the last entry counted in df
  let documentedDf = new Int32Array(1024); // entries whose article text has it
  let documentedLast = new Int32Array(1024); // 1 + the last entry counted in documentedDf
  // Words the catalogue writes inside joined names (x.dll, a/b.conf) and never in a title or message: names.
  const joined: string[] = [];
  let prose = new Uint8Array(1024);
  let words = 0; // Latin words of the articles' passages: how long the entries are
  entries.forEach((entry, e) => {
    entryPassages[e] = passageStart.length;
    const seen = new Set<string>();
    for (const { text, strength, phrases, name, documented } of passagesOf(entry)) {
      if (seen.has(text)) continue;
      seen.add(text);
      if (documented) words += latinWordCount(text);
      const start = passageFeatures.length;
      for (const feature of textFeatures(text, glossary, phrases, cache, joined)) {
        let id = vocabulary.get(feature);
        if (id === undefined) {
          id = channel.length;
          vocabulary.set(feature, id);
          channel.push(channelWeight(feature));
          if (id >= df.length) {
            df = doubled(df, new Int32Array(df.length * 2));
            dfLast = doubled(dfLast, new Int32Array(dfLast.length * 2));
            prose = doubled(prose, new Uint8Array(prose.length * 2));
            documentedDf = doubled(documentedDf, new Int32Array(documentedDf.length * 2));
            documentedLast = doubled(documentedLast, new Int32Array(documentedLast.length * 2));
          }
        }
        if (name) prose[id] = 1;
        if (dfLast[id] !== e + 1) {
          dfLast[id] = e + 1;
          df[id] = (df[id] ?? 0) + 1;
        }
        if (documented && documentedLast[id] !== e + 1) {
          documentedLast[id] = e + 1;
          documentedDf[id] = (documentedDf[id] ?? 0) + 1;
        }
        passageFeatures.push(id);
      }
      if (passageFeatures.length > start) {
        passageStart.push(start);
        passageStrengths.push(strength);
        passageDocumented.push(documented ? 1 : 0);
      }
    }
  });
  entryPassages[n] = passageStart.length;
  passageStart.push(passageFeatures.length);
  const features = passageFeatures.done();
  const starts = passageStart.done();
  const passageStrength = passageStrengths.done();
  const passageCount = passageStrength.length;

  // Postings (CSR), entries in order, each with the strength of its strongest passage that has the feature: a
  // second pass over the passages read (cheaper than keeping millions of (feature, entry) tuples to sort).
  const featureCount = channel.length;
  const postingStart = new Int32Array(featureCount + 1);
  for (let f = 0; f < featureCount; f += 1) postingStart[f + 1] = (postingStart[f] ?? 0) + (df[f] ?? 0);
  const fill = postingStart.slice(0, featureCount);
  const postingEntry = new Int32Array(postingStart[featureCount] ?? 0);
  const postingStrength = new Float32Array(postingEntry.length);
  const best = new Float32Array(featureCount); // of the entry being filled in (0: not in it)
  const seenIds: number[] = [];
  for (let e = 0; e < n; e += 1) {
    for (let p = entryPassages[e] ?? 0; p < (entryPassages[e + 1] ?? 0); p += 1)
      for (let k = starts[p] ?? 0; k < (starts[p + 1] ?? 0); k += 1) {
        const id = features[k] ?? 0;
        if (best[id] === 0) seenIds.push(id);
        best[id] = Math.max(best[id] ?? 0, passageStrength[p] ?? 0);
      }
    for (const id of seenIds) {
      const at = fill[id] ?? 0;
      fill[id] = at + 1;
      postingEntry[at] = e;
      postingStrength[at] = best[id] ?? 0;
      best[id] = 0;
    }
    seenIds.length = 0;
  }

  const distinct = distinctiveness(n, words / Math.max(1, n), glossary);
  const { expected, rarity } = distinct;
  const weight = new Float64Array(featureCount);
  // Distinctiveness is measured on what the articles document; a word only the symptom wordings use, on those.
  // (Counting the wordings everywhere would make the words their authors chose to tell neighbours apart common.)
  const documentedOr = (f: number) => ((documentedDf[f] ?? 0) > 0 ? (documentedDf[f] ?? 0) : (df[f] ?? 0));
  for (const [key, f] of vocabulary) weight[f] = (channel[f] ?? 0) * rarity(documentedOr(f) + expected(key));
  for (const f of new Set(joined.map((key) => vocabulary.get(key) ?? -1)))
    if (f >= 0 && prose[f] === 0) weight[f] = (weight[f] ?? 0) * MODEL.nameBoost;
  const passageMass = new Float64Array(passageCount);
  for (let p = 0; p < passageCount; p += 1)
    for (let k = starts[p] ?? 0; k < (starts[p + 1] ?? 0); k += 1)
      passageMass[p] = (passageMass[p] ?? 0) + (weight[features[k] ?? 0] ?? 0);
  return {
    vocabulary,
    features,
    starts,
    passageStrength,
    entryPassages,
    documentedPassage: passageDocumented.done(),
    postingStart,
    postingEntry,
    postingStrength,
    weight,
    passageMass,
    distinct,
  };
}

/** The one catalogue feature a long unknown word is a typo of (one edit, two for long words), if any. */
function typoReader(
  vocabulary: ReadonlyMap<string, number>,
  glossary: CompiledGlossary,
): (stem: string) => number | undefined {
  // The catalogue's long words and the glossary's single-word terms, by first letter and length.
  const spellings = new Map<string, Array<{ stem: string; id: number }>>();
  const addSpelling = (stem: string, id: number | undefined) => {
    if (id === undefined || stem.length < MODEL.typoMinLength || !/^[a-z]+$/.test(stem)) return;
    const key = `${stem[0]}${stem.length}`;
    const list = spellings.get(key);
    if (list) list.push({ stem, id });
    else spellings.set(key, [{ stem, id }]);
  };
  for (const [feature, id] of vocabulary) if (feature.startsWith('w:')) addSpelling(feature.slice(2), id);
  for (const { stem, concept } of glossary.words) addSpelling(stem, vocabulary.get(`c:${concept}`));
  return function respell(stem: string): number | undefined {
    if (stem.length < MODEL.typoMinLength || !/^[a-z]+$/.test(stem)) return undefined;
    const limit = stem.length >= 12 ? 2 : 1;
    let best: number | undefined;
    let bestDistance = limit + 1;
    for (let length = stem.length - limit; length <= stem.length + limit; length += 1)
      for (const candidate of spellings.get(`${stem[0]}${length}`) ?? []) {
        const distance = boundedLevenshtein(stem, candidate.stem, limit);
        if (distance < bestDistance) [best, bestDistance] = [candidate.id, distance];
        else if (distance === bestDistance && candidate.id !== best) best = -1; // two readings: neither
      }
    return best !== undefined && best >= 0 ? best : undefined;
  };
}

export function buildEntryIndex(entries: readonly Entry[], glossary: CompiledGlossary): EntryIndex {
  const n = entries.length;
  // Only what answering needs stays referenced (closures share one context: a build-time variable named in any of
  // them would keep the whole reading alive).
  const {
    vocabulary,
    features,
    starts,
    passageStrength,
    entryPassages,
    documentedPassage,
    postingStart,
    postingEntry,
    postingStrength,
    weight,
    passageMass,
    distinct: { expected, rarity },
  } = readCatalogue(entries, glossary);
  const featureCount = weight.length;
  const respell = typoReader(vocabulary, glossary);
  const kindPrior = entries.map((entry) => (entry.kind === 'guide' ? MODEL.guidePrior : 1));

  // Scratch space reused across calls (match is synchronous): scoring allocates little.
  const evidence = new Float64Array(n);
  const queryWeight = new Float64Array(featureCount);
  const touched = new Int32Array(n);
  // Odds that the paste is about entry e: grow with the shared evidence, shrink with what the entry leaves
  // unexplained in the paste and with how little of its best passage the paste retells.
  const oddsOf = (e: number, mass: number, pasteMass: number, coverage: number) =>
    Math.pow(mass / MODEL.evenEvidence, MODEL.evidenceExponent) *
    Math.pow(Math.min(1, mass / pasteMass), MODEL.explainedExponent) *
    Math.pow(coverage, MODEL.coverageExponent) *
    (kindPrior[e] ?? 1);
  /** How much of passage p a paste sharing this much of its weight retells. */
  const retold = (p: number, shared: number) => {
    const size = Math.min(passageMass[p] ?? 0, MODEL.passageCap);
    return ((passageStrength[p] ?? 0) * Math.min(shared, size)) / (size + MODEL.passagePrior);
  };
  const documentedStrength = new Float32Array(featureCount); // of a paste feature in the entry's article text
  const documentedShared: number[] = [];
  // The loops of scoring are functions of their own: inside score, V8 compiled and discarded it over and over.
  /** Adds paste feature id (weight w) to the evidence of its entries; new entries only when mayTouch. */
  function addEvidence(id: number, w: number, mayTouch: boolean, touchedCount: number): number {
    let count = touchedCount;
    for (let k = postingStart[id] ?? 0; k < (postingStart[id + 1] ?? 0); k += 1) {
      const e = postingEntry[k] ?? 0;
      if (evidence[e] === 0) {
        if (!mayTouch) continue;
        touched[count++] = e;
      }
      evidence[e] = (evidence[e] ?? 0) + w * (postingStrength[k] ?? 0);
    }
    return count;
  }
  /**
   * How much of entry e's best-retold passage the paste retells; of its article's own passages only when
   * `documented`, which also notes (documentedShared) each shared feature's strongest such passage.
   */
  function coverageOf(e: number, documented = false): number {
    let coverage = 0;
    for (let p = entryPassages[e] ?? 0; p < (entryPassages[e + 1] ?? 0); p += 1) {
      if (documented && documentedPassage[p] !== 1) continue;
      let shared = 0;
      for (let k = starts[p] ?? 0; k < (starts[p + 1] ?? 0); k += 1) {
        const f = features[k] ?? 0;
        const w = queryWeight[f] ?? 0;
        shared += w;
        if (!documented || w === 0) continue;
        if (documentedStrength[f] === 0) documentedShared.push(f);
        documentedStrength[f] = Math.max(documentedStrength[f] ?? 0, passageStrength[p] ?? 0);
      }
      if (shared > 0) coverage = Math.max(coverage, retold(p, shared));
    }
    return coverage;
  }
  /**
   * Which candidate the articles' own text alone scores best. Leaving the wordings out does not add (but for
   * features too light to have touched the entry, which its full evidence skips), so only a candidate whose odds
   * beat the best of that so far is read again: usually one or two.
   */
  function documentedBestOf(candidates: number[], odds: number[], pasteMass: number): number | undefined {
    const order = candidates.map((e, i) => ({ e, full: odds[i] ?? 0 })).sort((a, b) => b.full - a.full);
    let best: number | undefined;
    let bestOdds = 0;
    for (const { e, full } of order) {
      if (full <= bestOdds) break;
      const documented = documentedOddsOf(e, pasteMass);
      if (documented > bestOdds) [best, bestOdds] = [e, documented];
    }
    return best;
  }
  /** The odds of entry e from its article's own passages only (symptom wordings left out). */
  function documentedOddsOf(e: number, pasteMass: number): number {
    const coverage = coverageOf(e, true);
    let mass = 0;
    for (const f of documentedShared) {
      mass += (queryWeight[f] ?? 0) * (documentedStrength[f] ?? 0);
      documentedStrength[f] = 0;
    }
    documentedShared.length = 0;
    return oddsOf(e, mass, pasteMass, coverage);
  }
  const pasteWords: WordCache = new Map();

  return {
    size: n,
    documents(token: string): boolean {
      const lower = token.toLowerCase();
      return vocabulary.has(`i:${lower}`) || vocabulary.has(`n:${lower}`) || vocabulary.has(`w:${lower}`);
    },
    score(text: string): TextScores {
      const known: Array<{ id: number; w: number }> = [];
      let unknownMass = 0;
      let typos = 0;
      if (pasteWords.size >= PASTE_WORD_CACHE_LIMIT) pasteWords.clear();
      for (const feature of textFeatures(text, glossary, true, pasteWords)) {
        const id = vocabulary.get(feature);
        if (id !== undefined) known.push({ id, w: weight[id] ?? 0 });
        else {
          const meant =
            feature.startsWith('w:') && typos++ < MODEL.maxTypoWords ? respell(feature.slice(2)) : undefined;
          if (meant !== undefined && !known.some((k) => k.id === meant))
            known.push({ id: meant, w: (weight[meant] ?? 0) * MODEL.typoFactor });
          else if (countsWhenUnknown(feature))
            unknownMass +=
              MODEL.unknownWordWeight * channelWeight(feature) * Math.min(1, rarity(expected(feature)));
        }
      }
      known.sort((a, b) => b.w - a.w);
      if (known.length > MODEL.maxQueryFeatures) {
        unknownMass *= MODEL.maxQueryFeatures / known.length;
        known.length = MODEL.maxQueryFeatures;
      }
      let pasteMass = unknownMass;
      let touchedCount = 0;
      // Rarest first; a feature too common to tell entries apart only adds to entries a rarer one found.
      for (const { id, w } of known) {
        if (w <= 0) continue;
        pasteMass += w;
        queryWeight[id] = w;
        touchedCount = addEvidence(id, w, touchedCount === 0 || w >= MODEL.newCandidateWeight, touchedCount);
      }
      // The entries with the most shared evidence are judged passage by passage.
      const candidates = topByEvidence(touched, touchedCount, evidence, MODEL.passageCandidates);
      const scores = new Map<number, number>();
      const odds = candidates.map((e) => oddsOf(e, evidence[e] ?? 0, pasteMass, coverageOf(e)));
      candidates.forEach((e, i) => scores.set(e, (odds[i] ?? 0) / (1 + (odds[i] ?? 0))));
      for (let t = 0; t < touchedCount; t += 1) evidence[touched[t] ?? 0] = 0;
      const setQuery = (on: boolean) =>
        known.forEach(({ id, w }) => (queryWeight[id] = on ? Math.max(0, w) : 0));
      setQuery(false);
      return {
        scores,
        documentedBest() {
          setQuery(true);
          const best = documentedBestOf(candidates, odds, pasteMass);
          setQuery(false);
          return best;
        },
      };
    },
  };
}

/** The k entries with the most evidence, without sorting all of them. */
function topByEvidence(touched: Int32Array, count: number, evidence: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let t = 0; t < count; t += 1) {
    const e = touched[t] ?? 0;
    const mass = evidence[e] ?? 0;
    if (top.length === k && mass <= (evidence[top[k - 1] ?? 0] ?? 0)) continue;
    let at = Math.min(top.length, k - 1);
    if (top.length < k) top.push(e);
    while (at > 0 && (evidence[top[at - 1] ?? 0] ?? 0) < mass) {
      top[at] = top[at - 1] ?? 0;
      at -= 1;
    }
    top[at] = e;
  }
  return top;
}
