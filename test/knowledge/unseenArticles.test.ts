/**
 * Real Microsoft Docs Azure Backup troubleshooting articles the ingester was not built on
 * (test/fixtures/unseen-articles, unedited; sources in its README). Each is dropped into a copy of
 * knowledge/sources, as an operator would, and must ingest: every error code it documents — listed here by
 * reading the article, not from the ingester's output — is in exactly one error entry of that article, with
 * no Docs markup leaking and no "Next steps" / "Related content" entry. All of them together ingest too.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogueData, Entry } from '../../src/core/catalogue/schema';
import { ingest } from '../../src/knowledge/ingest';

const SOURCES = join(__dirname, '../../knowledge/sources');
const UNSEEN = join(__dirname, '../fixtures/unseen-articles');

interface Documented {
  /** The error codes an engineer would paste, as the article prints them. */
  codes: string[];
  /** Error messages documented without a code (a table of messages): each one an error entry. */
  messages?: string[];
  /** A code the article documents under several sections, told apart by another code: how many entries. */
  shared?: Record<string, number>;
}

const DOCUMENTED: Record<string, Documented> = {
  // "### CODE" headings over "**Error code**: `CODE`" / "**Error message**:" / "**Recommended action**:" lines.
  'azure-data-lake-storage-backup-troubleshoot.md': {
    codes: [
      'UserErrorMissingRequiredPermissions',
      'UserErrorBackupRequestThrottled',
      'UserErrorIncorrectContainersSelectedForOperation',
      'UserErrorUnsupportedStorageAccountType',
      'UserErrorTargetContainersExistOnAccount',
      'UserErrorOriginalLocationRestoreNotSupported',
    ],
  },
  // "### CODE" headings (one with a trailing colon) with "**Cause**:" / "**Recommended action**:"; "Scenario n"
  // sections whose message is a fenced code block; "Error code: 403" inside a code block.
  'azure-kubernetes-service-backup-troubleshoot.md': {
    codes: [
      '403',
      'KubernetesBackupListExtensionsError',
      'UserErrorKubernetesBackupExtensionNotFoundError',
      'UserErrorKubernetesBackupExtensionHasErrors',
      'UserErrorKubernetesBackupExtensionIdentityNotFound',
      'KubernetesBackupCustomResourcesTrackingTimeOutError',
      'UserErrorBackupPluginPodRestartedDuringBackup',
      'UserErrorBackupPluginPodRestartedDuringRestore',
      'BackupPluginDeleteBackupOperationFailed',
      'ExtensionTimedOutWaitingForBackupItemSync',
      'UserErrorDeleteBackupFailedBackupStorageLocationReadOnly',
      'UserErrorDeleteBackupFailedBackupStorageLocationNotFound',
      'UserErrorBackupFailedBackupStorageLocationReadOnly',
      'UserErrorNoDefaultBackupStorageLocationFound',
      'UserErrorExtensionMSIMissingPermissionsOnBackupStorageLocation',
      'UserErrorBackupStorageLocationNotReady',
      'UserErrorSnapshotResourceGroupHasLocks',
      'KubernetesBackupGenericWarning',
      'DppUserErrorVaultTierPolicyNotSupported',
      'UserErrorPVSnapshotDisallowedByPolicy',
      'UserErrorPVSnapshotLimitReached',
      'CSISnapshottingTimedOut',
      'UserErrorHookExecutionFailed',
      'UserErrorNamespaceNotFound',
      'UserErrorPVCHasNoVolume',
      'UserErrorPVCNotBoundToVolume',
      'UserErrorPVNotFound',
      'UserErrorStorageClassMissingForPVC',
      'UserErrorSourceandTargetClusterCRDVersionMismatch',
      'LinkedAuthorizationFailed',
    ],
  },
  // One 3-column table: Error Message | Cause | Recommendation, messages only, no codes.
  'backup-azure-alternate-dpm-server-troubleshoot.md': {
    codes: [],
    messages: [
      'This server is not registered to the vault specified by the vault credential.',
      "Either the recoverable data isn't available or the selected server isn't a DPM server.",
      'No other DPM server is registered to this vault.',
    ],
  },
  // "#### Error code: CODE" headings with "**Possible Cause:**" / "**Resolution:**"; a raw <img> tag.
  'backup-azure-backup-vault-troubleshoot.md': {
    codes: [
      'UserErrorSystemIdentityNotEnabledWithVault',
      'UserErrorUserIdentityNotFoundOrNotAssociatedWithVault',
      'UserErrorStorageAccountKeyAccessDisallowed',
    ],
  },
  // One "### CODE" heading repeated four times, each section told apart by its "**Inner error code**"; trailing
  // spaces after headings and labels.
  'backup-azure-database-postgresql-flex-troubleshoot.md': {
    codes: [
      'ServerNotReadyForLongTermBackup',
      'ResourceGroupNotFound',
      'ResourceNotFound',
      'AuthorizationFailed',
      'UserErrorMaxConcurrentOperationLimitReached',
      'UserErrorMSIMissingPermissions',
    ],
    shared: { PostgreSQLFlexOperationFailedUserError: 4 },
  },
  // "## CODE" sections of prose and steps; a "### CODE" nested in another code's section; a "## CODE" whose whole
  // content is under a "### Permission to …" sub-heading.
  'backup-azure-database-postgresql-troubleshoot.md': {
    codes: [
      'UserErrorMSIMissingPermissions',
      'UserErrorBackupUserAuthFailed',
      'UserErrorMissingNetworkSecurityPermissions',
      'UserErrorContainerNotAccessible',
      'UserErrorDBUserAuthFailed',
      'UserErrorInvalidSecret',
      'UserErrorMissingDBPermissions',
      'UserErrorSecretValueInUnsupportedFormat',
      'UserErrorInvalidSecretStore',
      'UserErrorMissingPermissionsOnSecretStore',
      'UserErrorDBNotFound',
      'UserErrorDatabaseNameAlreadyInUse',
      'UserErrorServerConnectionClosed',
    ],
  },
  // "### CODE" headings over vertical key/value tables in both pipe styles (with and without outer pipes); a
  // code heading split by a space ("…Running UserError"); two empty "#### CODE" headings over one table; codes
  // in a bold list of a "Re-registration failures" section.
  'backup-azure-sap-hana-database-troubleshoot.md': {
    codes: [
      'UserErrorHANAInternalRoleNotPresent',
      'UserErrorInOpeningHanaOdbcConnection',
      'UserErrorHanaInstanceNameInvalid',
      'UserErrorHANALSNValidationFailure',
      'UserErrorSDCtoMDCUpgradeDetected',
      'UserErrorInvalidBackintConfiguration',
      'UserErrorIncompatibleSrcTargetSystemsForRestore',
      'UserErrorHANAPODoesNotExist',
      'UserErrorInsufficientPrivilegeOfDatabaseUser',
      'UserErrorDatabaseUserPasswordExpired',
      'UserErrorInconsistentSSFS',
      'UserErrorCannotConnectToAzureActiveDirectoryService',
      'UserErrorMisConfiguredSslCaStore',
      'UserErrorBackupFailedAsRemedialBackupInProgress',
      'OperationCancelledBecauseConflictingOperationRunningUserError',
      'OperationCancelledBecauseConflictingAutohealOperationRunningUserError',
      'UserErrorHanaPreScriptNotRun',
      'UserErrorPreregistrationScriptNotRun',
      'UserErrorTargetPOExistsOverwriteNotSpecified',
      'UserErrorRecoverySysScriptFailedToTriggerRestore',
      'UserErrorDBNameNotInCorrectFormat',
      'UserErrorDefaultSidAdmDirectoryChanged',
      'UserErrorHDBsettingsScriptNotFound',
      'UserErrorInsufficientSpaceOnSystemDriveForExtensionMetadata',
      'CloudDosAbsoluteLimitReached',
      'CloudDosAbsoluteLimitReachedWithRetry',
      'WorkloadExtensionNotReachable',
      'UserErrorWorkloadExtensionNotInstalled',
      'WorkloadExtensionNotPresent',
      'WorkloadExtensionDidntDequeueMsg',
    ],
  },
  // "## CODE" sections with "**Error message**:" / "**Description**:" / "**Recommended action**:" (one
  // "**Error message** -", one '**Recommended action**"'); several without any action.
  'troubleshoot-archive-tier.md': {
    codes: [
      'RecoveryPointTypeNotEligibleForArchive',
      'RecoveryPointHaveActiveDependencies',
      'MinLifeSpanInStandardRequiredForArchive',
      'MinRemainingLifeSpanInArchiveRequired',
      'UserErrorRecoveryPointAlreadyInArchiveTier',
      'UserErrorDatasourceTypeIsNotSupportedForRecommendationApi',
      'UserErrorRecoveryPointAlreadyRehydrated',
      'UserErrorRecoveryPointIsNotEligibleForArchiveMove',
      'UserErrorRecoveryPointNotRehydrated',
      'UserErrorRecoveryPointRehydrationNotAllowed',
      'UserErrorRecoveryPointRehydrationAlreadyInProgress',
      'RPMoveNotSupportedDueToInsufficientRetention',
      'RPMoveReadinessToBeDetermined',
    ],
  },
  // "### CODE- message" headings over plain "Error Code: X" / "Error Message: …" lines (two codes joined by "/ ",
  // a heading code differing from its "Error Code:" line, "File Sync PreRestoreFailed"); a section holding only
  // a note before its code sub-sections; :::image directives in a list.
  'troubleshoot-azure-files.md': {
    codes: [
      'FileShareNotFound',
      'UserErrorFileShareEndpointUnreachable',
      'AFSMaxSnapshotReached',
      'UserErrorStorageAccountNotFound',
      'UserErrorDTSStorageAccountNotFound',
      'UserErrorResourceGroupNotFound',
      'ParallelSnapshotRequest',
      'UserErrorStorageAccountInternetRoutingNotSupported',
      'FileshareBackupFailedWithAzureRpRequestThrottling',
      'FileshareRestoreFailedWithAzureRpRequestThrottling',
      'TargetFileShareNotFound',
      'UserErrorStorageAccountIsLocked',
      'DataTransferServiceCoFLimitReached',
      'DataTransferServiceAllFilesFailedToRecover',
      'UserErrorDTSSourceUriNotValid',
      'DataTransferServiceSourceUriNotValid',
      'UserErrorDTSDestLocked',
      'UserErrorTargetFileShareFull',
      'UserErrorTargetFileShareQuotaNotSufficient',
      'PreRestoreFailed',
      'AzureFileSyncChangeDetectionInProgress',
      'UserErrorAFSRecoverySomeFilesNotRestored',
      'UserErrorAFSSourceSnapshotNotFound',
      'UserErrorAnotherRestoreInProgressOnSameTarget',
      'UserErrorSourceOrTargetAccountNotAccessible',
      'DatamoverGenericError',
      'DatamoverInsufficientVaultStorage',
      'UserErrorStorageKeyBasedAuthenticationNotPermitted',
      'AzureOperationFailed',
      'UserErrorStorageAccountSasPolicyNotSupported',
      'BMSUserErrorConflictingProtectionOperation',
      'BMSUserErrorObjectLocked',
      'UserErrorRestoreAFSInSoftDeleteState',
      'UserErrorRestoreAFSInDeleteState',
      'UserErrorBackupAFSInSoftDeleteState',
      'UserErrorBackupAFSInDeleteState',
    ],
  },
};

