/**
 * The comparison baseline for `npm run eval` and `npm run bench`: plain fuse.js over all of an entry's texts
 * (codes, titles, messages, aliases, descriptions, steps), the paste as the pattern, no clean-up or extraction.
 */
import Fuse from 'fuse.js';
import type { Catalogue } from '../catalogue/catalogue';
import type { LocalizedText } from '../catalogue/schema';
import { DEFAULT_THRESHOLDS, decideVerdict, toMatchResult, type Matcher, type Thresholds } from './index';

interface BaselineDoc {
  id: string;
  codes: string[];
  texts: string[];
}

const all = (text: LocalizedText) => Object.values(text).filter((t): t is string => typeof t === 'string');

export function createBaselineMatcher(
  catalogue: Catalogue,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Matcher {
  const docs: BaselineDoc[] = catalogue.entries.map((entry) => ({
    id: entry.id,
    codes: [...entry.codes],
    texts: [
      ...all(entry.title),
      ...all(entry.message),
      ...entry.aliases.map((a) => a.text),
      ...all(entry.operation),
      ...all(entry.description),
      ...entry.steps.flatMap((step) => [...all(step.text), ...step.substeps.flatMap(all)]),
    ],
  }));
  const fuse = new Fuse(docs, { keys: ['codes', 'texts'], includeScore: true });
  return {
    match(text, options = {}) {
      const top = options.top ?? 3;
      const hits = fuse.search(text, { limit: Math.max(top, 2) });
      const ranked = hits.map((hit) => ({
        id: hit.item.id,
        score: Math.max(0, Math.min(1, 1 - (hit.score ?? 1))),
      }));
      const verdict = decideVerdict(
        ranked.map((r) => r.score),
        thresholds,
      );
      const results = ranked.slice(0, top).map(({ id, score }) => toMatchResult(catalogue, id, score));
      return { verdict, results };
    },
  };
}
