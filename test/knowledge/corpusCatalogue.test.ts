/**
 * The English Microsoft Docs articles in knowledge/sources, ingested exactly as published (byte-identical to the
 * shared corpus). For each article: the error codes it documents — listed here by reading the article — are
 * each in exactly one entry of that article, an error entry with the article's English text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalogue } from '../../src/core/catalogue/catalogue';
import type { CatalogueData, Entry } from '../../src/core/catalogue/schema';
import { ingest } from '../../src/knowledge/ingest';

const SOURCES = join(__dirname, '../../knowledge/sources');

const DOCUMENTED: Record<string, { article: string; codes: string[] }> = {
  'backup-azure-mabs-troubleshoot.md': {
    article: 'mabs-troubleshoot',
    codes: [
      'CBPServerRegisteredVaultDontMatchWithCurrent',
      '100110',
      'FileFaultFault',
      '33621',
      '100050',
      '4024',
      '0x29834',
      '120002',
      '2013',
      'CBPSourceSnapshotFailedReplicaMissingOrInvalid',
      'CBPSourceSnapshotFailedReplicaMetadataInvalid',
      'CBPSourceSnapshotFailedReplicaInconsistent',
      'CBPSourceSnapshotFailedReplicaCloningIssue',
    ],
  },
  'backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout.md': {
    article: 'vm-agent-extension-troubleshoot',
    codes: [
      'UserErrorGuestAgentStatusUnavailable',
      'GuestAgentSnapshotTaskStatusError',
      'UserErrorVmProvisioningStateFailed',
      'UserErrorRpCollectionLimitReached',
      'UserErrorKeyvaultPermissionsNotConfigured',
      'ExtensionSnapshotFailedNoNetwork',
      'ExtensionOperationFailedForManagedDisks',
      'BackUpOperationFailed',
      'BackUpOperationFailedV2',
      'UserErrorUnsupportedDiskSize',
      'UserErrorBackupOperationInProgress',
      'UserErrorCrpReportedUserError',
      'UserErrorBcmDatasourceNotPresent',
    ],
  },
  'backup-azure-vms-troubleshoot.md': {
    article: 'backup-azure-vms-troubleshoot',
    codes: [
      'VMRestorePointInternalError',
      'CopyingVHDsFromBackUpVaultTakingLongTime',
      'UserErrorVmNotInDesirableState',
      'UserErrorFsFreezeFailed',
      'ExtensionSnapshotFailedCOM',
      'ExtensionInstallationFailedCOM',
      'ExtensionInstallationFailedMDTC',
      'ExtensionFailedVssWriterInBadState',
      'ExtensionFailedVssServiceInBadState',
      'UserErrorSkuNotAvailable',
      'UserErrorMarketPlaceVMNotSupported',
      'ExtensionConfigParsingFailure',
      'ExtensionStuckInDeletionState',
      'ExtensionFailedSnapshotLimitReachedError',
      'ExtensionFailedTimeoutVMNetworkUnresponsive',
      '320001',
      'ResourceNotFound',
      '400094',
      'BCMV2VMNotFound',
      'UserErrorBCMPremiumStorageQuotaError',
      '380008',
      'AzureVmOffline',
      'ExtensionSnapshotBitlockerError',
      'VmNotInDesirableState',
      'ExtensionSnapshotFailedNoSecureNetwork',
      'ExtensionVCRedistInstallationFailure',
      'UserErrorRequestDisallowedByPolicy',
      'UserErrorUnableToOpenMount',
      'UserErrorInstantRpNotFound',
      'UserErrorMigrationFromTrustedLaunchVMToNonTrustedVMNotAllowed',
      'UserErrorCrossSubscriptionRestoreNotSupportedForOLR',
      'UserErrorCrossSubscriptionRestoreNotSupportedForUnManagedAzureVM',
      'UserErrorCrossSubscriptionRestoreNotSupportedForCRR',
      'UserErrorCrossSubscriptionRestoreNotSupportedFromSnapshot',
      'UserErrorCrossSubscriptionRestoreInvalidTenant',
      'UserErrorCrossSubscriptionRestoreInvalidTargetSubscription',
      'UserErrorCrossSubscriptionRestoreNotSupportedForEncryptedAzureVM',
      'UserErrorCrossSubscriptionRestoreNotSupportedForTrustedLaunchAzureVM',
      'BackUpOperationFailedV2',
    ],
  },
  'backup-azure-mars-troubleshoot.md': {
    article: 'backup-azure-mars-troubleshoot',
    codes: [
      '34513',
      '403',
      '100050',
      '100110',
      '0x1FC07',
      '34506',
      '0x80070570',
      '0x80070002',
      '0x80070003',
      '0x80070005',
      '0x8007018b',
      '230006',
      'SalChecksumStoreInitializationFailed',
      'SalVhdInitializationError',
      'SalLowDiskSpace',
      'SalBitmapError',
    ],
  },
  'backup-sql-server-azure-troubleshoot.md': {
    article: 'backup-sql-server-azure-troubleshoot',
    codes: [
      'UserErrorSQLNoSysadminMembership',
      'UserErrorSQLPODoesNotSupportBackupType',
      'UserErrorSQLPODoesNotExist',
      'UserErrorSQLLSNValidationFailure',
      'UserErrorOpeningSQLConnection',
      'UserErrorParentFullBackupMissing',
      'UserErrorBackupFailedAsTransactionLogIsFull',
      'UserErrorCannotRestoreExistingDBWithoutForceOverwrite',
      'UserErrorRestoreFailedDatabaseCannotBeOfflined',
      'UserErrorCannotFindServerCertificateWithThumbprint',
      'UserErrorRestoreNotPossibleBecauseLogBackupContainsBulkLoggedChanges',
      'FabricSvcBackupPreferenceCheckFailedUserError',
      'VMNotInRunningStateUserError',
      'GuestAgentStatusUnavailableUserError',
      'AutoProtectionCancelledOrNotValid',
      'CloudDosAbsoluteLimitReached',
      'CloudDosAbsoluteLimitReachedWithRetry',
      'UserErrorVMInternetConnectivityIssue',
      'WorkloadExtensionNotReachable',
      'UserErrorWorkloadExtensionNotInstalled',
      'WorkloadExtensionNotPresent',
      'WorkloadExtensionDidntDequeueMsg',
    ],
  },
};

let data: CatalogueData;
let catalogue: Catalogue;
beforeAll(() => {
  data = ingest({ sourcesDir: SOURCES });
  catalogue = Catalogue.fromJson(data);
});

const textOf = (e: Entry): string => JSON.stringify([e.title, e.message, e.description, e.steps]);

describe.each(Object.entries(DOCUMENTED))('%s', (file, { article, codes }) => {
  it('is in knowledge/sources exactly as published', () => {
    const shared = join(__dirname, '../../../shared/corpus', file);
    let published: Buffer | undefined;
    try {
      published = readFileSync(shared);
    } catch {
      published = undefined; // the shared corpus is not mounted (e.g. in CI): the committed copy is the reference
    }
    if (published) expect(readFileSync(join(SOURCES, file)).equals(published)).toBe(true);
  });

  it('has each documented error code in exactly one entry of its article, with the English text', () => {
    const entries = data.entries.filter((e) => e.article === article);
    for (const code of codes) {
      const holders = entries.filter((e) => e.codes.some((c) => c.toLowerCase() === code.toLowerCase()));
      expect({ code, holders: holders.length }).toEqual({ code, holders: 1 });
      const [entry] = holders;
      expect({ code, kind: entry?.kind }).toEqual({ code, kind: 'error' });
      expect(entry?.sources.some((s) => s.file === file)).toBe(true);
      expect(entry?.title.en).toBeTruthy();
      expect(entry?.urls.en).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\/azure\/backup\/[a-z0-9-]+#.+/);
    }
  });

  it('reads no other code-shaped text as a code, and leaks no Docs markup', () => {
    const entries = data.entries.filter(
      (e) => e.article === article && e.sources.some((s) => s.file === file),
    );
    const found = new Set(entries.flatMap((e) => e.codes.map((c) => c.toLowerCase())));
    const expected = new Set(codes.map((c) => c.toLowerCase()));
    // Other codes may only come from the translations of the same article (older spellings, Korean-only sections).
    const extra = [...found].filter((c) => !expected.has(c));
    for (const code of extra) {
      const holder = entries.find((e) => e.codes.some((c) => c.toLowerCase() === code));
      expect({ code, english: holder?.sources.every((s) => s.lang === 'en') }).not.toEqual({
        code,
        english: true,
      });
    }
    for (const e of entries)
      expect(textOf(e)).not.toMatch(/:::|\[!INCLUDE|\[!div|\.png\b|entry-anchor:|<\/?(ul|ol|li|br)\b/i);
  });

  it('makes no entry of "Next steps" or "Related content"', () => {
    const entries = data.entries.filter((e) => e.article === article);
    expect(entries.filter((e) => e.refs.some((r) => /^(next-steps|related-content)$/.test(r)))).toEqual([]);
  });
});

describe('the corpus structures', () => {
  it('reads a vertical list of "Error code: / Error message:" lines per code, numeric IDs leading codes', () => {
    const e = catalogue.byErrorCode('320001')!;
    expect(e.codes).toEqual(['320001', 'ResourceNotFound', '400094', 'BCMV2VMNotFound']);
    expect(e.message.en).toBe('Could not perform the operation as VM no longer exists.');
    expect(e.aliases.map((a) => a.text)).toContain("The virtual machine doesn't exist");
  });

  it('reads error | possible causes | recommended action tables under a ### CODE heading as that error', () => {
    const e = catalogue.byErrorCode('UserErrorSQLPODoesNotExist')!;
    expect(e.id).toBe('usererrorsqlpodoesnotexist');
    expect(e.message.en).toBe('SQL database does not exist.');
    expect(e.description.en).toContain('**Cause:** The database was either deleted or renamed.');
    expect(e.steps[0]!.text.en).toMatch(/^Check if the database was accidentally deleted or renamed/);
  });

  it('reads a table with one error per row (error details | workaround) as one entry per row', () => {
    const jobs = data.entries.filter((e) => /^jobs\/\d+$/.test(e.id));
    expect(jobs.map((e) => e.message.en)).toEqual([
      "Cancellation isn't supported for this job type: Wait until the job finishes.",
      expect.stringMatching(/^The job isn't in a cancelable state/),
      expect.stringMatching(/^Backup can't cancel the job because it isn't in progress/),
      'Backup failed to cancel the job: Wait until the job finishes.',
    ]);
    const unreachable = data.entries.filter((e) =>
      e.id.startsWith(
        'the-microsoft-azure-recovery-service-agent-was-unable-to-connect-to-microsoft-azure-backup/',
      ),
    );
    expect(unreachable.map((e) => e.codes)).toEqual([['100050'], []]);
    expect(unreachable[0]!.aliases.map((a) => a.text)).toContain('(407) Proxy Authentication Required.');
  });

  it('finds hex codes in a table inside a list, IDs inside messages, and codes named in prose', () => {
    const warning = catalogue.byErrorCode('0x80070570')!;
    expect(warning.id).toBe('backup-jobs-completed-with-warning');
    expect(warning.codes).toEqual(['0x80070570', '0x80070002', '0x80070003', '0x80070005', '0x8007018b']);
    expect(catalogue.byErrorCode('34513')!.id).toBe('invalid-vault-credentials-provided');
    expect(catalogue.byErrorCode('UserErrorSQLNoSysadminMembership')!.id).toBe('sql-server-permissions');
    expect(catalogue.byErrorCode('0x409')).toBeUndefined();
  });

  it('takes "**Step N:**" paragraphs as the steps of a section, in order', () => {
    const e = catalogue.byErrorCode('ExtensionFailedVssWriterInBadState')!;
    expect(e.steps.map((s) => s.text.en!.slice(0, 11))).toEqual([
      '**Step 1:**',
      '**Step 2:**',
      '**Step 3:**',
      '**Step 4:**',
    ]);
    expect(e.steps.every((s) => !s.alternative)).toBe(true);
  });

  it('gives a step that introduces commands ("Run these commands …:") the code block written after it', () => {
    // MARS "Backups don't run according to schedule": the fence sits at the left margin after the bullet.
    const e = catalogue.get('backups-dont-run-according-to-schedule')!;
    const step = e.steps.find((s) => s.text.en!.includes('Run these commands'))!;
    expect(step.text.en).toContain('Get-ExecutionPolicy -List');
    expect(e.description?.en).not.toContain('Get-ExecutionPolicy');
  });

  it('gives a paragraph step that introduces a code block ("You can use this SQL query:") the code block', () => {
    // SQL "Size limit for files": each query or JSON sample follows the sentence that introduces it.
    const e = catalogue.get('size-limit-for-files')!;
    const step = e.steps.find((s) => s.text.en!.includes('You can use this SQL query:'))!;
    expect(step.text.en).toMatch(/You can use this SQL query:\n```[\s\S]*SELECT mf\.name/);
    expect(e.description?.en ?? '').not.toContain('SELECT');
  });

  it('folds a code documented twice in one article into one entry that both headings lead to', () => {
    const e = catalogue.byErrorCode('UserErrorCrossSubscriptionRestoreInvalidTargetSubscription')!;
    expect(e.refs).toEqual([
      'usererrorcrosssubscriptionrestoreinvalidtargetsubscription',
      'usererrorcrosssubscriptionrestoreinvalidtargetsubscription-1',
    ]);
  });

  it('keeps entry ids unique across articles, qualifying a generic anchor another article already has', () => {
    const ids = data.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(catalogue.get('basic-troubleshooting')!.article).toBe('mabs-troubleshoot');
    expect(catalogue.get('backup-azure-vms-troubleshoot:basic-troubleshooting')!.article).toBe(
      'backup-azure-vms-troubleshoot',
    );
  });

  it('resolves links between ingested articles to entries, others to learn.microsoft.com', () => {
    const basic = catalogue.get('basic-troubleshooting')!;
    // MABS links to the MARS article's section about the agent unable to connect (now ingested).
    expect(basic.steps[1]!.text.en).toContain(
      '(entry:the-microsoft-azure-recovery-service-agent-was-unable-to-connect-to-microsoft-azure-backup/1)',
    );
    const links = data.entries.flatMap((e) => [...textOf(e).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!));
    for (const link of links) {
      if (link.startsWith('entry:')) expect(catalogue.get(link.slice('entry:'.length))).toBeDefined();
      else expect(link).toMatch(/^https?:\/\//);
    }
  });

  it('decides kinds from structure: how-to sections are guides, the step-by-step guide one guide', () => {
    expect(catalogue.get('increase-shadow-copy-storage')!.kind).toBe('guide');
    expect(catalogue.get('step-by-step-guide-to-troubleshoot-backup-failures')!.kind).toBe('guide');
    expect(catalogue.get('validate-vm-agent-installation')!.kind).toBe('guide');
    expect(catalogue.get('the-agent-installed-in-the-vm-is-out-of-date-for-linux-vms')!.kind).toBe('cause');
  });
});
