/**
 * Whatever an article looks like, ingestion either succeeds or fails with an IngestError naming the file and
 * line — never a TypeError. Real articles are cut at many lines (a half-written table, list, code block, front
 * matter) and ingested on their own.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestError } from '../../src/knowledge/errors';
import { ingest } from '../../src/knowledge/ingest';

const SOURCES = join(__dirname, '../../knowledge/sources');
const FILES = readdirSync(SOURCES).filter((f) => f.endsWith('.md'));

describe.each(FILES)('%s cut short', (file) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'remedy-cut-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests or fails with file:line at every cut', () => {
    const lines = readFileSync(join(SOURCES, file), 'utf8').split('\n');
    const failures: string[] = [];
    for (let cut = 1; cut < lines.length; cut += 7) {
      writeFileSync(join(dir, file), lines.slice(0, cut).join('\n'));
      try {
        ingest({ sourcesDir: dir });
      } catch (error) {
        // An IngestError made from an unexpected exception (ingest.ts withFile) is a crash too.
        const crashed = !(error instanceof IngestError) || /this ingester reads \(/.test(error.message);
        if (crashed) failures.push(`cut at ${cut}: ${String(error)}`);
        else expect(error.message).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}:\\d+: expected `));
      }
    }
    expect(failures).toEqual([]);
  });
});
