/** `remedy ingest` and `remedy catalogue` as a user (or CI) runs them. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/index';

const ROOT = join(__dirname, '../../..');
const SOURCES = join(ROOT, 'knowledge/sources');
const FIXTURES = join(ROOT, 'test/fixtures/articles');

async function remedy(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  const code = await main(args, { stdout, stderr, stdin: new PassThrough() });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('remedy ingest / remedy catalogue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'remedy-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the catalogue and prints per article entries, codes, steps and languages', async () => {
    const out = join(dir, 'catalogue.json');
    const result = await remedy('ingest', '--sources', SOURCES, '--out', out, '--summary');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^wrote .*catalogue\.json: \d+ entries from 5 articles/);
    expect(result.stdout).toMatch(/mabs-troubleshoot\s+29\s+27\/0\/2\s+\d+\s+\d+\s+en,ko,nl/);
    expect(result.stdout).toMatch(
      /vm-agent-extension-troubleshoot\s+\d+\s+\d+\/\d+\/1\s+\d+\s+\d+\s+en,ko\s+2018-01-18,2019-04-30,2020-08-31,2025-11-12/,
    );
    expect(result.stdout).toMatch(
      /backup-sql-server-azure-troubleshoot\s+\d+\s+\d+\/0\/\d+\s+\d+\s+\d+\s+en\s+2019-06-18/,
    );
    // How the translations lined up with the English original, row by row and section by section.
    expect(result.stdout).toContain(
      'ko 2021-03-29 mabs-troubleshoot.ko.md: 29 entries, 29 joined with another language (23 table rows), without counterpart: none',
    );
    expect(result.stdout).toMatch(
      /ko 2018-01-18 vm-agent-extension-troubleshoot\.ko\.2018\.md: \d+ entries, \d+ joined with another language \(0 table rows\), without counterpart: \d+ \(the-vm-has-no-internet-access/,
    );
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'knowledge/catalogue.json'), 'utf8'));

    const summary = await remedy('catalogue', '--file', out);
    expect(summary.code).toBe(0);
    expect(summary.stdout.split('\n')[0]).toMatch(
      /^article\s+entries\s+error\/cause\/guide\s+codes\s+steps\s+languages/,
    );
    expect(summary.stdout).toMatch(/mabs-troubleshoot\s+29/);
  });

  it('--check passes on a fresh catalogue and fails with a message on a stale one', async () => {
    const out = join(dir, 'catalogue.json');
    copyFileSync(join(ROOT, 'knowledge/catalogue.json'), out);
    const fresh = await remedy('ingest', '--check', '--sources', SOURCES, '--out', out);
    expect(fresh).toMatchObject({ code: 0, stderr: '' });
    writeFileSync(out, readFileSync(out, 'utf8').replace('"Basic troubleshooting"', '"Basic troubles"'));
    const stale = await remedy('ingest', '--check', '--sources', SOURCES, '--out', out);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(
      /catalogue\.json is stale \(first difference at line \d+\); run 'npm run ingest'/,
    );
    expect(readFileSync(out, 'utf8')).toContain('"Basic troubles"');
  });

  it('reports a malformed article as file:line and leaves the existing catalogue untouched', async () => {
    const sources = join(dir, 'sources');
    const out = join(dir, 'catalogue.json');
    writeFileSync(out, 'previous catalogue');
    mkdirSync(sources);
    copyFileSync(join(FIXTURES, 'broken/row-without-error.md'), join(sources, 'row-without-error.md'));
    const result = await remedy('ingest', '--sources', sources, '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'remedy ingest: row-without-error.md:12: expected the error cell of the table row to have text\n',
    );
    expect(readFileSync(out, 'utf8')).toBe('previous catalogue');
  });

  it('rejects unknown arguments and a missing catalogue with a message', async () => {
    expect(await remedy('ingest', '--bogus')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown option '--bogus'"),
    });
    expect(await remedy('ingest', '--out')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("option '--out <value>' argument missing"),
    });
    const missing = await remedy('catalogue', '--file', join(dir, 'none.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read catalogue .*none\.json/);
  });
});
