/** The catalogue file is validated with zod when written and when loaded. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogueData } from '../../src/core/catalogue/schema';
import { ingest, writeCatalogue } from '../../src/knowledge/ingest';
import { loadGlossary } from '../../src/knowledge/glossary';
import { loadCatalogue } from '../../src/knowledge/load';

const FIXTURE_SOURCES = join(__dirname, '../fixtures/articles/good');

describe('writeCatalogue / loadCatalogue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'remedy-catalogue-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips an ingested catalogue', () => {
    const data = ingest({ sourcesDir: FIXTURE_SOURCES });
    const path = join(dir, 'catalogue.json');
    writeCatalogue(path, data);
    const catalogue = loadCatalogue(path);
    expect(catalogue.entries.map((e) => e.id)).toEqual(data.entries.map((e) => e.id));
    expect(catalogue.byReference('the-storage-account-was-not-found')!.id).toBe(
      'usererrorstorageaccountnotfound---the-storage-account-was-not-found',
    );
  });

  it('refuses to write data that breaks the schema, and leaves the old file', () => {
    const data = ingest({ sourcesDir: FIXTURE_SOURCES });
    const path = join(dir, 'catalogue.json');
    writeFileSync(path, 'old');
    const broken = {
      ...data,
      entries: [{ ...data.entries[0]!, causes: ['no-such-entry'] }],
    } as CatalogueData;
    expect(() => writeCatalogue(path, broken)).toThrow(
      /entries\.0\.causes: unknown cause entry no-such-entry/,
    );
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(() =>
      writeCatalogue(join(dir, 'new.json'), { ...data, schemaVersion: 2 } as unknown as CatalogueData),
    ).toThrow(/schemaVersion/);
    expect(existsSync(join(dir, 'new.json'))).toBe(false);
  });

  it('refuses to load a missing, non-JSON or invalid file with a coded error', () => {
    expect(() => loadCatalogue(join(dir, 'missing.json'))).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_INVALID' }),
    );
    writeFileSync(join(dir, 'text.json'), 'not json');
    expect(() => loadCatalogue(join(dir, 'text.json'))).toThrow(/is not JSON/);
    writeFileSync(
      join(dir, 'empty.json'),
      JSON.stringify({ schemaVersion: 1, articles: [], entries: [{ id: 'x' }] }),
    );
    expect(() => loadCatalogue(join(dir, 'empty.json'))).toThrow(/catalogue is invalid: entries\.0\.kind/);
  });

  it('refuses a missing, non-JSON or invalid glossary with the same coded error, naming file and field', () => {
    expect(() => loadGlossary(join(dir, 'missing.json'))).toThrow(
      expect.objectContaining({
        code: 'CATALOGUE_INVALID',
        message: expect.stringContaining('missing.json'),
      }),
    );
    writeFileSync(join(dir, 'text.json'), '{');
    expect(() => loadGlossary(join(dir, 'text.json'))).toThrow(/glossary .*text\.json is not JSON/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, concepts: [{ id: 'Bad Id', en: ['x'] }] }));
    expect(() => loadGlossary(bad)).toThrow(
      expect.objectContaining({
        code: 'CATALOGUE_INVALID',
        message: expect.stringMatching(/bad\.json is invalid: concepts\.0\.id: /),
      }),
    );
  });
});
