/**
 * Fixture articles (test/fixtures/articles/structures) holding every structure the ingester reads, written as
 * Docs publishes them: an English original with no anchors and no index record, its Korean translation (same
 * file stem, anchors = the English heading ids), and a second article it links to.
 */
import { join } from 'node:path';
import {
  Catalogue,
  displayLanguage,
  entryLanguages,
  entryUrl,
  langOfLocale,
  stepsIn,
} from '../../src/core/catalogue/catalogue';
import type { CatalogueData } from '../../src/core/catalogue/schema';
import { ingest } from '../../src/knowledge/ingest';
import { formatSummary, summarizeCatalogue } from '../../src/knowledge/summary';

const SOURCES = join(__dirname, '../fixtures/articles/structures');
let data: CatalogueData;
let c: Catalogue;
beforeAll(() => {
  data = ingest({ sourcesDir: SOURCES });
  c = Catalogue.fromJson(data);
});
const byCode = (code: string) => {
  const entry = c.byErrorCode(code);
  if (!entry) throw new Error(`no entry for ${code}`);
  return entry;
};

describe('structures of one article', () => {
  it('reads "## CODE - message" with a quoted "Error code:" line, its message, note and numbered steps', () => {
    const e = byCode('UserErrorAlpha');
    expect(e.id).toBe('usererroralpha---the-alpha-operation-failed');
    expect(e.title.en).toBe('UserErrorAlpha - The alpha operation failed');
    expect(e.message).toEqual({ en: 'The alpha operation failed.', ko: '알파 작업이 실패했습니다.' });
    expect(e.description.en).toBe('**NOTE:** Alpha failures are rare.');
    expect(e.steps.map((s) => s.kind)).toEqual(['check', 'fix', 'diagnostic']);
    expect(e.steps[0]?.fixStep).toBe(e.steps[1]?.id);
  });

  it('reads a ### CODE heading over an error | possible causes | recommended action table as that error', () => {
    const e = byCode('UserErrorBeta');
    expect(e.id).toBe('usererrorbeta');
    expect(e.message.en).toBe('The beta resource does not exist.');
    expect(e.description.en).toBe('**Cause:** The resource was deleted.');
    expect(e.steps.map((s) => s.text.en)).toEqual(['Re-create the resource.']);
  });

  it('reads numeric codes leading a heading and several Error code/Error message pairs in one paragraph', () => {
    const e = byCode('410002');
    expect(e.codes).toEqual(['410001', 'ResourceGone', '410002', 'ResourceMoved']);
    expect(e.message.en).toBe('The resource is gone.');
    expect(e.aliases.map((a) => a.text)).toContain('The resource moved.');
  });

  it('reads a vertical key/value table (| **Error message** | … |)', () => {
    const e = byCode('UserErrorGamma');
    expect(e.message.en).toBe('The gamma check failed.');
    expect(e.description.en).toBe('**Cause:** The gamma setting is off.');
    expect(e.steps.map((s) => s.text.en)).toEqual(['Turn the gamma setting on.']);
  });

  it('reads a code block after "Error message:" as the message, its ID as a code, Cause/Resolution lines', () => {
    const e = byCode('UserErrorDeltaLog');
    expect(e.message.en).toBe('Delta log could not be written (ID: 77881)');
    expect(e.codes).toContain('77881');
    expect(e.description.en).toBe('**Cause**: The log volume is full.');
    expect(e.steps.map((s) => s.text.en)).toEqual(['Free space on the log volume.']);
  });

  it('reads one entry per row of an error details | workaround table, text after </ul> kept, "None" no step', () => {
    const first = byCode('12345');
    expect(first.message.en).toBe('The restore point was not found (ID: 12345).');
    expect(first.steps.filter((s) => s.text.en).map((s) => s.text.en)).toEqual([
      'Choose another restore point.',
      'Then retry the restore.',
    ]);
    const disk = data.entries.find((e) => e.message.en?.startsWith('The target disk is too small'));
    // The instruction printed with the error is its step when the workaround column says "None".
    expect(disk?.steps.map((s) => s.text.en)).toEqual(['Choose a larger disk.']);
  });

  it('reads "#### Error code: X" and "### X:" headings, Possible cause / Recommended action labels', () => {
    const zeta = byCode('UserErrorZeta');
    expect(zeta.kind).toBe('error');
    expect(zeta.description.en).toBe('**Possible Cause:** The zeta identity is disabled.');
    expect(zeta.steps.map((s) => s.text.en)).toEqual(['Enable the zeta identity and retry.']);
    const eta = byCode('UserErrorEta');
    expect(eta.id).toBe('usererroreta');
    expect(eta.message).toEqual({});
    expect(eta.steps.map((s) => s.text.en)).toEqual(['Reinstall the eta extension.']);
  });

  it('reads a "Scenario" section: the message from an indented code block, a bare Cause label, numbered steps', () => {
    const e = c.require('scenario-1');
    expect(e.kind).toBe('error');
    expect(e.message.en).toBe(
      '{Helm installation for release [theta] failed: timed out waiting for the condition}',
    );
    expect(e.description.en).toContain("The pods can't start because the nodes lack memory.");
    expect(e.steps.map((s) => s.text.en)).toEqual(['Open the cluster.', 'Select **Scale node pool**.']);
  });

  it('reads vertical tables with and without pipes at the line ends, labels bold or not, messages in code spans', () => {
    const iota = byCode('UserErrorIotaRoleMissing');
    expect(iota.message.en).toBe('The backup user does not have the required role');
    expect(iota.description.en).toBe('**Cause:** The role was removed.');
    expect(iota.steps.map((s) => s.text.en)).toEqual(['Assign the role to the backup user again.']);
  });

  it('gives a code heading without content of its own to the code heading after it', () => {
    const kappa = byCode('UserErrorKappaScriptNotRun');
    expect(kappa).toBe(byCode('UserErrorKappaPreregistrationNotRun'));
    expect(kappa.message.en).toBe('Pre-registration script not run.');
    expect(kappa.refs).toEqual(['usererrorkappapreregistrationnotrun', 'usererrorkappascriptnotrun']);
  });

  it('reads a code heading split by a space as the code the article names', () => {
    const lambda = byCode('OperationCancelledBecauseLambdaRunningUserError');
    expect(lambda.message.en).toBe('Lambda operation in progress.');
  });

  it('reads "CODE- message" headings, codes joined by "/ ", and a code among other words after the label', () => {
    expect(byCode('MuShareNotFound').message.en).toBe("Operation failed as the file share isn't found");
    const throttled = byCode('NuBackupFailedWithThrottling');
    expect(throttled.codes).toEqual(['NuBackupFailedWithThrottling', 'NuRestoreFailedWithThrottling']);
    expect(byCode('XiPreRestoreFailed').message.en).toBe('Pre restore operations failed.');
  });

  it('reads codes named in prose after "error codes:", each in bold or as one bold list', () => {
    expect(byCode('OmicronNotReachable').id).toBe('configure-backup-fails');
    expect(byCode('OmicronNotInstalled').id).toBe('configure-backup-fails');
  });

  it('reads an error | cause | resolution table whose error cells open with the code', () => {
    const pi = byCode('UserErrorPiPolicyInvalid');
    expect(pi.id).toBe('policy-errors/1');
    expect(pi.description.en).toBe('**Cause:** The policy is invalid.');
    expect(byCode('UserErrorRhoPolicyMissing').steps.map((s) => s.text.en)).toEqual([
      'Create the policy again.',
    ]);
  });

  it('finds a hex code in a table inside a list item', () => {
    expect(byCode('0x8007000E').id).toBe('backup-jobs-completed-with-warning');
  });

  it('drops :::image and other directives, INCLUDEs and the screenshot descriptions', () => {
    const text = JSON.stringify(data.entries);
    expect(text).not.toMatch(/:::|INCLUDE|media\/|long description of the screenshot/);
  });

  it('decides kinds from structure: a how-to is a guide even when its anchor says "configure"; a failure is an error', () => {
    expect(c.get('configure-the-vault')?.kind).toBe('guide');
    expect(c.get('configure-backup-fails')?.kind).toBe('error');
    expect(c.get('before-you-start')?.kind).toBe('guide');
    expect(c.get('before-you-start')?.steps.map((s) => s.kind)).toEqual(['check', 'check']);
  });

  it('makes no entry of Next steps or Related content, and none of a container without content of its own', () => {
    const refs = data.entries.flatMap((e) => e.refs);
    expect(refs).not.toContain('next-steps');
    expect(refs).not.toContain('related-content');
    expect(refs).not.toContain('common-errors');
  });
});

