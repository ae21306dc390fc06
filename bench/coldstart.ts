/**
 * Cold start as the bot meets it: process start → catalogue loaded → glossary → index built → first answer.
 * Run by bench/match.ts as `node -r tsx/cjs bench/coldstart.ts [CATALOGUE]` in a fresh process; it prints one
 * JSON line, and the parent measures spawn → that line (which includes node's own start and tsx's transpiling,
 * as `npm start` pays them).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMatcher } from '../src/core/matching';
import { loadGlossary } from '../src/knowledge/glossary';
import { loadCatalogue } from '../src/knowledge/load';

const ROOT = path.resolve(__dirname, '..');
const loaded = performance.now();
const catalogue = loadCatalogue(process.argv[2] ?? path.join(ROOT, 'knowledge', 'catalogue.json'));
const catalogueAt = performance.now();
const matcher = createMatcher(catalogue, loadGlossary(path.join(ROOT, 'knowledge', 'glossary.json')));
const builtAt = performance.now();
const answer = matcher.match(
  'Error Code: UserErrorGuestAgentStatusUnavailable\nVM Agent unable to communicate',
);
const answeredAt = performance.now();
const ms = (n: number) => Math.round(n * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    entries: catalogue.entries.length,
    verdict: answer.verdict,
    // performance.now() counts from the process's time origin: module loading is the first figure.
    modulesMs: ms(loaded),
    catalogueMs: ms(catalogueAt - loaded),
    indexMs: ms(builtAt - catalogueAt),
    firstAnswerMs: ms(answeredAt - builtAt),
    sinceProcessStartMs: ms(answeredAt),
  })}\n`,
);
