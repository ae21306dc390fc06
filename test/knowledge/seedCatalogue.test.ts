/**
 * Pins the catalogue to the seed articles in knowledge/sources (the "done when" list). Expectations are
 * read from the source files by simple line scans, independent of the markdown-it based parser.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalogue } from '../../src/core/catalogue/catalogue';
import type { CatalogueData, Entry } from '../../src/core/catalogue/schema';
import { ingest, serializeCatalogue } from '../../src/knowledge/ingest';
import { loadCatalogue } from '../../src/knowledge/load';

const SOURCES = join(__dirname, '../../knowledge/sources');
const CATALOGUE_FILE = join(__dirname, '../../knowledge/catalogue.json');
const SYMPTOMS = join(__dirname, '../../knowledge/symptoms');
/** The seeds: the translated articles index.json lists (the English originals beside them need no record). */
const INDEX = JSON.parse(readFileSync(join(SOURCES, 'index.json'), 'utf8')) as {
  sources: Array<{ file: string }>;
};
const seedFiles = INDEX.sources.map((s) => s.file);
const SEED_ARTICLES = ['mabs-troubleshoot', 'vm-agent-extension-troubleshoot'];
/** The English originals of the seeds. */
const ORIGINALS = [
  'backup-azure-mabs-troubleshoot.md',
  'backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout.md',
];
const read = (file: string) => readFileSync(join(SOURCES, file), 'utf8');

let data: CatalogueData;
let catalogue: Catalogue;
beforeAll(() => {
  data = ingest({ sourcesDir: SOURCES, symptomsDir: SYMPTOMS });
  catalogue = Catalogue.fromJson(data);
});

const entry = (id: string): Entry => catalogue.require(id);
const allText = (e: Entry): string[] => [
  ...Object.values(e.description),
  ...e.steps.flatMap((s) => [...Object.values(s.text), ...s.substeps.flatMap((t) => Object.values(t))]),
];

/** Code-shaped tokens of a seed: CamelCase identifiers printed after an error-code label or leading a heading, IDs, hex codes. */
function codesInSeed(text: string): string[] {
  const codes = new Set<string>();
  for (const m of text.matchAll(
    /(?:오류 코드|Foutcode|Error ?code)\**\s*:?\**\s*[:-]?\s*([A-Za-z][A-Za-z0-9]+(?:\s*\/\s*[A-Za-z][A-Za-z0-9]+)*)/gi,
  ))
    for (const c of (m[1] ?? '').split('/'))
      if (/[A-Z].*[A-Z]/.test(c.trim()) && c.trim().length > 8) codes.add(c.trim());
  for (const m of text.matchAll(
    /^#+ <a name="[^"]*"><\/a>(?:<a name="[^"]*"><\/a>)?([A-Za-z]+[A-Z][A-Za-z0-9]+)(?:\s*\/\s*([A-Za-z0-9]+))?\s*(?:-|$)/gm,
  )) {
    for (const c of [m[1], m[2]]) if (c && c.length >= 8 && /[a-z]/.test(c)) codes.add(c);
  }
  for (const m of text.matchAll(/(?:\bID|\bId|Error|Fout|오류)[ :-]*(?:ID)?[ :]*(\d{4,6})\b/g))
    codes.add(m[1]!);
  for (const m of text.matchAll(/\[(0x[0-9a-f]+)\]/gi)) codes.add(m[1]!);
  return [...codes];
}