describe('many articles, one catalogue', () => {
  it('resolves a link to another ingested article to its entry, and to a section that is no entry to a URL', () => {
    const e = c.get('configure-backup-fails');
    expect(e?.description.en).toContain('[the other article](entry:usererrorepsilon---epsilon-failed)');
    expect(e?.description.en).toContain(
      '[a section that is no entry](https://learn.microsoft.com/azure/backup/backup-other-troubleshoot#more-reading)',
    );
  });

  it('keeps ids unique: of two articles with "Basic troubleshooting", the second (by id) gets a qualified id', () => {
    const ids = data.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(c.get('basic-troubleshooting')?.article).toBe('backup-other-troubleshoot');
    expect(c.get('backup-structures-troubleshoot:basic-troubleshooting')?.article).toBe(
      'backup-structures-troubleshoot',
    );
  });
});

describe('a translation with other rows and fewer steps', () => {
  it('joins the Korean file to the English original by its file name, as one article', () => {
    const article = data.articles.find((a) => a.id === 'backup-structures-troubleshoot');
    expect(article?.sources.map((s) => [s.file, s.lang, s.version])).toEqual([
      ['backup-structures-troubleshoot.ko.md', 'ko', '2024-05-01'],
      ['backup-structures-troubleshoot.md', 'en', '2024-03-04'],
    ]);
    expect(article?.urls).toEqual({
      ko: 'https://learn.microsoft.com/ko-kr/azure/backup/backup-structures-troubleshoot',
      en: 'https://learn.microsoft.com/en-us/azure/backup/backup-structures-troubleshoot',
    });
  });

  it('joins rows that document the same error (by code, by shared numbers), whatever their order', () => {
    const restored = byCode('12345');
    expect(Object.keys(restored.message).sort()).toEqual(['en', 'ko']);
    const disk = data.entries.find((e) => e.message.en?.startsWith('The target disk is too small'));
    expect(disk?.message.ko).toMatch(/^대상 디스크가 너무 작습니다/);
  });

  it('keeps a row without counterpart as its own entry, and the summary says so', () => {
    const locked = byCode('99999');
    expect(entryLanguages(locked)).toEqual(['ko']);
    expect(formatSummary(summarizeCatalogue(data))).toMatch(
      /ko 2024-05-01 backup-structures-troubleshoot\.ko\.md: 5 entries, 3 joined with another language \(2 table rows\), without counterpart: 2 \(korean-only-section, restore-errors\/3\)/,
    );
  });

  it('aligns steps of different lists by what they do: the step only English has keeps its own id', () => {
    const e = byCode('UserErrorAlpha');
    expect(e.steps.map((s) => Object.keys(s.text).sort().join('+'))).toEqual(['en+ko', 'en', 'en+ko']);
    expect(stepsIn(e, 'ko').map((s) => s.id)).toEqual([e.steps[0]?.id, e.steps[2]?.id]);
    expect(stepsIn(e, 'en')).toHaveLength(3);
    expect(c.planSteps(e, 'ko')).toHaveLength(2);
  });

  it('chooses the language to show: the reader’s, else English, else what exists — and links that language', () => {
    const e = byCode('UserErrorAlpha');
    expect(langOfLocale('ko-KR')).toBe('ko');
    expect(langOfLocale('de-DE')).toBeUndefined();
    expect(displayLanguage(e, 'ko')).toBe('ko');
    expect(displayLanguage(e, 'nl')).toBe('en');
    expect(entryUrl(e, 'ko')).toBe(
      'https://learn.microsoft.com/ko-kr/azure/backup/backup-structures-troubleshoot#usererroralpha---the-alpha-operation-failed',
    );
    expect(entryUrl(e, 'nl')).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\//);
    const koreanOnly = c.require('korean-only-section');
    expect(entryLanguages(koreanOnly)).toEqual(['ko']);
    expect(displayLanguage(koreanOnly, 'en')).toBe('ko');
    expect(entryUrl(koreanOnly, 'en')).toMatch(/^https:\/\/learn\.microsoft\.com\/ko-kr\//);
  });
});
