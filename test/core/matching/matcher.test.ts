import {
  createMatcher,
  DEFAULT_THRESHOLDS,
  EMPTY_GLOSSARY,
  MAX_INPUT_CHARS,
} from '../../../src/core/matching';
import { Catalogue } from '../../../src/core/catalogue/catalogue';
import type { Entry } from '../../../src/core/catalogue/schema';
import { entry, FIXTURE_ENTRIES, FIXTURE_GLOSSARY, fixtureCatalogue } from './fixture';

const matcher = createMatcher(fixtureCatalogue(), FIXTURE_GLOSSARY);
const top = (text: string) => matcher.match(text).results[0]?.id;

describe('matcher: codes', () => {
  it('answers an exact code confidently with a score in [0, 1]', () => {
    const response = matcher.match('UserErrorGuestAgentStatusUnavailable');
    expect(response.verdict).toBe('confident');
    expect(response.results[0]).toMatchObject({
      id: 'usererrorguestagentstatusunavailable',
      codes: ['UserErrorGuestAgentStatusUnavailable'],
    });
    expect(response.results[0]?.score).toBeGreaterThan(0.9);
    expect(response.results[0]?.score).toBeLessThanOrEqual(1);
    expect(response.results[0]?.title).toContain('VM agent unable to communicate');
  });

  it('answers lowercased and typo-d codes', () => {
    expect(top('usererrorcrpreportedusererror')).toBe('usererrorcrpreportedusererror');
    expect(matcher.match('ExtentionOperationFailedForManagedDisk').verdict).toBe('confident');
    expect(top('ExtentionOperationFailedForManagedDisk')).toBe('extensionoperationfailedformanageddisks');
  });

  it('asks which one when a paste carries two different codes', () => {
    const response = matcher.match(
      'UserErrorCrpReportedUserError and later UserErrorGuestAgentStatusUnavailable',
    );
    expect(response.verdict).toBe('ambiguous');
    expect(response.results.map((r) => r.id).sort()).toEqual([
      'usererrorcrpreportedusererror',
      'usererrorguestagentstatusunavailable',
    ]);
  });

  it('answers a numeric ID given in context, not a random number', () => {
    expect(top('Microsoft Azure Backup - Error (ID: 100050)')).toBe(
      'registration-and-agent-related-issues/2',
    );
    expect(top('De huidige bewerking is mislukt [0x29834]')).toBe('configuring-protection-group/4');
    expect(matcher.match('we restored 100050 files today').results.map((r) => r.id)).not.toContain(
      'registration-and-agent-related-issues/2',
    );
  });
});

describe('matcher: text and languages', () => {
  it('matches an English paraphrase against a Korean entry through its English title and the glossary', () => {
    expect(top('the snapshot status cannot be retrieved, snapshot cannot be taken')).toBe(
      'the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken',
    );
    expect(top('Invalid vault credentials provided, the file is corrupted')).toBe(
      'invalid-vault-credentials-provided/1',
    );
  });

  it('matches Korean with irregular spacing and the older 스냅숏 spelling', () => {
    expect(top('스냅숏 상태를 검색 할 수없거나 스냅숏을 만들수 없습니다')).toBe(
      'the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken',
    );
    expect(top('VMSnapshot 확장 작업이 실패 했습니다')).toBe('extensionoperationfailedformanageddisks');
  });

  it('matches Dutch text and a Teams HTML paste', () => {
    expect(top('De Azure Backup-agent kan geen verbinding maken met de Azure Backup service')).toBe(
      'registration-and-agent-related-issues/2',
    );
    expect(top('<p><at>Remedy</at>&nbsp;Er zijn ongeldige kluisreferenties opgegeven</p>')).toBe(
      'invalid-vault-credentials-provided/1',
    );
  });

  it('says none to unrelated messages', () => {
    for (const text of [
      'who is up for lunch at noon?',
      'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
      'MISCONF Redis is configured to save RDB snapshots, but it is currently unable to persist to disk.',
      '내일 회의 몇 시예요?',
      'Kan iemand mijn PR reviewen?',
    ]) {
      expect(matcher.match(text).verdict).toBe('none');
    }
  });

  it('works without a glossary (per language only)', () => {
    const plain = createMatcher(fixtureCatalogue(), EMPTY_GLOSSARY);
    expect(plain.match('VMSnapshot 확장 작업이 실패했습니다').results[0]?.id).toBe(
      'extensionoperationfailedformanageddisks',
    );
  });

  it('ranks best first, honours top and thresholds', () => {
    const response = matcher.match('VM agent unable to communicate with Azure Backup', { top: 2 });
    expect(response.results.length).toBeLessThanOrEqual(2);
    const scores = response.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const strict = createMatcher(fixtureCatalogue(), FIXTURE_GLOSSARY, { confident: 1.01, ambiguous: 1.01 });
    expect(strict.match('UserErrorGuestAgentStatusUnavailable').verdict).toBe('none');
    expect(DEFAULT_THRESHOLDS.confident).toBeGreaterThan(DEFAULT_THRESHOLDS.ambiguous);
  });
});