describe('the catalogue built from knowledge/sources', () => {
  it('is exactly the committed knowledge/catalogue.json and loads through loadCatalogue', () => {
    expect(readFileSync(CATALOGUE_FILE, 'utf8')).toBe(serializeCatalogue(data));
    expect(loadCatalogue(CATALOGUE_FILE).entries).toHaveLength(data.entries.length);
  });

  it('is deterministic: a second ingest gives the same bytes', () => {
    expect(serializeCatalogue(ingest({ sourcesDir: SOURCES, symptomsDir: SYMPTOMS }))).toBe(
      serializeCatalogue(data),
    );
  });

  it('has every error code that appears in any seed in exactly one entry', () => {
    const seedCodes = new Set(seedFiles.flatMap((f) => codesInSeed(read(f))));
    for (const expected of [
      'ExtentionOperationFailedForManagedDisks',
      'FileFaultFault',
      '33621',
      '100110',
      '100050',
      '4024',
      '120002',
      '2013',
      '0x29834',
      'CBPServerRegisteredVaultDontMatchWithCurrent',
    ])
      expect(seedCodes).toContain(expected);
    for (const code of seedCodes) {
      const holders = data.entries.filter(
        (e) =>
          SEED_ARTICLES.includes(e.article) && e.codes.some((c) => c.toLowerCase() === code.toLowerCase()),
      );
      expect({ code, holders: holders.map((e) => e.id) }).toEqual({ code, holders: [expect.any(String)] });
    }
  });

  it('makes every MABS table row, English, Korean and Dutch, one entry with all three languages', () => {
    const rowsPerSection = (file: string) => {
      const counts = new Map<string, number>();
      let section = '';
      let rowsSeen = 0;
      for (const line of read(file).split('\n')) {
        const heading = /^#+ <a name="([^"]+)">/.exec(line);
        if (heading) {
          section = heading[1]!.toLowerCase();
          rowsSeen = 0;
        } else if (line.startsWith('|') && !/^\|\s*-/.test(line)) {
          rowsSeen += 1;
          // the first table line is the header (operation | error details | workaround)
          if (rowsSeen > 1) counts.set(section, rowsSeen - 1);
        }
      }
      return counts;
    };
    const ko = rowsPerSection('mabs-troubleshoot.ko.md');
    expect(rowsPerSection('mabs-troubleshoot.nl.md')).toEqual(ko);
    expect([...ko.values()].reduce((a, b) => a + b, 0)).toBe(23);
    for (const [section, count] of ko) {
      for (let n = 1; n <= count; n++) {
        const row = entry(`${section}/${n}`);
        expect(row.kind).toBe('error');
        expect(Object.keys(row.title).sort()).toEqual(['en', 'ko', 'nl']);
        expect(Object.keys(row.message).sort()).toEqual(['en', 'ko', 'nl']);
        expect(row.sources.map((s) => s.file)).toEqual([
          'backup-azure-mabs-troubleshoot.md',
          'mabs-troubleshoot.ko.md',
          'mabs-troubleshoot.nl.md',
        ]);
        expect(row.steps.length).toBeGreaterThan(0);
        for (const step of row.steps) expect(Object.keys(step.text).sort()).toEqual(['en', 'ko', 'nl']);
      }
      expect(catalogue.get(`${section}/${count + 1}`)).toBeUndefined();
    }
  });

  it('gives every entry refs as DESIGN.md says: the id first, heading anchors lowercased, rows as <section-anchor>/<n>', () => {
    const anchors = new Set(
      seedFiles.flatMap((f) => [...read(f).matchAll(/<a name="([^"]+)">/g)].map((m) => m[1]!.toLowerCase())),
    );
    // The English originals' headings: their <a name> anchors and the ids Docs generates from the heading text.
    for (const file of ORIGINALS) {
      for (const m of read(file).matchAll(/^#{2,6} (.*)$/gm)) {
        for (const a of m[1]!.matchAll(/<a name="([^"]+)">/g)) anchors.add(a[1]!.toLowerCase());
        const text = m[1]!.replace(/<[^>]*>/g, '').replace(/\*|`/g, '');
        anchors.add(
          text
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N}\s_-]/gu, '')
            .replace(/\s/g, '-'),
        );
      }
    }
    for (const e of data.entries.filter((x) => SEED_ARTICLES.includes(x.article))) {
      expect(e.refs[0]).toBe(e.id);
      for (const ref of e.refs) {
        const [anchor, row] = ref.split('/');
        expect(anchors).toContain(anchor);
        if (row !== undefined) expect(row).toMatch(/^[1-9]\d*$/);
        expect(ref).toBe(ref.toLowerCase());
      }
      for (const source of e.sources)
        for (const a of source.anchors)
          expect(e.refs.some((r) => r === a || r.startsWith(`${a}/`))).toBe(true);
      e.steps.forEach((step, i) => expect(step.id).toBe(`${e.id}#s${i + 1}`));
    }
  });

  it('gives every seed entry the English original documents its English text, and says which it does not', () => {
    const withoutEnglish: string[] = [];
    for (const e of data.entries.filter((x) => SEED_ARTICLES.includes(x.article))) {
      if (!e.sources.some((s) => ORIGINALS.includes(s.file))) {
        withoutEnglish.push(e.id);
        continue;
      }
      const english = e.sources.find((s) => s.lang === 'en')?.anchors ?? [];
      expect(english.some((a) => e.refs.some((r) => r === a || r.startsWith(`${a}/`)))).toBe(true);
      if (e.message.ko ?? e.message.nl)
        expect({ id: e.id, en: e.message.en }).toEqual({ id: e.id, en: expect.any(String) });
      if (e.steps.length > 0)
        expect({ id: e.id, en: e.steps.some((s) => s.text.en) }).toEqual({ id: e.id, en: true });
    }
    // Sections the English original does not have: Korean-only (newer translation) or older versions only.
    expect(withoutEnglish.sort()).toEqual([
      'azure-classic-vms-may-require-additional-step-to-complete-registration',
      'backup-service-does-not-have-permission-to-delete-the-old-restore-points-due-to-resource-group-lock',
      'configure-antivirus-for-mabs-server',
      'the-backup-extension-fails-to-update-or-load',
      'the-specified-disk-configuration-is-not-supported',
      'the-vm-has-no-internet-access',
    ]);
    const e = catalogue.byErrorCode('UserErrorGuestAgentStatusUnavailable')!;
    expect(e.title.en).toBe(
      'UserErrorGuestAgentStatusUnavailable - VM agent unable to communicate with Azure Backup',
    );
    expect(e.message.en).toBe('VM Agent unable to communicate with Azure Backup');
    expect(e.steps[0]!.text.en).toMatch(/Open Azure portal > VM > Settings > Properties pane/);
    expect(e.steps[0]!.text.ko).toMatch(/Azure Portal > vm > 설정 > 속성/);
  });

  it('keeps each translation’s own newest text when the English original joins: Korean and Dutch as without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'remedy-seeds-'));
    try {
      for (const file of [...seedFiles, 'index.json']) copyFileSync(join(SOURCES, file), join(dir, file));
      const alone = Catalogue.fromJson(ingest({ sourcesDir: dir }));
      for (const before of alone.entries) {
        const after = entry(before.id);
        for (const lang of ['ko', 'nl'] as const) {
          // Links may now lead to entries of the articles ingested beside the seeds: compare link labels only.
          const texts = (e: Entry) =>
            e.steps.flatMap((s) => (s.text[lang] ? [s.text[lang].replace(/\]\([^)]*\)/g, '](link)')] : []));
          expect({ id: before.id, lang, steps: texts(after) }).toEqual({
            id: before.id,
            lang,
            steps: texts(before),
          });
          expect({ id: before.id, message: after.message[lang] }).toEqual({
            id: before.id,
            message: before.message[lang],
          });
        }
        expect(after.refs).toEqual(expect.arrayContaining(before.refs));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the 6 numbered steps of the Windows agent cause in order', () => {
    const cause = entry('the-agent-installed-in-the-vm-but-unresponsive-for-windows-vms');
    expect(cause.kind).toBe('cause');
    expect(cause.refs).toContain('the-agent-is-installed-in-the-vm-but-its-unresponsive-for-windows-vms');
    const lines = read('vm-agent-extension-troubleshoot.ko.2020.md').split('\n');
    const start = lines.findIndex((l) =>
      l.includes('name="the-agent-installed-in-the-vm-but-unresponsive-for-windows-vms"'),
    );
    const numbered = lines
      .slice(start)
      .filter((l) => /^\d\. /.test(l))
      .slice(0, 6)
      .map((l) =>
        l
          .replace(/^\d\. /, '')
          .replace(/\*\*|\[|\]\([^)]*\)/g, '')
          .slice(0, 20),
      );
    expect(cause.steps).toHaveLength(6);
    cause.steps.forEach((step, i) =>
      expect(step.text.ko!.replace(/\*\*|\[|\]\([^)]*\)/g, '').slice(0, 20)).toBe(numbered[i]),
    );
  });

  it('gives UserErrorGuestAgentStatusUnavailable its restart steps and links to both agent cause entries', () => {
    const e = catalogue.byErrorCode('UserErrorGuestAgentStatusUnavailable')!;
    expect(e.refs).toEqual(
      expect.arrayContaining([
        'usererrorguestagentstatusunavailable---vm-agent-unable-to-communicate-with-azure-backup',
        'vm-agent-unable-to-communicate-with-azure-backup',
      ]),
    );
    const text = allText(e).join('\n');
    expect(text).toMatch(/에이전트를 다시 시작/);
    expect(text).toContain('(entry:the-agent-installed-in-the-vm-but-unresponsive-for-windows-vms)');
    expect(text).toContain('(entry:the-agent-installed-in-the-vm-is-out-of-date-for-linux-vms)');
    expect(e.causes).toEqual([
      'the-agent-installed-in-the-vm-but-unresponsive-for-windows-vms',
      'the-agent-installed-in-the-vm-is-out-of-date-for-linux-vms',
    ]);
    expect(e.versions).toEqual(['2018-01-18', '2019-04-30', '2020-08-31', '2025-11-12']);
  });

  it('gives invalid-vault-credentials-provided/1 five alternatives and the certificate sub-steps a–d in both languages', () => {
    const e = entry('invalid-vault-credentials-provided/1');
    expect(e.steps).toHaveLength(6);
    expect(e.steps.map((s) => s.alternative)).toEqual([false, true, true, true, true, true]);
    const certificate = e.steps.find((s) => s.substeps.length > 0)!;
    expect(certificate.text.ko).toContain('인증서');
    expect(certificate.substeps).toHaveLength(4);
    expect(certificate.substeps[2]!.ko).toContain('Microsoft Azure Tools');
    expect(certificate.substeps[2]!.nl).toContain('Windows Azure Tools');
    expect(certificate.substeps[3]!.ko).toContain('등록을 다시 시도');
  });

  it('merges the agent article versions: older code spellings, messages and headings are kept', () => {
    const managed = catalogue.byErrorCode('ExtentionOperationFailedForManagedDisks')!;
    expect(managed).toBe(catalogue.byErrorCode('ExtensionOperationFailedForManagedDisks'));
    expect(managed.refs).toContain('vmsnapshot-extension-operation-failed');
    const disk = catalogue.byErrorCode('UserErrorUnsupportedDiskSize')!;
    expect(disk.aliases.map((a) => a.text).join('\n')).toContain('4095GB');
    expect(catalogue.byErrorCode('BackUpOperationFailed')).toBe(
      catalogue.byErrorCode('BackUpOperationFailedV2'),
    );
    expect(catalogue.byErrorCode('BackUpOperationFailed')!.refs).toContain(
      'backup-failed-with-an-internal-error---please-retry-the-operation-in-a-few-minutes',
    );
    expect(catalogue.byErrorCode('ExtensionSnapshotFailedNoNetwork')!.refs).toContain(
      'snapshot-operation-failed-due-to-no-network-connectivity-on-the-virtual-machine',
    );
    expect(catalogue.byErrorCode('GuestAgentSnapshotTaskStatusError')!.refs).toContain(
      'unable-to-perform-the-operation-as-the-vm-agent-is-not-responsive',
    );
  });

  it('keeps body text that only an older version has, for matching, without showing it as steps', () => {
    const extension = entry('the-backup-extension-fails-to-update-or-load');
    const former = (extension.formerText ?? []).map((t) => t.text).join('\n');
    // The 2018 article's Windows-guest advice (iaasvmprovider service) was dropped from the 2019 version.
    expect(read('vm-agent-extension-troubleshoot.ko.2018.md')).toContain('iaasvmprovider');
    expect(former).toContain('iaasvmprovider');
    expect(allText(extension).join('\n')).not.toContain('iaasvmprovider');
    // Text the newest version still has is not repeated.
    const current = new Set(allText(extension).map((t) => t.replace(/\s+/g, ' ').trim()));
    for (const item of extension.formerText ?? []) expect(current.has(item.text)).toBe(false);
  });

  it('keeps sections only older versions have, marked with their versions', () => {
    expect(entry('the-vm-has-no-internet-access').versions).toEqual(['2018-01-18', '2019-04-30']);
    expect(entry('azure-classic-vms-may-require-additional-step-to-complete-registration').versions).toEqual([
      '2018-01-18',
    ]);
    expect(
      entry('azure-classic-vms-may-require-additional-step-to-complete-registration').steps,
    ).toHaveLength(5);
  });

  it('has the step-by-step guide (steps 1–4) as one guide entry and the CBPSourceSnapshotFailed* common issues as entries', () => {
    const guide = entry('step-by-step-guide-to-troubleshoot-backup-failures');
    expect(guide.kind).toBe('guide');
    expect(guide.steps).toHaveLength(4);
    for (const code of [
      'CBPSourceSnapshotFailedReplicaMissingOrInvalid',
      'CBPSourceSnapshotFailedReplicaMetadataInvalid',
      'CBPSourceSnapshotFailedReplicaInconsistent',
      'CBPSourceSnapshotFailedReplicaCloningIssue',
    ]) {
      const e = catalogue.byErrorCode(code)!;
      expect(e.id).toBe(code.toLowerCase());
      expect(Object.keys(e.message).sort()).toEqual(['en', 'ko', 'nl']);
    }
    expect(catalogue.byErrorCode('CBPSourceSnapshotFailedReplicaMissingOrInvalid')!.steps).toHaveLength(3);
  });

  it('resolves links: in-article anchors to existing entries, relative links to learn.microsoft.com, images dropped', () => {
    const texts = data.entries.flatMap(allText);
    const links = texts.flatMap((t) => [...t.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!));
    expect(links.length).toBeGreaterThan(50);
    for (const link of links) {
      expect(link).toMatch(/^(https:\/\/|entry:)/);
      if (link.startsWith('entry:')) expect(catalogue.get(link.slice('entry:'.length))).toBeDefined();
    }
    expect(texts.join('\n')).not.toMatch(/!\[|\.png|entry-anchor:|\.md[#)]/);
    expect(links).toContain(
      'https://learn.microsoft.com/azure/virtual-machines/states-lifecycle#provisioning-states',
    );
    expect(links).toContain('https://learn.microsoft.com/system-center/dpm/back-up-sql-server');
  });

  it('keeps notes in descriptions', () => {
    expect(catalogue.byErrorCode('UserErrorRpCollectionLimitReached')!.description.ko).toMatch(
      /\*\*NOTE:\*\* .*AzureBackupRG_/,
    );
  });

  it('repairs the Dutch mis-encoded characters', () => {
    const dutch = JSON.stringify(
      data.entries.map((e) => [e.title.nl, e.message.nl, e.description.nl, e.steps.map((s) => s.text.nl)]),
    );
    expect(dutch).not.toMatch(/[誰旦辿]/);
    expect(dutch).toContain('geïnstalleerd');
    expect(dutch).toContain('coördinatorservice');
    expect(dutch).toContain('één');
  });

  it('derives English titles from anchors with product words and acronyms spelled right', () => {
    for (const e of data.entries)
      expect(e.title.en).not.toMatch(/\b(vm|vms|dpm|mabs|bmr|sql|vmware|azure)\b/);
    expect(entry('online-recovery-point-creation-jobs-for-vmware-vm-fail/1').title.en).toBe(
      'Online recovery point creation jobs for VMware VM fail',
    );
    expect(catalogue.byErrorCode('UserErrorGuestAgentStatusUnavailable')!.title.en).toBe(
      'UserErrorGuestAgentStatusUnavailable - VM agent unable to communicate with Azure Backup',
    );
    expect(
      entry('the-original-and-external-dpm-servers-must-be-registered-to-the-same-vault/1').title.en,
    ).toBe('The original and external DPM servers must be registered to the same vault');
  });

  it('reads each source’s language and version from its front matter into sources and versions', () => {
    expect(data.articles.map((a) => a.id).slice(0, 2)).toEqual([
      'mabs-troubleshoot',
      'vm-agent-extension-troubleshoot',
    ]);
    const mabs = data.articles[0]!;
    expect(mabs.sources.map((s) => [s.file, s.lang, s.version])).toEqual([
      ['backup-azure-mabs-troubleshoot.md', 'en', '2019-07-05'],
      ['mabs-troubleshoot.ko.md', 'ko', '2021-03-29'],
      ['mabs-troubleshoot.nl.md', 'nl', '2021-04-15'],
    ]);
    const row = entry('registration-and-agent-related-issues/2');
    expect(row.codes).toEqual(['100050']);
    expect(row.sources.map((s) => s.line)).toEqual([74, 112, 112]);
    expect(row.url).toBe(
      'https://learn.microsoft.com/en-us/azure/backup/backup-azure-mabs-troubleshoot#registration-and-agent-related-issues',
    );
    expect(row.urls).toEqual({
      en: 'https://learn.microsoft.com/en-us/azure/backup/backup-azure-mabs-troubleshoot#registration-and-agent-related-issues',
      ko: 'https://learn.microsoft.com/ko-kr/azure/backup/backup-azure-mabs-troubleshoot#registration-and-agent-related-issues',
      nl: 'https://learn.microsoft.com/nl-nl/azure/backup/backup-azure-mabs-troubleshoot#registration-and-agent-related-issues',
    });
  });
});
