/** Ingestion works on other articles of the same format, and malformed ones fail with `file:line: expected ...`. */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalogue } from '../../src/core/catalogue/catalogue';
import { IngestError } from '../../src/knowledge/errors';
import { ingest } from '../../src/knowledge/ingest';

const FIXTURES = join(__dirname, '../fixtures/articles');

describe('ingesting a fixture article with a different structure mix (English, two versions)', () => {
  const catalogue = () => Catalogue.fromJson(ingest({ sourcesDir: join(FIXTURES, 'good') }));

  it('reads errors from a container section, their codes, messages, steps with sub-steps', () => {
    const e = catalogue().byErrorCode('UserErrorStorageAccountNotFound')!;
    expect(e.kind).toBe('error');
    expect(e.title.en).toBe('UserErrorStorageAccountNotFound - The storage account was not found');
    expect(e.message.en).toBe('The storage account was not found.');
    expect(e.steps.map((s) => s.text.en)).toEqual([
      'Check that the storage account still exists in the [Azure portal](https://portal.azure.com/).',
      'If it was moved, re-register it:',
      'Retry the operation.',
    ]);
    expect(e.steps[1]!.substeps.map((s) => s.en)).toEqual([
      'Open the vault and select **Backup Infrastructure**.',
      'Select **Re-register** next to the account.',
    ]);
  });

  it('merges the older version by anchor tail and keeps its code spelling and message', () => {
    const e = catalogue().byErrorCode('UserErrorStorageAcountNotFound')!;
    expect(e.id).toBe('usererrorstorageaccountnotfound---the-storage-account-was-not-found');
    expect(e.refs).toEqual([
      'usererrorstorageaccountnotfound---the-storage-account-was-not-found',
      'the-storage-account-was-not-found',
    ]);
    expect(e.aliases).toContainEqual({ lang: 'en', text: 'Storage account not found.' });
    expect(e.versions).toEqual(['2019-05-20', '2021-03-02']);
    expect(catalogue().get('quota-exceeded-on-the-share')!.versions).toEqual(['2019-05-20']);
  });

  it('reads cause references, cause | solution tables, and alternative methods', () => {
    const c = catalogue();
    const e = c.byErrorCode('FileShareBackupFailedWithInternalError')!;
    expect(e.causes).toEqual(['the-storage-account-is-locked', 'the-share-has-reached-its-snapshot-limit']);
    expect(c.planSteps(e)).toHaveLength(5);
    const limit = c.require('the-share-has-reached-its-snapshot-limit');
    expect(limit.steps[1]!.text.en).toBe(
      '**The retention policy keeps too many snapshots.**\nReduce the daily retention of the [backup policy](https://learn.microsoft.com/azure/backup/manage-afs-backup#modify-policy).',
    );
    const unreachable = c.require('the-share-cannot-be-reached');
    expect(unreachable.steps.map((s) => [s.text.en, s.alternative, s.substeps.length])).toEqual([
      ['Allow the backup service through the firewall', false, 2],
      ['Use a private endpoint', true, 1],
    ]);
    expect(c.require('the-storage-account-is-locked').description.en).toContain(
      '**NOTE:** The lock can be added again',
    );
  });

  it('reads table rows with (OR) alternatives, a./b. sub-steps, IDs, labelled codes and relative links', () => {
    const c = catalogue();
    const restore = c.require('restore-errors/1');
    expect(restore.codes).toEqual(['210034']);
    expect(restore.operation.en).toBe('Restore');
    expect(restore.steps.map((s) => s.alternative)).toEqual([false, true, true]);
    expect(restore.steps[2]!.substeps.map((s) => s.en)).toEqual([
      'Open the share in the portal.',
      'Release its leases.',
    ]);
    const quota = c.byErrorCode('UserErrorTargetFolderQuotaExceeded')!;
    expect(quota.id).toBe('restore-errors/2');
    expect(quota.message.en).toBe('The target folder quota is exceeded.');
    expect(quota.description.en).toBe('The share quota is too small for the restored data.');
    expect(quota.steps[0]!.text.en).toContain(
      '(https://learn.microsoft.com/azure/storage/files/storage-how-to-create-file-share#change-quota)',
    );
    expect(JSON.stringify(c.data)).not.toContain('reregister.png');
  });
});

