import { Catalogue } from '../../../src/core/catalogue/catalogue';
import { createMatcher } from '../../../src/core/matching';
import type { Entry } from '../../../src/core/catalogue/schema';
import { entry, FIXTURE_ENTRIES, FIXTURE_GLOSSARY } from './fixture';

const glossary = {
  ...FIXTURE_GLOSSARY,
  concepts: [
    ...FIXTURE_GLOSSARY.concepts,
    { id: 'dhcp', en: ['dhcp'], ko: ['DHCP'], nl: ['dhcp'] },
    { id: 'address', en: ['address'], ko: ['주소'], nl: ['adres'] },
    { id: 'computer', en: ['host'], ko: ['호스트'], nl: ['host'] },
    { id: 'shutdown', en: ['shut down', 'shutdown'], ko: ['종료'], nl: ['afsluiten'] },
  ],
};

const extensionFails: Entry = {
  ...entry({
    id: 'the-backup-extension-fails-to-update-or-load',
    kind: 'cause',
    title: {
      en: 'The backup extension fails to update or load',
      ko: '백업 확장을 업데이트하거나 로드하지 못했습니다.',
    },
  }),
  formerText: [
    {
      lang: 'ko',
      text: 'iaasvmprovider 서비스가 사용하도록 설정되어 있는지, 자동 시작 유형인지를 확인합니다.',
    },
  ],
};
const snapshotCause: Entry = {
  ...entry({
    id: 'snapshot-cause',
    kind: 'cause',
    title: { en: 'The snapshot status cannot be retrieved', ko: '스냅샷 상태를 검색할 수 없습니다.' },
    steps: [
      {
        ko: '**VM이 DHCP에서 호스트 또는 패브릭 주소를 가져올 수 없습니다.** 게스트 내에 DHCP를 사용하도록 설정합니다.',
      },
      { ko: '**RDP에서 VM을 종료하면 VM 상태가 잘못 보고됩니다.** 포털에서 VM을 종료합니다.' },
    ],
  }),
};
const catalogue = Catalogue.fromJson({
  schemaVersion: 1,
  articles: [],
  entries: [
    ...FIXTURE_ENTRIES.filter(
      (e) => e.id !== 'the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken',
    ),
    extensionFails,
    snapshotCause,
  ],
});
const matcher = createMatcher(catalogue, glossary);

describe('matcher: detail evidence', () => {
  const dump =
    'C:\\> sc qc iaasvmprovider\nSERVICE_NAME: iaasvmprovider\nSTART_TYPE : 4 DISABLED\nBINARY_PATH_NAME : C:\\Packages\\iaasvmprovider.exe';

  it('ranks first the entry whose text names the rare service a console dump shows, without answering', () => {
    const response = matcher.match(dump);
    expect(response.verdict).not.toBe('confident');
    expect(response.results[0]?.id).toBe('the-backup-extension-fails-to-update-or-load');
  });

  it('says nothing for the same dump about a service no entry names', () => {
    expect(matcher.match(dump.replace(/iaasvmprovider/g, 'spoolersvc')).verdict).toBe('none');
  });

  it('says nothing when only a common domain word is shared', () => {
    expect(matcher.match('MISCONF Redis is configured to save RDB snapshots, persist failed').verdict).toBe(
      'none',
    );
  });

  it('ranks a cause entry first when the paste retells one of its rows', () => {
    const response = matcher.match('the vm cannot get a host address from DHCP');
    expect(response.results[0]?.id).toBe('snapshot-cause');
  });
});
