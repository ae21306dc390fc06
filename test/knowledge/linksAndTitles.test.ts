import { resolveHref } from '../../src/knowledge/links';
import { repairMojibake } from '../../src/core/mojibake';
import { englishTitle } from '../../src/knowledge/titles';

describe('link targets', () => {
  it.each([
    ['#The-Anchor', { kind: 'anchor', anchor: 'the-anchor' }],
    ['my-article.md#x', { kind: 'anchor', anchor: 'x' }],
    [
      '../virtual-machines/x.md#y',
      { kind: 'url', url: 'https://learn.microsoft.com/azure/virtual-machines/x#y' },
    ],
    [
      './backup-azure-mars-troubleshoot.md#z',
      { kind: 'url', url: 'https://learn.microsoft.com/azure/backup/backup-azure-mars-troubleshoot#z' },
    ],
    [
      'backup-support-matrix-iaas.md',
      { kind: 'url', url: 'https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas' },
    ],
    [
      '/system-center/dpm/run-antivirus-server',
      { kind: 'url', url: 'https://learn.microsoft.com/system-center/dpm/run-antivirus-server' },
    ],
    ['https://portal.azure.com/', { kind: 'url', url: 'https://portal.azure.com/' }],
  ])('%s', (href, expected) => expect(resolveHref(href, 'my-article')).toEqual(expected));
});

describe('English titles from anchors', () => {
  it.each([
    [
      'vm-agent-unable-to-communicate-with-azure-backup',
      {},
      'VM agent unable to communicate with Azure Backup',
    ],
    [
      'backupoperationfailed--backupoperationfailedv2---backup-fails-with-an-internal-error',
      { codes: ['BackUpOperationFailed', 'BackUpOperationFailedV2'] },
      'BackUpOperationFailed / BackUpOperationFailedV2 - backup fails with an internal error',
    ],
    [
      'usererrorguestagentstatusunavailable-vm-agent-unable-to-communicate-with-azure-backup',
      { codes: ['UserErrorGuestAgentStatusUnavailable'] },
      'UserErrorGuestAgentStatusUnavailable - VM agent unable to communicate with Azure Backup',
    ],
    [
      'application-control-solution-is-blocking-iaasbcdrextensionexe',
      { heading: '응용 프로그램 제어 솔루션이 차단 IaaSBcdrExtension.exe' },
      'Application control solution is blocking IaaSBcdrExtension.exe',
    ],
    [
      'currently-azure-backup-does-not-support-disk-sizes-greater-than-4095gb',
      {},
      'Currently Azure Backup does not support disk sizes greater than 4095 GB',
    ],
    [
      'backup-failed-for-bmr-with-sql-on-mabs-and-dpm-in-vmware',
      {},
      'Backup failed for BMR with SQL on MABS and DPM in VMware',
    ],
    [
      'the-agent-is-installed-in-the-vm-but-its-unresponsive-for-windows-vms',
      {},
      "The agent is installed in the VM but it's unresponsive for Windows VMs",
    ],
  ])('%s', (anchor, options, title) => expect(englishTitle(anchor, options)).toBe(title));
});

describe('Dutch mis-encoding', () => {
  it('repairs 誰, 旦 and 辿', () => {
    expect(repairMojibake('ge誰nstalleerd co旦rdinator 辿辿n')).toBe('geïnstalleerd coördinator één');
  });
});
