/** Step kinds decided at ingest from the wording of the step in English, Korean and Dutch. */
import {
  classifyStep,
  classifyText,
  negativeConditionTarget,
  linkedEntry,
  opensWithNegativeCondition,
} from '../../src/knowledge/stepKinds';

describe('classifyText', () => {
  it.each([
    [
      'en',
      'Run a new test backup. If the failure persists, collect the following logs from the VM:',
      'diagnostic',
    ],
    ['en', 'Change the **Logs.Verbose** value from *n* to *y*.', 'diagnostic'],
    [
      'en',
      'In the /etc/waagent.conf file, locate the following line: **Enable verbose logging (y|n)**',
      'diagnostic',
    ],
    ['en', 'If the issue persists, contact Microsoft support.', 'diagnostic'],
    ['en', 'Contact Azure support and open a support request.', 'diagnostic'],
    ['en', 'Verify that the Windows Azure Guest Agent services appear in services.', 'check'],
    // An italic aside on a line of its own (a cell's continuation line) does not make a check a fix.
    [
      'en',
      'Ensure that the OnlineBackup.KEK file is present.\n_Its default location is C:\\Scratch_.',
      'check',
    ],
    [
      'en',
      'Ensure that the Azure agent is running on the VM by running the following command: `ps -e`',
      'check',
    ],
    [
      'en',
      'Determine whether the Windows Azure Guest Agent service is running in the VM services (services.msc). Try to restart the Windows Azure Guest Agent service and initiate the backup.',
      'fix',
    ],
    [
      'en',
      '**Open Azure portal > VM > Settings > Extensions** > Ensure all extensions are in **provisioning succeeded** state. If not, follow these [steps](entry:x) to resolve the issue.',
      'check',
    ],
    [
      'en',
      'Download and install the [latest version of the agent MSI](https://go.microsoft.com/fwlink/?LinkID=394789).',
      'fix',
    ],
    [
      'en',
      'Delete some resource groups from the Azure portal or contact Azure Support to increase the limits.',
      'fix',
    ],
    [
      'en',
      'Check for space-related issues in the DPM storage pool, and allocate storage as required.',
      'fix',
    ],
    ['ko', '리소스 그룹을 삭제하거나 Azure 지원에 문의하여 한도를 늘립니다.', 'fix'],
    ['ko', '새 테스트 백업을 실행합니다. 오류가 계속되면 VM에서 다음 로그를 수집합니다.', 'diagnostic'],
    ['ko', 'Microsoft Azure 게스트 에이전트 서비스가 서비스에 표시되는지 확인합니다.', 'check'],
    ['ko', '모든 데이터가 복사되었는지 확인하고 1TB보다 큰 디스크를 제거합니다.', 'fix'],
    ['ko', '[최신 버전의 에이전트 MSI](https://go.microsoft.com/x)를 다운로드하고 설치합니다.', 'fix'],
    ['nl', 'Controleer of Windows Server Back-up is geïnstalleerd op de beveiligde computer.', 'check'],
    ['nl', 'Zorg ervoor dat de SQL Agent-service wordt uitgevoerd.', 'check'],
    ['nl', 'Installeer De Azure-agent handmatig.', 'fix'],
    ['nl', 'Neem contact op met Microsoft-ondersteuning.', 'diagnostic'],
  ] as const)('%s: %s → %s', (lang, text, kind) => {
    expect(classifyText(text, lang)).toBe(kind);
  });
});

describe('classifyStep', () => {
  it('is a diagnostic when any language says so, and keeps a diagnostic change going ("save the change")', () => {
    expect(
      classifyStep(
        { en: 'Restart the agent.', ko: 'VM에서 다음 로그를 수집합니다.' },
        ['en', 'ko', 'nl'],
        undefined,
      ),
    ).toBe('diagnostic');
    const save = { en: 'Save the change, and then restart waagent.' };
    expect(classifyStep(save, ['en', 'ko', 'nl'], 'diagnostic')).toBe('diagnostic');
    expect(classifyStep(save, ['en', 'ko', 'nl'], 'fix')).toBe('fix');
  });

  it('otherwise follows the first language in order that has text', () => {
    const text = { en: 'Verify that the service is running.', ko: '서비스를 다시 시작합니다.' };
    expect(classifyStep(text, ['en', 'ko', 'nl'], undefined)).toBe('check');
    expect(classifyStep(text, ['ko', 'en', 'nl'], undefined)).toBe('fix');
  });
});

describe('where a check points when it fails', () => {
  it('finds the entry an "If not, follow these [steps](…)" sentence links to, in any language', () => {
    expect(
      negativeConditionTarget({ en: 'Ensure all are healthy. If not, follow these [steps](entry:fix-it).' }),
    ).toBe('fix-it');
    expect(
      negativeConditionTarget({
        ko: '상태에 있는지 확인합니다. 그렇지 않은 경우 다음 [단계](entry:ko-fix)를 수행합니다.',
      }),
    ).toBe('ko-fix');
    expect(
      negativeConditionTarget({ en: 'Ensure all are healthy. For more, see [this](entry:other).' }),
    ).toBeUndefined();
    expect(opensWithNegativeCondition({ en: "If the service isn't running, start it." })).toBe(true);
    expect(
      linkedEntry({ en: '[Ensure the shadow copy storage is sufficient](entry:increase-storage)' }),
    ).toBe('increase-storage');
    expect(linkedEntry({ en: 'Ensure it runs; see [this](entry:a) and [that](entry:b).' })).toBeUndefined();
    expect(opensWithNegativeCondition({ en: 'If registration fails, check the vault.' })).toBe(false);
  });
});
