/** Curated symptom wordings (knowledge/symptoms) reach the catalogue through ingest, validated, and never lose an article. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestError } from '../../src/knowledge/errors';
import { ingest } from '../../src/knowledge/ingest';

const SOURCES = join(__dirname, '../fixtures/articles/good');
const ENTRY = 'usererrorstorageaccountnotfound---the-storage-account-was-not-found';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'remedy-symptoms-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (file: string, json: unknown) => writeFileSync(join(dir, file), JSON.stringify(json));

describe('ingesting symptom wordings', () => {
  it("adds each entry's wordings in language order, once each, and leaves other entries without any", () => {
    write('files.json', {
      article: 'files-troubleshoot',
      entries: {
        [ENTRY]: {
          nl: ['het opslagaccount is weg'],
          en: ['someone deleted the storage account behind the share', 'storage account is gone'],
        },
      },
    });
    write('more.json', {
      article: 'files-troubleshoot',
      entries: { [ENTRY]: { en: ['storage account is gone'] } },
    });
    const data = ingest({ sourcesDir: SOURCES, symptomsDir: dir });
    const entry = data.entries.find((e) => e.id === ENTRY)!;
    expect(entry.symptoms).toEqual([
      { lang: 'en', text: 'someone deleted the storage account behind the share' },
      { lang: 'en', text: 'storage account is gone' },
      { lang: 'nl', text: 'het opslagaccount is weg' },
    ]);
    expect(data.entries.filter((e) => e.symptoms !== undefined)).toHaveLength(1);
    // Without a symptoms directory the catalogue is the articles' alone.
    expect(ingest({ sourcesDir: SOURCES }).entries.some((e) => e.symptoms !== undefined)).toBe(false);
  });

  it('reports wordings for entries the articles no longer have, and still ingests', () => {
    write('files.json', {
      article: 'files-troubleshoot',
      entries: { 'a-section-that-was-renamed': { en: ['some wording'] }, [ENTRY]: { en: ['account gone'] } },
    });
    const reported: string[][] = [];
    const data = ingest({
      sourcesDir: SOURCES,
      symptomsDir: dir,
      onUnknownSymptoms: (keys) => reported.push(keys),
    });
    expect(reported).toEqual([['files-troubleshoot/a-section-that-was-renamed']]);
    expect(data.entries.find((e) => e.id === ENTRY)!.symptoms).toEqual([
      { lang: 'en', text: 'account gone' },
    ]);
  });

  it('rejects a malformed file with its name and what was expected', () => {
    write('bad.json', { article: 'files-troubleshoot', entries: { [ENTRY]: { en: [''], fr: ['x'] } } });
    expect(() => ingest({ sourcesDir: SOURCES, symptomsDir: dir })).toThrow(IngestError);
    expect(() => ingest({ sourcesDir: SOURCES, symptomsDir: dir })).toThrow(
      /^bad\.json:1: expected a symptoms file: .*en\.0/,
    );
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(() => ingest({ sourcesDir: SOURCES, symptomsDir: dir })).toThrow(
      /^bad\.json:1: expected readable JSON/,
    );
  });
});

describe('the committed symptom wordings (knowledge/symptoms)', () => {
  it('all belong to entries of the committed articles, and every entry of those articles has some', () => {
    const root = join(__dirname, '../..');
    const reported: string[] = [];
    const data = ingest({
      sourcesDir: join(root, 'knowledge/sources'),
      symptomsDir: join(root, 'knowledge/symptoms'),
      onUnknownSymptoms: (keys) => reported.push(...keys),
    });
    expect(reported).toEqual([]);
    expect(data.entries.filter((e) => (e.symptoms ?? []).length === 0).map((e) => e.id)).toEqual([]);
  });
});
