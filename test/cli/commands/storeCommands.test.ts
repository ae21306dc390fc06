/** `remedy stats`, `remedy export --csv` and `remedy erase` against a real SQLite store in a temporary DATA_DIR. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { main } from '../../../src/cli/index';
import type { Outcome } from '../../../src/core/outcomes/outcome';
import { openStores } from '../../../src/storage';
import { hashUserId } from '../../../src/privacy';
import { makeOutcome, makeSession } from '../../storage/fixtures';

const ENTRY = 'usererrorguestagentstatusunavailable---vm-agent-unable-to-communicate-with-azure-backup';
const S1 = `${ENTRY}#s1`;
const S2 = `${ENTRY}#s2`;
const SALT = 'a-test-salt-of-enough-length';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { stdout, stderr, stdin: new PassThrough() });
  return { code, stdout: out, stderr: err };
}

let dataDir: string;
const savedEnv = { ...process.env };

async function seed(outcomes: Outcome[], sessions: string[] = []) {
  const stores = await openStores({ dataDir, logger: pino({ level: 'silent' }) });
  for (const outcome of outcomes) await stores.outcomes.append(outcome);
  for (const id of sessions)
    await stores.sessions.create(makeSession(id, { startedBy: hashUserId(SALT, '29:eve') }));
  await stores.close();
}

const fixedBy = (id: string, step: string, tried: string[], extra: Partial<Outcome> = {}) =>
  makeOutcome(id, { entryId: ENTRY, resolvedStepId: step, stepsTried: tried, ...extra });

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-cli-'));
  for (const key of ['DATABASE_URL', 'USER_HASH_SALT', 'MicrosoftAppId', 'NODE_ENV']) delete process.env[key];
  process.env.DATA_DIR = dataDir;
});
afterEach(() => {
  process.env = { ...savedEnv };
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('remedy stats', () => {
  beforeEach(async () => {
    await seed([
      fixedBy('a', S2, [S1]),
      fixedBy('b', S2, [S1]),
      fixedBy('c', S1, []),
      makeOutcome('d', { entryId: ENTRY, outcome: 'escalated', stepsTried: [S1, S2] }),
      makeOutcome('e', { entryId: 'other-entry', outcome: 'exhausted', stepsTried: ['other-entry#s1'] }),
    ]);
  });

  it('prints per entry how often each step fixed it, numbered as in the plan', async () => {
    const { code, stdout } = await run('stats');
    expect(code).toBe(0);
    expect(stdout).toContain('VM agent unable to communicate with Azure Backup');
    expect(stdout).toContain('4 sessions: 3 resolved (75%), 0 exhausted, 1 escalated');
    expect(stdout).toMatch(/Step 2 fixed this 2 of 3 times {2}← usually works/);
    expect(stdout).toContain('Step 1 fixed this 1 of 4 times');
    expect(stdout).toContain('other-entry');
  });

  it('gives JSON for one entry named by its error code', async () => {
    const { code, stdout } = await run('stats', '--json', 'usererrorguestagentstatusunavailable');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.filter).toEqual({ entryId: ENTRY });
    expect(report.entries).toHaveLength(1);
    expect(report.entries[0]).toMatchObject({ entryId: ENTRY, sessions: 4, resolved: 3, usualFixStepId: S2 });
    expect(report.entries[0].steps[0]).toEqual({ stepId: S2, number: 2, tried: 3, resolved: 2 });
  });

  it('filters by date', async () => {
    await seed([fixedBy('late', S1, [], { endedAt: '2026-06-01T00:00:00.000Z' })]);
    const { stdout } = await run('stats', '--json', '--since', '2026-05-01');
    expect(JSON.parse(stdout).outcomes).toBe(1);
  });

  it('refuses an unknown code and a bad date with exit code 2', async () => {
    await expect(run('stats', 'NoSuchErrorCode')).resolves.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("no catalogue entry, error code or reference 'NoSuchErrorCode'"),
    });
    await expect(run('stats', '--since', 'last tuesday')).resolves.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--since expects a date'),
    });
  });
});

describe('remedy export --csv', () => {
  it('writes one CSV row per outcome with quoting and spreadsheet-safe cells', async () => {
    await seed([
      makeOutcome('s1', { codes: ['A', 'B'], locale: 'en,US' }),
      makeOutcome('s2', { entryId: 'e2', outcome: 'escalated', channelId: '=HYPERLINK("x")' }),
    ]);
    const { code, stdout } = await run('export', '--csv');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'sessionId,entryId,outcome,resolvedStepId,stepsTried,matchVerdict,matchScore,codes,locale,lang,tenantId,teamId,channelId,userHash,textHash,pastedAt,endedAt',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      's1,user-error-guest-agent-status-unavailable,resolved,e#s2,e#s1,confident,0.9,A B,"en,US",en,t1',
    );
    expect(lines[2]).toContain(`'=HYPERLINK(""x"")`);
  });

  it('filters by entry and requires --csv', async () => {
    await seed([makeOutcome('s1'), makeOutcome('s2', { entryId: 'e2' })]);
    const { stdout } = await run('export', '--csv', '--entry', 'e2');
    expect(stdout.trimEnd().split('\r\n')).toHaveLength(2);
    await expect(run('export')).resolves.toMatchObject({ code: 2 });
  });
});

describe('remedy erase', () => {
  it("erases a user's records given the raw Teams id, hashing it with the configured salt", async () => {
    process.env.USER_HASH_SALT = SALT;
    const eve = hashUserId(SALT, '29:eve');
    await seed(
      [makeOutcome('o1', { userHash: eve }), makeOutcome('o2', { userHash: 'someone-else' })],
      ['s-eve'],
    );
    const { code, stdout } = await run('erase', '--user', '29:eve', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ userHash: eve, outcomes: 1, sessions: 1 });
    const { stdout: csv } = await run('export', '--csv');
    expect(csv).not.toContain(eve);
    expect(csv).toContain('someone-else');
  });

  it('takes a 64-hex-digit value as the hash itself', async () => {
    const hash = 'ab'.repeat(32);
    await seed([makeOutcome('o1', { userHash: hash })]);
    const { code, stdout } = await run('erase', '--user', hash);
    expect(code).toBe(0);
    expect(stdout).toContain(`Erased 1 outcome record and 0 sessions of user ${hash}`);
  });

  it('refuses a raw id when no salt exists, and a missing --user', async () => {
    await expect(run('erase', '--user', '29:eve')).resolves.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('USER_HASH_SALT is not set'),
    });
    await expect(run('erase')).resolves.toMatchObject({ code: 2, stderr: expect.stringContaining('--user') });
  });
});

describe('remedy export --jsonl and remedy import', () => {
  const records = () => [
    fixedBy('a', S2, [S1], { tenantId: 't1' }),
    fixedBy('b', S1, [], { tenantId: 't2' }),
    makeOutcome('c', { entryId: ENTRY, outcome: 'escalated', stepsTried: [S1, S2] }),
  ];

  it('exports one Outcome record a line, and imports it into another store with its statistics', async () => {
    await seed(records());
    const exported = await run('export', '--jsonl');
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(records());
    const file = path.join(dataDir, 'log.jsonl');
    fs.writeFileSync(file, exported.stdout);

    process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-cli-target-'));
    try {
      const imported = await run('import', file);
      expect(imported).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(imported.stdout)).toEqual({ read: 3, added: 3, alreadyPresent: 0 });
      // Twice: nothing is added or changed (idempotent by session id).
      expect(JSON.parse((await run('import', file)).stdout)).toEqual({
        read: 3,
        added: 0,
        alreadyPresent: 3,
      });
      expect((await run('export', '--jsonl')).stdout).toBe(exported.stdout);
      const stats = JSON.parse((await run('stats', '--json')).stdout);
      expect(stats.entries[0]).toMatchObject({ entryId: ENTRY, sessions: 3, resolved: 2, escalated: 1 });
    } finally {
      fs.rmSync(process.env.DATA_DIR, { recursive: true, force: true });
    }
  });

  it('keeps a record already there when the file has another one of the same session', async () => {
    await seed([fixedBy('a', S2, [S1])]);
    const file = path.join(dataDir, 'other.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(makeOutcome('a', { entryId: ENTRY, outcome: 'escalated' }))}\n`);
    expect(JSON.parse((await run('import', file)).stdout)).toEqual({ read: 1, added: 0, alreadyPresent: 1 });
    const [kept] = (await run('export', '--jsonl')).stdout.trimEnd().split('\n');
    expect(JSON.parse(kept ?? '')).toMatchObject({ sessionId: 'a', outcome: 'resolved' });
  });

  it('names every invalid line as FILE:LINE and imports nothing', async () => {
    const file = path.join(dataDir, 'broken.jsonl');
    const good = JSON.stringify(fixedBy('a', S2, [S1]));
    const bad = JSON.stringify({ ...fixedBy('b', S2, [S1]), outcome: 'maybe' });
    fs.writeFileSync(file, `${good}\n\n${bad}\n{not json\n`);
    const result = await run('import', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:3: outcome:`);
    expect(result.stderr).toContain(`${file}:4: not JSON`);
    expect(result.stderr).toContain('nothing imported');
    expect((await run('export', '--jsonl')).stdout).toBe('');
    expect((await run('import')).code).toBe(2);
    expect((await run('import', path.join(dataDir, 'missing.jsonl'))).stderr).toContain('cannot read');
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;
(pgUrl ? describe : describe.skip)('moving the outcome log from SQLite to PostgreSQL', () => {
  it('export --jsonl from SQLite, import into PostgreSQL: the same records and statistics', async () => {
    const tenant = `move-${Date.now()}`;
    const moved = [
      fixedBy(`${tenant}-a`, S2, [S1], { tenantId: tenant }),
      fixedBy(`${tenant}-b`, S2, [S1], { tenantId: tenant }),
      makeOutcome(`${tenant}-c`, {
        entryId: ENTRY,
        outcome: 'exhausted',
        stepsTried: [S1, S2],
        tenantId: tenant,
      }),
    ];
    await seed(moved);
    const sqliteStats = JSON.parse((await run('stats', '--json', '--tenant', tenant)).stdout);
    const file = path.join(dataDir, 'move.jsonl');
    fs.writeFileSync(file, (await run('export', '--jsonl')).stdout);

    process.env.DATABASE_URL = pgUrl;
    const imported = await run('import', file);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(imported.stdout)).toMatchObject({ read: 3 });
    const pgExport = (await run('export', '--jsonl', '--tenant', tenant)).stdout;
    expect(
      pgExport
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(moved);
    expect(JSON.parse((await run('stats', '--json', '--tenant', tenant)).stdout)).toEqual(sqliteStats);
    // Run again (an interrupted move restarted): nothing doubles.
    expect(JSON.parse((await run('import', file)).stdout)).toEqual({ read: 3, added: 0, alreadyPresent: 3 });
    expect(JSON.parse((await run('stats', '--json', '--tenant', tenant)).stdout)).toEqual(sqliteStats);
  });
});
