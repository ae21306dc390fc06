/**
 * Every code the catalogue prints, pasted alone, is answered with an entry carrying it: confidently, or — when
 * several entries carry the code — among exactly those entries (docs/matching.md, "Codes").
 */
import { createMatcher } from '../../../src/core/matching';
import { loadGlossary } from '../../../src/knowledge/glossary';
import { loadCatalogue } from '../../../src/knowledge/load';

const catalogue = loadCatalogue();
const glossary = loadGlossary();
const matcher = createMatcher(catalogue, glossary);

const carriers = new Map<string, string[]>();
for (const entry of catalogue.entries)
  for (const code of entry.codes) {
    const key = code.toLowerCase();
    carriers.set(key, [...new Set([...(carriers.get(key) ?? []), entry.id])]);
  }

describe('every catalogue code pasted alone', () => {
  it.each([...carriers].map(([code, ids]) => [code, ids] as const))('%s', (code, ids) => {
    const response = matcher.match(code, { top: Math.max(3, ids.length) });
    const shown = response.results.map((result) => result.id);
    if (ids.length === 1) {
      expect(response.verdict).toBe('confident');
      expect(shown[0]).toBe(ids[0]);
    } else {
      expect(response.verdict).not.toBe('none');
      expect(new Set(shown.slice(0, ids.length))).toEqual(new Set(ids));
    }
  });
});