describe('malformed articles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'remedy-ingest-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The fixture dropped into an empty sources directory, with no index.json (none is needed). */
  const ingestOne = (file: string) => {
    copyFileSync(join(FIXTURES, 'broken', file), join(dir, file));
    return () => ingest({ sourcesDir: dir });
  };

  it.each([
    ['no-front-matter.md', "no-front-matter.md:1: expected front matter starting with '---'"],
    [
      'missing-handoff.md',
      'missing-handoff.md:1: expected an ms.date or ms.lasthandoff front matter field (MM/DD/YYYY)',
    ],
    ['bad-date.md', 'bad-date.md:3: expected ms.date as MM/DD/YYYY, got 2021-01-02'],
    ['bad-locale.md', 'bad-locale.md:3: expected ms.contentlocale in one of en, ko, nl, got de-DE'],
    ['no-title.md', "no-title.md:1: expected a '# ' title heading after the front matter"],
    [
      'row-without-error.md',
      'row-without-error.md:12: expected the error cell of the table row to have text',
    ],
  ])('%s fails with file:line and what was expected', (file, message) => {
    const run = ingestOne(file);
    expect(run).toThrow(IngestError);
    expect(run).toThrow(message);
  });

  it('fails when index.json names a file that is not there, or is not valid', () => {
    const run = ingestOne('missing-anchor.md');
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ sources: [{ file: 'gone.md' }] }));
    expect(run).toThrow('index.json:1: expected gone.md to exist in');
    writeFileSync(
      join(dir, 'index.json'),
      JSON.stringify({ sources: [{ file: 'missing-anchor.md', article: 'X' }] }),
    );
    expect(run).toThrow(/^index\.json:1: expected sources\.0\.article: a lowercase article id$/);
    writeFileSync(join(dir, 'index.json'), '{ not json');
    expect(run).toThrow(/^index\.json:1: expected readable JSON/);
  });
});

describe('articles as published: no index record, no anchors, links that lead nowhere', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'remedy-ingest-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes language, locale, version and slug from the file, and gives headings their Docs ids', () => {
    copyFileSync(join(FIXTURES, 'broken', 'missing-anchor.md'), join(dir, 'missing-anchor.md'));
    const data = ingest({ sourcesDir: dir });
    expect(data.articles.map((a) => [a.id, a.url])).toEqual([
      ['missing-anchor', 'https://learn.microsoft.com/azure/backup/missing-anchor'],
    ]);
    expect(data.articles[0]?.sources.map((s) => [s.lang, s.version])).toEqual([['en', '2021-01-02']]);
    const ids = data.entries.map((e) => e.id);
    expect(ids).toEqual(['first-error', 'second-error-without-an-anchor']);
    expect(data.entries[1]?.url).toBe(
      'https://learn.microsoft.com/en-us/azure/backup/missing-anchor#second-error-without-an-anchor',
    );
  });

  it('lets index.json override what the file says', () => {
    copyFileSync(join(FIXTURES, 'broken', 'missing-anchor.md'), join(dir, 'missing-anchor.md'));
    writeFileSync(
      join(dir, 'index.json'),
      JSON.stringify({
        sources: [
          { file: 'missing-anchor.md', article: 'renamed', slug: 'other-slug', version: '2020-01-01' },
        ],
      }),
    );
    const data = ingest({ sourcesDir: dir });
    expect(data.articles[0]).toMatchObject({
      id: 'renamed',
      url: 'https://learn.microsoft.com/azure/backup/other-slug',
    });
    expect(data.articles[0]?.sources[0]?.version).toBe('2020-01-01');
  });

  it('gives two sections with the same explicit anchor different ids instead of failing', () => {
    copyFileSync(join(FIXTURES, 'quirks', 'duplicate-anchors.md'), join(dir, 'duplicate-anchors.md'));
    const data = ingest({ sourcesDir: dir });
    expect(data.entries.map((e) => [e.id, e.message.en])).toEqual([
      ['same', 'First error fails'],
      ['second-error-fails', 'Second error fails'],
    ]);
  });

  it('keeps a link to an anchor no heading has as a link to that place of the article', () => {
    copyFileSync(join(FIXTURES, 'broken', 'broken-anchor.md'), join(dir, 'broken-anchor.md'));
    const e = Catalogue.fromJson(ingest({ sourcesDir: dir })).byErrorCode('UserErrorSomething');
    expect(e?.kind).toBe('error');
    expect(JSON.stringify(e)).toContain(
      'https://learn.microsoft.com/azure/backup/broken-anchor#no-such-cause',
    );
  });
});
