// scratch (matching engineer): explain scores for a text; deleted before hand-in
import { loadCatalogue } from '../src/knowledge/load';
import { loadGlossary } from '../src/knowledge/glossary';
import { compileGlossary } from '../src/core/matching/glossary';
import { buildEntryIndex } from '../src/core/matching/entryIndex';
import { textFeatures, channelWeight } from '../src/core/matching/features';
import { cleanText } from '../src/core/matching/clean';
import { scoreText } from '../src/core/matching/rank';
const cat = loadCatalogue('knowledge/catalogue.json');
const g = compileGlossary(loadGlossary());
const index = buildEntryIndex(cat.entries, g);
const text = process.argv[2] ?? '';
const cleaned = cleanText(text).text;
console.log('CLEANED:', cleaned);
const q = textFeatures(cleaned, g);
console.log('FEATURES:', [...q].map((f) => `${f}(${index.idf(f).toFixed(2)})`).join(' '));
const scores = scoreText(index, q)
  .sort((a, b) => b.score - a.score)
  .slice(0, 5);
for (const s of scores) {
  const e = index.entries[s.index]!;
  const shared = [...q].filter((f) => e.features.has(f));
  console.log(s.score.toFixed(3), e.entry.id, '|', shared.map((f) => `${f}:${e.features.get(f)}`).join(' '));
  for (const v of e.views)
    console.log(
      '   view mass',
      v.mass.toFixed(1),
      'shared',
      [...v.features]
        .filter((f) => q.has(f))
        .reduce((a, f) => a + index.idf(f) * channelWeight(f), 0)
        .toFixed(1),
    );
}
