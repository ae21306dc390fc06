/**
 * `remedy` reads `.env` in the working directory exactly as the bot does (variables set in the environment win),
 * so `remedy match` uses the bot's CATALOGUE_PATH and thresholds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/remedy.js');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'remedy-cli-env-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function remedy(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

it('remedy match reads CATALOGUE_PATH from .env, and the environment wins over .env', () => {
  writeFileSync(path.join(dir, '.env'), `CATALOGUE_PATH=${path.join(dir, 'from-dotenv.json')}\n`);
  const fromFile = remedy(['match', '--json', 'UserErrorGuestAgentStatusUnavailable']);
  expect(fromFile.status).not.toBe(0);
  expect(fromFile.stderr).toContain('from-dotenv.json');
  expect(fromFile.stdout).toBe('');

  const catalogue = path.resolve(__dirname, '../../knowledge/catalogue.json');
  const fromEnv = remedy(['match', '--json', 'UserErrorGuestAgentStatusUnavailable'], {
    CATALOGUE_PATH: catalogue,
  });
  expect(fromEnv.stderr).toBe('');
  expect(fromEnv.status).toBe(0);
  expect(JSON.parse(fromEnv.stdout)).toMatchObject({ verdict: 'confident' });
});

it('an invalid setting in .env stops the command with the variable named', () => {
  writeFileSync(path.join(dir, '.env'), 'MATCH_CONFIDENT_THRESHOLD=high\n');
  const run = remedy(['match', 'x']);
  expect(run.status).not.toBe(0);
  expect(run.stderr).toMatch(/MATCH_CONFIDENT_THRESHOLD: expected a number from 0 to 1, got "high"/);
});