describe('matcher: what we do not know, several errors', () => {
  it('says none to a code of a catalogue family that no entry has, and names it', () => {
    for (const text of [
      'UserErrorSomethingNobodyDocumented: backup of vm-01 failed',
      'The current operation failed due to an internal service error [0x1FC07]. Retry the operation later.',
      'Registration of the server failed (ID: 230006)',
    ]) {
      const response = matcher.match(text);
      expect(response.verdict).toBe('none');
      expect(response.unknownCodes).toHaveLength(1);
    }
    expect(matcher.match('UserErrorGuestAgentStatusUnavailable').unknownCodes).toEqual([]);
  });

  it('does not take an event ID or a Windows HRESULT for a missing code', () => {
    expect(matcher.match('Event ID: 7034 The service terminated unexpectedly').unknownCodes).toEqual([]);
    expect(matcher.match('failed with 0x80070005 access denied').unknownCodes).toEqual([]);
  });

  it('answers the code the text says matters, and lists exactly the pasted errors otherwise', () => {
    const said = matcher.match(
      'Earlier UserErrorCrpReportedUserError, but the main error is UserErrorGuestAgentStatusUnavailable',
    );
    expect(said.verdict).toBe('confident');
    expect(said.results[0]?.id).toBe('usererrorguestagentstatusunavailable');
    for (const text of [
      'ignore UserErrorCrpReportedUserError, today it is UserErrorGuestAgentStatusUnavailable',
      'UserErrorCrpReportedUserError was fixed yesterday; now UserErrorGuestAgentStatusUnavailable on vm-02',
      'UserErrorCrpReportedUserError on vm-01 (fixed, agent restarted) and UserErrorGuestAgentStatusUnavailable on vm-02',
      '01:00  Failed  UserErrorCrpReportedUserError  on the test VM, ignore\n02:00  Failed  UserErrorGuestAgentStatusUnavailable',
      'UserErrorCrpReportedUserError 는 재시작으로 해결됐고 지금은 UserErrorGuestAgentStatusUnavailable 입니다',
      'we sorted out UserErrorCrpReportedUserError by restarting; the job now fails with UserErrorGuestAgentStatusUnavailable instead',
      'the UserErrorCrpReportedUserError one went away after the reboot, now every night it is UserErrorGuestAgentStatusUnavailable',
      'UserErrorCrpReportedUserError - cleared after the reboot\nUserErrorGuestAgentStatusUnavailable - still happening on vm-02',
      'UserErrorCrpReportedUserError is opgelost, maar nu krijgen we UserErrorGuestAgentStatusUnavailable',
      'two failures right now: UserErrorCrpReportedUserError on vm-a (fixed, agent restarted) and UserErrorGuestAgentStatusUnavailable on vm-b',
      'UserErrorCrpReportedUserError was gisteren, UserErrorGuestAgentStatusUnavailable blijft terugkomen',
      'UserErrorCrpReportedUserError 는 무시하셔도 되고 UserErrorGuestAgentStatusUnavailable 이 문제입니다',
    ]) {
      const response = matcher.match(text);
      expect(response.verdict).toBe('confident');
      expect(response.results[0]?.id).toBe('usererrorguestagentstatusunavailable');
    }
    const unsaid = matcher.match('UserErrorCrpReportedUserError and UserErrorGuestAgentStatusUnavailable');
    expect(unsaid.verdict).toBe('ambiguous');
    expect(unsaid.results).toHaveLength(2);
  });

  it('lets the text decide when the only code pasted is one the text sets aside', () => {
    // The live error is written out, not coded: the fixed one must not be answered.
    const response = matcher.match(
      'UserErrorCrpReportedUserError is gone since the reboot. Still failing though: the snapshot status cannot be retrieved',
    );
    expect(response.results[0]?.id).toBe(
      'the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken',
    );
    expect(matcher.match('UserErrorCrpReportedUserError was fixed, thanks all').verdict).not.toBe(
      'confident',
    );
  });

  it('does not set aside a code because a later clause on its line says something else was fixed', () => {
    const response = matcher.match(
      'UserErrorGuestAgentStatusUnavailable failed again after the UserErrorCrpReportedUserError issue was fixed',
    );
    expect(response.verdict).toBe('confident');
    expect(response.results[0]?.id).toBe('usererrorguestagentstatusunavailable');
  });

  it('answers when the runner-up is the same error documented elsewhere under the same title', () => {
    // One error in two articles (as MARS and MABS both document "Invalid vault credentials provided").
    const twin = entry({
      id: 'mabs:invalid-vault-credentials-provided',
      title: { en: 'Invalid vault credentials provided' },
      message: { en: 'Invalid vault credentials provided. The file is either corrupted or not the latest.' },
    });
    const withTwin = createMatcher(
      Catalogue.fromJson({ schemaVersion: 1, articles: [], entries: [...FIXTURE_ENTRIES, twin] }),
      FIXTURE_GLOSSARY,
    );
    const response = withTwin.match('registering: invalid vault credentials provided, the file is corrupted');
    expect(
      response.results
        .map((r) => r.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['invalid-vault-credentials-provided/1', 'mabs:invalid-vault-credentials-provided']);
    expect(response.verdict).toBe('confident');
  });

  it('reads a long word with a typo as the catalogue word it is one edit from', () => {
    expect(top('VMSnapshot extention operation failled')).toBe('extensionoperationfailedformanageddisks');
  });

  it('does not count Korean chat endings and particles the articles never use against the entry', () => {
    const formal = matcher.match('VM 에이전트가 Azure Backup과 통신할 수 없습니다').results[0];
    const chatty = matcher.match(
      'VM 에이전트가 Azure Backup이랑 통신을 못 한다고 계속 나오는데요, 어제부터 그래요 ㅠㅠ 왜 그런 걸까요',
    ).results[0];
    expect(chatty?.id).toBe(formal?.id);
    expect(formal!.score - chatty!.score).toBeLessThan(0.1);
  });

  it('finds a Korean paste and a Dutch paste of an entry through the glossary', () => {
    expect(top('VM 에이전트가 Azure Backup과 통신할 수 없습니다')).toBe(
      'usererrorguestagentstatusunavailable',
    );
    expect(top('Er zijn ongeldige kluisreferenties opgegeven. Het bestand is beschadigd.')).toBe(
      'invalid-vault-credentials-provided/1',
    );
  });
});

describe('matcher: symptom wordings', () => {
  const desirable = entry({
    id: 'usererrorvmnotindesirablestate',
    codes: ['UserErrorVmNotInDesirableState'],
    title: { en: 'UserErrorVmNotInDesirableState - VM is not in a state that allows backups' },
    steps: [{ en: 'Wait for the state to change, then retry the operation.' }],
  });
  const offline = entry({
    id: 'azurevmoffline',
    codes: ['AzureVmOffline'],
    title: { en: 'AzureVmOffline - Failed to install the extension as the virtual machine is not running' },
    steps: [{ en: 'Start the virtual machine, then retry the operation.' }],
  });
  const paste = 'backup refuses, the portal shows the vm as Failed. not running and not stopped, just failed';
  const withSymptoms = (symptoms: Entry['symptoms']) =>
    createMatcher(
      Catalogue.fromJson({
        schemaVersion: 1,
        articles: [],
        entries: [...FIXTURE_ENTRIES, offline, { ...desirable, ...(symptoms ? { symptoms } : {}) }],
      }),
      FIXTURE_GLOSSARY,
    );
  const wording = {
    lang: 'en' as const,
    text: 'the vm shows Failed as its status in the portal, not running and not stopped',
  };

  it('tells an entry from its neighbour by how people describe it, in words its article never uses', () => {
    expect(withSymptoms(undefined).match(paste).results[0]?.id).toBe('azurevmoffline');
    expect(withSymptoms([wording]).match(paste).results[0]?.id).toBe('usererrorvmnotindesirablestate');
  });

  it('answers below the confident threshold only when the article text alone ranks the same entry first', () => {
    const matcher = withSymptoms([wording]);
    // The wording alone carries the answer against the article text (which points at the other entry): the entry
    // is still ranked (for someone who asks), but the bot does not speak up in the channel, not even with a choice.
    const against = matcher.match(paste);
    expect(against.results.map((r) => r.id)).toEqual(['usererrorvmnotindesirablestate']);
    expect(against.results[0]?.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.ambiguous);
    expect(against.results[0]?.score).toBeLessThan(DEFAULT_THRESHOLDS.confident);
    expect(against.verdict).toBe('none');
    // The wording and the article's own words point at the same entry: said unprompted.
    const agreed = matcher.match('backup blocked: vm state, portal shows failed status');
    expect(agreed.results[0]?.id).toBe('usererrorvmnotindesirablestate');
    expect(agreed.results[0]?.score).toBeLessThan(DEFAULT_THRESHOLDS.confident);
    expect(agreed.verdict).toBe('confident');
  });

  it('does not let a wording answer for a paste about something else', () => {
    expect(withSymptoms([wording]).match('the deploy pipeline shows failed again, lunch first').verdict).toBe(
      'none',
    );
  });
});

describe('matcher: hostile input returns', () => {
  it('handles 1 MB of text, binary junk, 10,000 repetitions and regex-bomb shapes', () => {
    const inputs = [
      'a'.repeat(1024 * 1024),
      Array.from({ length: 65536 }, (_, i) => String.fromCharCode(i % 65536)).join(''),
      'UserErrorGuestAgentStatusUnavailable '.repeat(10_000),
      '<'.repeat(50_000) + 'a'.repeat(50_000),
      '&#'.repeat(50_000),
      `${'C:\\'.repeat(20_000)}x`,
      `${'aA'.repeat(40_000)}!`,
      '0x'.repeat(40_000),
      `ID: ${'9'.repeat(100_000)}`,
      '스냅샷 '.repeat(30_000),
      '',
    ];
    for (const input of inputs) {
      const response = matcher.match(input);
      expect(['confident', 'ambiguous', 'none']).toContain(response.verdict);
      for (const r of response.results) expect(r.score).toBeLessThanOrEqual(1);
    }
    expect(matcher.match('UserErrorGuestAgentStatusUnavailable '.repeat(10_000)).results[0]?.id).toBe(
      'usererrorguestagentstatusunavailable',
    );
    expect(MAX_INPUT_CHARS).toBeLessThan(1024 * 1024);
  });
});

describe('matcher: answers do not depend on what was pasted before', () => {
  it('gives a paste the same answer after thousands of other words were read (and the word cache emptied)', () => {
    const fresh = createMatcher(fixtureCatalogue(), FIXTURE_GLOSSARY);
    const paste = 'Backup fails: the VM agent is unable to communicate with the Azure Backup service';
    const first = fresh.match(paste);
    // Well over the cache's size in distinct words (each paste is cut at MAX_INPUT_CHARS).
    let word = 0;
    while (word < 60_000) {
      const words: string[] = [];
      for (let length = 0; length < MAX_INPUT_CHARS - 20; length += words[words.length - 1]!.length + 1)
        words.push(`zq${(word++).toString(36)}x`);
      fresh.match(words.join(' '));
    }
    expect(fresh.match(paste)).toEqual(first);
    expect(first.results[0]?.id).toBe('usererrorguestagentstatusunavailable');
  });
});
