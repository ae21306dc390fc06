/** A small hand-made catalogue for the bot's tests (same schema as knowledge/catalogue.json). */
import { Catalogue } from '../../src/core/catalogue/catalogue';
import type { Entry } from '../../src/core/catalogue/schema';

const AGENT_URL =
  'https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout';
const MABS_URL = 'https://learn.microsoft.com/azure/backup/backup-azure-mabs-troubleshoot';

function source(file: string, lang: 'en' | 'ko' | 'nl', line: number, anchor: string) {
  return { file, lang, version: '2020-08-31', line, anchors: [anchor] };
}

function step(
  id: string,
  en: string,
  ko?: string,
  alternative = false,
  kind: 'fix' | 'check' | 'diagnostic' = 'fix',
) {
  return { id, text: ko ? { en, ko } : { en }, substeps: [], alternative, kind };
}

const entries: Entry[] = [
  {
    id: 'usererrorguestagentstatusunavailable',
    kind: 'error',
    article: 'vm-agent-extension-troubleshoot',
    refs: ['usererrorguestagentstatusunavailable', 'vm-agent-unable-to-communicate-with-azure-backup'],
    codes: ['UserErrorGuestAgentStatusUnavailable'],
    title: {
      en: 'VM agent unable to communicate with Azure Backup',
      ko: 'VM 에이전트가 Azure Backup과 통신할 수 없음',
    },
    message: {
      en: 'VM Agent unable to communicate with Azure Backup',
      ko: 'VM 에이전트가 Azure Backup과 통신할 수 없습니다.',
    },
    operation: {},
    description: {},
    aliases: [],
    steps: [
      step(
        'usererrorguestagentstatusunavailable#s1',
        'Restart the VM agent service.',
        'VM 에이전트 서비스를 다시 시작합니다.',
      ),
      step(
        'usererrorguestagentstatusunavailable#s2',
        'Check the network access of the VM.',
        'VM의 네트워크 액세스를 확인합니다.',
      ),
    ],
    causes: ['the-agent-is-not-installed'],
    sources: [
      source('vm-agent-extension-troubleshoot.ko.2020.md', 'ko', 20, 'usererrorguestagentstatusunavailable'),
    ],
    versions: ['2020-08-31'],
    url: `${AGENT_URL}#usererrorguestagentstatusunavailable`,
    urls: { en: `${AGENT_URL}#usererrorguestagentstatusunavailable` },
  },
  {
    id: 'the-agent-is-not-installed',
    kind: 'cause',
    article: 'vm-agent-extension-troubleshoot',
    refs: ['the-agent-is-not-installed'],
    codes: [],
    title: { en: 'The agent is not installed in the VM' },
    message: {},
    operation: {},
    description: {},
    aliases: [],
    steps: [
      step('the-agent-is-not-installed#s1', 'Install the VM agent from the download page.'),
      step('the-agent-is-not-installed#s2', 'Or reinstall it with the extension.', undefined, true),
    ],
    causes: [],
    sources: [source('vm-agent-extension-troubleshoot.ko.2020.md', 'ko', 90, 'the-agent-is-not-installed')],
    versions: ['2020-08-31'],
    url: `${AGENT_URL}#the-agent-is-not-installed`,
    urls: { en: `${AGENT_URL}#the-agent-is-not-installed` },
  },
  {
    id: 'usererrorrpcollectionlimitreached',
    kind: 'error',
    article: 'vm-agent-extension-troubleshoot',
    refs: ['usererrorrpcollectionlimitreached'],
    codes: ['UserErrorRpCollectionLimitReached'],
    title: { en: 'The Restore Point collection max limit has reached' },
    message: { en: 'The Restore Point collection max limit has reached.' },
    operation: {},
    description: {},
    aliases: [],
    steps: [
      step('usererrorrpcollectionlimitreached#s1', 'Remove the lock on the restore point resource group.'),
    ],
    causes: [],
    sources: [
      source('vm-agent-extension-troubleshoot.ko.2020.md', 'ko', 40, 'usererrorrpcollectionlimitreached'),
    ],
    versions: ['2020-08-31'],
    url: `${AGENT_URL}#usererrorrpcollectionlimitreached`,
    urls: { en: `${AGENT_URL}#usererrorrpcollectionlimitreached` },
  },
  {
    id: 'backup/1',
    kind: 'error',
    article: 'mabs-troubleshoot',
    refs: ['backup/1'],
    codes: ['0x29834'],
    title: { en: 'Backup', ko: '백업', nl: 'Back-up' },
    message: {
      ko: '작업을 실행하는 동안 예기치 않은 오류가 발생했습니다.',
      nl: 'Er is een onverwachte fout opgetreden tijdens het uitvoeren van de taak.',
    },
    operation: { ko: '백업', nl: 'Back-up' },
    description: {},
    aliases: [],
    steps: [step('backup/1#s1', 'Check the disk.', '디스크를 확인합니다.')],
    causes: [],
    sources: [source('mabs-troubleshoot.ko.md', 'ko', 30, 'backup')],
    versions: ['2021-03-29'],
    url: `${MABS_URL}#backup`,
    urls: { en: `${MABS_URL}#backup` },
  },
];

export function fixtureCatalogue(): Catalogue {
  return Catalogue.fromJson({
    schemaVersion: 1,
    articles: [
      {
        id: 'vm-agent-extension-troubleshoot',
        title: { en: 'Troubleshoot Azure Backup failure: agent or extension' },
        url: AGENT_URL,
        urls: { en: AGENT_URL },
        sources: [],
      },
      {
        id: 'mabs-troubleshoot',
        title: { en: 'Troubleshoot Azure Backup Server' },
        url: MABS_URL,
        urls: { en: MABS_URL },
        sources: [],
      },
    ],
    entries,
  });
}
