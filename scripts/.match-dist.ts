// scratch (matching engineer): score distribution; deleted before hand-in
import { readFileSync } from 'node:fs';
import { loadCatalogue } from '../src/knowledge/load';
import { loadGlossary } from '../src/knowledge/glossary';
import { createMatcher } from '../src/core/matching';
const m = createMatcher(loadCatalogue('knowledge/catalogue.json'), loadGlossary());
for (const file of process.argv.slice(2)) {
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(line);
    const r = m.match(c.text, { top: 3 });
    const ok = c.expect === null ? null : r.results.findIndex((x) => ('code' in c.expect ? x.codes.some((k) => k.toLowerCase() === c.expect.code.toLowerCase()) : x.refs.includes(c.expect.ref)));
    console.log(c.id.padEnd(5), (c.kind as string).padEnd(14), r.verdict.padEnd(10), (r.results[0]?.score ?? 0).toFixed(3), (r.results[1]?.score ?? 0).toFixed(3), ok === null ? 'NEG' : ok === 0 ? 'ok' : `rank${ok}`);
  }
}
