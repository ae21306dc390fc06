#!/usr/bin/env node
// The `remedy` command (npx remedy / npm run remedy --): runs the TypeScript CLI through tsx.
require('tsx/cjs');
const { runCli } = require('../src/cli/index.ts');
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`remedy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
