import {
  buildIdentifierIndex,
  IDENTIFIER,
  identifierKeys,
  isIdentifierShaped,
} from '../../../src/core/matching/identifiers';
import type { Entry } from '../../../src/core/catalogue/schema';
import { entry } from './fixture';

const withDetail = (id: string, detail: string): Entry => ({
  ...entry({ id, title: { en: `Entry ${id}`, ko: '백업이 실패했습니다.' } }),
  formerText: [{ lang: 'ko', text: detail }],
});

const entries: Entry[] = [
  withDetail(
    'extension-fails',
    'iaasvmprovider 서비스가 자동 시작 유형인지 확인합니다. NT AUTHORITY\\SYSTEM 계정',
  ),
  withDetail(
    'app-control',
    'AppLocker가 IaaSBcdrExtension.exe 실행을 차단합니다. ErrorCode 필드를 확인합니다.',
  ),
  withDetail('linux-agent-old', 'service walinuxagent start 를 실행합니다.'),
  withDetail('linux-agent-config', 'WALinuxAgent 구성 파일 옵션을 확인합니다.'),
  withDetail('sql-a', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\MICROSOFT\\BCDRAGENT 키와 sqlwriter.exe'),
  withDetail('sql-b', 'sqlwriter.exe 서비스를 다시 시작합니다.'),
  withDetail('sql-c', 'sqlwriter.exe 가 중지되었는지 확인합니다.'),
];
// How many entries use a word (the entry index tells the matcher; a substring count will do here).
const wordEntries = (word: string) =>
  entries.filter((e) => JSON.stringify(e.formerText).toLowerCase().includes(word)).length;
const index = buildIdentifierIndex(entries, (word) => word === 'snapshot', wordEntries);
const found = (text: string) => index.find(text).map((hit) => hit.key);

describe('rare-identifier stage', () => {
  it('tells identifier-shaped tokens from words', () => {
    expect(isIdentifierShaped('IaaSBcdrExtension')).toBe(true);
    expect(isIdentifierShaped('OBEngine')).toBe(true);
    expect(isIdentifierShaped('iaasvmprovider.exe')).toBe(true);
    expect(isIdentifierShaped('HKEY_LOCAL_MACHINE')).toBe(true);
    expect(isIdentifierShaped('win32k2')).toBe(true);
    expect(isIdentifierShaped('iaasvmprovider')).toBe(false);
    expect(isIdentifierShaped('snapshots')).toBe(false);
    expect(isIdentifierShaped('a.b')).toBe(false);
  });

  it('looks a token up whole and by its parts, paths by their segments only', () => {
    expect(identifierKeys('iaasvmprovider.exe')).toEqual(['iaasvmprovider.exe', 'iaasvmprovider']);
    expect(identifierKeys('HKLM\\SOFTWARE\\Microsoft\\BCDRAGENT')).toEqual([
      'software',
      'microsoft',
      'bcdragent',
    ]);
    expect(identifierKeys('1.0.76.0')).toEqual([]);
  });

  it('finds a service named in a console dump when the paste shows it as a file name', () => {
    const text =
      'SERVICE_NAME: iaasvmprovider\nBINARY_PATH_NAME : iaasvmprovider.exe\nSTART_TYPE : 4 DISABLED';
    const hits = index.find(text);
    expect(hits).toEqual([{ key: 'iaasvmprovider', entryIds: ['extension-fails'] }]);
    const score = index.score(hits).get('extension-fails') ?? 0;
    expect(score).toBeGreaterThan(0.35);
    expect(score).toBeLessThanOrEqual(IDENTIFIER.cap);
  });

  it('needs an identifier shape on one side: a plain word in plain prose is not a name', () => {
    expect(found('please restart iaasvmprovider')).toEqual([]);
    expect(found('IaaSBcdrExtension.exe was prevented from running')).toEqual(['iaasbcdrextension.exe']);
    // Shaped in the catalogue (WALinuxAgent), plain in the paste.
    expect(found('please update walinuxagent')).toEqual(['walinuxagent']);
  });

  it('ignores common words, field names and names many entries share', () => {
    expect(found('NT AUTHORITY\\SYSTEM')).not.toContain('system');
    expect(found('ErrorCode: 0x1')).toEqual([]);
    expect(found('sqlwriter.exe stopped')).toEqual([]);
  });

  it('weighs a name in one entry more than a name two entries share, and adds distinct names up', () => {
    const one = index.score(index.find('iaasvmprovider.exe')).get('extension-fails') ?? 0;
    const shared = index.score(index.find('WALinuxAgent.service')).get('linux-agent-old') ?? 0;
    expect(shared).toBeGreaterThan(0);
    expect(one).toBeGreaterThan(shared);
    const two = index.score(index.find('iaasvmprovider.exe and BCDRAGENT_KEY HKLM\\BCDRAGENT'));
    expect(two.get('extension-fails')).toBeCloseTo(one);
    expect(two.get('sql-a') ?? 0).toBeGreaterThan(0);
  });
});
