/**
 * Cold start as the bot meets it: process start → catalogue loaded → glossary → index built → first answer.
 * Run by bench/match.ts in a fresh process, as production runs (`npm start`: compiled JS in dist/) and as
 * development runs (tsx):
 *   node bench/coldstart.cjs dist [CATALOGUE]          # after npm run build
 *   node -r tsx/cjs bench/coldstart.cjs src [CATALOGUE]
 * Prints one JSON line; the parent measures spawn → that line, which includes node's own start.
 */
/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- plain CommonJS so the compiled path runs without tsx */
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const ROOT = path.resolve(__dirname, '..');
const base = process.argv[2] === 'dist' ? path.join(ROOT, 'dist', 'src') : path.join(ROOT, 'src');
const { createMatcher } = require(path.join(base, 'core', 'matching'));
const { loadGlossary } = require(path.join(base, 'knowledge', 'glossary'));
const { loadCatalogue } = require(path.join(base, 'knowledge', 'load'));

const loaded = performance.now();
const catalogue = loadCatalogue(process.argv[3] || path.join(ROOT, 'knowledge', 'catalogue.json'));
const catalogueAt = performance.now();
const matcher = createMatcher(catalogue, loadGlossary(path.join(ROOT, 'knowledge', 'glossary.json')));
const builtAt = performance.now();
const answer = matcher.match(
  'Error Code: UserErrorGuestAgentStatusUnavailable\nVM Agent unable to communicate',
);
const answeredAt = performance.now();
const ms = (n) => Math.round(n * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    code: process.argv[2] === 'dist' ? 'compiled (dist)' : 'tsx (src)',
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
