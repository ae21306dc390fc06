/** A tiny hand-made catalogue shaped like the real one (Korean/Dutch text, English anchor titles) for unit tests. */
import { Catalogue } from '../../../src/core/catalogue/catalogue';
import type { Entry, LocalizedText } from '../../../src/core/catalogue/schema';
import type { Glossary } from '../../../src/core/matching/glossary';

export interface EntrySpec {
  id: string;
  kind?: Entry['kind'];
  codes?: string[];
  title: LocalizedText & { en: string };
  message?: LocalizedText;
  steps?: LocalizedText[];
}

export function entry(spec: EntrySpec): Entry {
  return {
    id: spec.id,
    kind: spec.kind ?? 'error',
    article: 'vm-agent-extension-troubleshoot',
    refs: [spec.id],
    codes: spec.codes ?? [],
    title: spec.title,
    message: spec.message ?? {},
    operation: {},
    description: {},
    aliases: [],
    steps: (spec.steps ?? []).map((text, i) => ({
      id: `${spec.id}#s${i + 1}`,
      text,
      substeps: [],
      alternative: false,
      kind: 'fix' as const,
    })),
    causes: [],
    sources: [
      {
        file: 'vm-agent-extension-troubleshoot.ko.2020.md',
        lang: 'ko',
        version: '2020-08-31',
        line: 1,
        anchors: [spec.id],
      },
    ],
    versions: ['2020-08-31'],
    url: `https://learn.microsoft.com/azure/backup/troubleshoot#${spec.id}`,
    urls: {},
  };
}

export const FIXTURE_ENTRIES: Entry[] = [
  entry({
    id: 'usererrorguestagentstatusunavailable',
    codes: ['UserErrorGuestAgentStatusUnavailable'],
    title: {
      en: 'UserErrorGuestAgentStatusUnavailable - VM agent unable to communicate with Azure Backup',
      ko: 'UserErrorGuestAgentStatusUnavailable - VM 에이전트가 Azure Backup과 통신할 수 없습니다.',
    },
    steps: [{ ko: 'VM 에이전트가 설치되어 있고 최신 상태인지 확인합니다.' }],
  }),
  entry({
    id: 'extensionoperationfailedformanageddisks',
    codes: ['ExtensionOperationFailedForManagedDisks', 'ExtentionOperationFailedForManagedDisks'],
    title: {
      en: 'ExtensionOperationFailedForManagedDisks - VMSnapshot extension operation failed',
      ko: 'VMSnapshot 확장 작업이 실패했습니다.',
    },
  }),
  entry({
    id: 'usererrorcrpreportedusererror',
    codes: ['UserErrorCrpReportedUserError'],
    title: {
      en: 'UserErrorCrpReportedUserError - backup failed due to an error',
      ko: '오류로 인해 백업하지 못했습니다.',
    },
  }),
  entry({
    id: 'the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken',
    kind: 'cause',
    title: {
      en: 'The snapshot status cannot be retrieved or a snapshot cannot be taken',
      ko: '스냅샷 상태를 검색할 수 없거나 스냅샷을 만들 수 없습니다.',
    },
  }),
  entry({
    id: 'registration-and-agent-related-issues/2',
    codes: ['100050'],
    title: { en: 'Registration and agent related issues', nl: 'Registratie- en agentgerelateerde problemen' },
    message: {
      nl: 'De Azure Backup-agent kan geen verbinding maken met de Azure Backup service.',
      ko: 'Azure Backup Agent가 Azure Backup 서비스에 연결할 수 없습니다.',
    },
  }),
  entry({
    id: 'configuring-protection-group/4',
    codes: ['0x29834'],
    title: { en: 'Configuring protection group', nl: 'Beveiligingsgroep configureren' },
    message: {
      nl: 'Het back-upbeleid kan niet worden gewijzigd. De huidige bewerking is mislukt vanwege een interne servicefout [0x29834].',
    },
  }),
  entry({
    id: 'invalid-vault-credentials-provided/1',
    title: {
      en: 'Invalid vault credentials provided',
      nl: 'Er zijn ongeldige kluisreferenties ingevoerd',
      ko: '잘못된 자격 증명 모음이 제공되었습니다.',
    },
    message: {
      nl: 'Er zijn ongeldige kluisreferenties opgegeven. Het bestand is beschadigd.',
      ko: '잘못된 자격 증명 모음이 제공되었습니다. 파일이 손상되었습니다.',
    },
  }),
];

export function fixtureCatalogue(): Catalogue {
  return Catalogue.fromJson({ schemaVersion: 1, articles: [], entries: FIXTURE_ENTRIES });
}

export const FIXTURE_GLOSSARY: Glossary = {
  version: 1,
  concepts: [
    { id: 'agent', en: ['agent', 'guest agent'], ko: ['에이전트'], nl: ['agent'] },
    { id: 'vault', en: ['vault'], ko: ['자격 증명 모음'], nl: ['kluis'] },
    { id: 'credentials', en: ['credentials'], ko: ['자격 증명'], nl: ['referenties'] },
    { id: 'snapshot', en: ['snapshot'], ko: ['스냅샷', '스냅숏'], nl: ['momentopname'] },
    { id: 'extension', en: ['extension'], ko: ['확장'], nl: ['extensie'] },
    { id: 'communicate', en: ['communicate'], ko: ['통신'], nl: ['communicatie'] },
    { id: 'connect', en: ['connect', 'connection'], ko: ['연결'], nl: ['verbinding'] },
    {
      id: 'fail',
      en: ['fail', 'failed', 'unable', 'cannot'],
      ko: ['실패', '수 없'],
      nl: ['mislukt', 'kan niet'],
    },
    { id: 'invalid', en: ['invalid', 'incorrect'], ko: ['잘못'], nl: ['ongeldig', 'ongeldige'] },
    { id: 'file', en: ['file'], ko: ['파일'], nl: ['bestand'] },
    { id: 'corrupt', en: ['corrupt', 'corrupted'], ko: ['손상'], nl: ['beschadigd'] },
    { id: 'state', en: ['state', 'status'], ko: ['상태'], nl: ['status'] },
    { id: 'service', en: ['service'], ko: ['서비스'], nl: ['service'] },
    { id: 'backup', en: ['backup'], ko: ['백업'], nl: ['back-up'] },
    { id: 'error', en: ['error'], ko: ['오류'], nl: ['fout'] },
    { id: 'create', en: ['create', 'take'], ko: ['만들'], nl: ['maken'] },
  ],
};