const articleOf = (file: string): string => file.replace(/\.md$/, '');
const textOf = (e: Entry): string => JSON.stringify([e.title, e.message, e.description, e.steps]);

/** knowledge/sources plus the given unseen articles, in a temporary directory, ingested. */
function ingestWith(files: string[]): CatalogueData {
  const dir = mkdtempSync(join(tmpdir(), 'remedy-unseen-'));
  try {
    cpSync(SOURCES, dir, { recursive: true });
    for (const file of files) cpSync(join(UNSEEN, file), join(dir, file));
    return ingest({ sourcesDir: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectDocumented(
  data: CatalogueData,
  file: string,
  { codes, messages = [], shared = {} }: Documented,
): void {
  const entries = data.entries.filter((e) => e.article === articleOf(file));
  expect(entries.length).toBeGreaterThan(0);
  for (const code of codes) {
    const holders = entries.filter((e) => e.codes.some((c) => c.toLowerCase() === code.toLowerCase()));
    expect({ code, holders: holders.length }).toEqual({ code, holders: 1 });
    expect({ code, kind: holders[0]?.kind }).toEqual({ code, kind: 'error' });
  }
  for (const [code, count] of Object.entries(shared)) {
    const holders = entries.filter((e) => e.codes.includes(code) && e.kind === 'error');
    expect({ code, holders: holders.length }).toEqual({ code, holders: count });
  }
  for (const message of messages) {
    const holders = entries.filter((e) => e.message.en === message);
    expect({ message, holders: holders.length, kind: holders[0]?.kind }).toEqual({
      message,
      holders: 1,
      kind: 'error',
    });
  }
}

describe.each(Object.entries(DOCUMENTED))('%s', (file, documented) => {
  let data: CatalogueData;
  beforeAll(() => {
    data = ingestWith([file]);
  });

  it('has each documented error code in exactly one error entry of its article', () => {
    expectDocumented(data, file, documented);
  });

  it('makes no entry of "Next steps" or "Related content", and leaks no Docs markup', () => {
    const entries = data.entries.filter((e) => e.article === articleOf(file));
    expect(entries.filter((e) => e.refs.some((r) => /^(next-steps|related-content)$/.test(r)))).toEqual([]);
    for (const e of entries)
      expect(textOf(e)).not.toMatch(
        /:::|\[!INCLUDE|\[!div|\[!NOTE|\.png\b|entry-anchor:|<\/?(ul|ol|li|br|img)\b/i,
      );
  });

  it('makes every entry something to act on: steps, or at least a documented code', () => {
    // A section holding only a note before its code sub-sections is no entry of its own; a code heading whose
    // content sits under a sub-heading keeps its steps.
    const entries = data.entries.filter((e) => e.article === articleOf(file));
    for (const e of entries)
      expect({ id: e.id, actionable: e.steps.length > 0 || e.codes.length > 0 }).toEqual({
        id: e.id,
        actionable: true,
      });
  });

  it('reads labels with their separators: no message or step starts with a stray "-", quote or colon', () => {
    const entries = data.entries.filter((e) => e.article === articleOf(file));
    const texts = entries.flatMap((e) => [e.message.en ?? '', ...e.steps.map((s) => s.text.en ?? '')]);
    expect(texts.filter((t) => /^\s*["\-–—:]\s/.test(t))).toEqual([]);
  });
  it('titles entries by what they document: distinct, no "Error code:" label, no closing colon', () => {
    const titles = data.entries.filter((e) => e.article === articleOf(file)).map((e) => e.title.en ?? '');
    expect(titles.filter((t) => /:$|^error code\b/i.test(t))).toEqual([]);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });
});

describe('a numbered list broken by commands at the left margin, then a resolution paragraph', () => {
  // azure-kubernetes-service-backup-troubleshoot.md, "Scenario 4": "**Debug**", then "1. Check …" with each
  // command's fence unindented (so markdown ends the list before every command), then "**Resolution**:" and
  // the fix on the next line.
  it('keeps each command with its step, and the resolution as the last step', () => {
    const file = 'azure-kubernetes-service-backup-troubleshoot.md';
    const data = ingestWith([file]);
    const entry = data.entries.find(
      (e) => e.article === articleOf(file) && (e.message.en ?? '').includes('BackoffLimitExceeded'),
    );
    const steps = (entry?.steps ?? []).map((s) => ({ text: s.text.en ?? '', kind: s.kind }));
    expect(steps.map((s) => /```[\s\S]*kubectl/.test(s.text))).toEqual([true, true, true, false]);
    expect(steps[3]).toEqual({
      text: expect.stringMatching(/allow the dataprotection-microsoft namespace, and then reinstall/),
      kind: 'fix',
    });
  });
});

describe('a bold "Note" alone on a table-cell line', () => {
  // backup-azure-sap-hana-database-troubleshoot.md, UserErrorHANAInternalRoleNotPresent: the recommended action
  // cell reads "… (AZUREWLBACKUPHANAUSER).<br><br>**Note**<br><br>If you are using HANA 2.0 SPS04 Rev 46 …".
  it('makes the line after it a note of the description, not a step', () => {
    const file = 'backup-azure-sap-hana-database-troubleshoot.md';
    const data = ingestWith([file]);
    const entry = data.entries.find((e) => e.codes.includes('UserErrorHANAInternalRoleNotPresent'));
    expect(entry?.steps.map((s) => s.text.en)).toEqual([
      expect.stringMatching(/^Download and run the \[pre-registration script\]/),
    ]);
    expect(entry?.description.en).toMatch(/\*\*NOTE:\*\* If you are using HANA 2\.0 SPS04 Rev 46/);
    expect(entry?.description.en).not.toMatch(/\*\*Note\*\*/);
  });
});

describe('all unseen articles together', () => {
  it('ingest into one catalogue with unique ids and every documented code found', () => {
    const files = Object.keys(DOCUMENTED);
    const data = ingestWith(files);
    const ids = data.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const file of files) expectDocumented(data, file, DOCUMENTED[file] ?? { codes: [] });
  });
});
