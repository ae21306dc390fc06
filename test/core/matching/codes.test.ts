import { boundedLevenshtein, buildCodeIndex, isErrorCodeShaped } from '../../../src/core/matching/codes';
import { FIXTURE_ENTRIES } from './fixture';

const index = buildCodeIndex(FIXTURE_ENTRIES);
const found = (text: string) => index.extract(text).hits.map((h) => `${h.code}:${h.typos}`);

describe('code and ID extraction stage', () => {
  it('finds an exact code, in any case', () => {
    expect(found('UserErrorGuestAgentStatusUnavailable')).toEqual(['UserErrorGuestAgentStatusUnavailable:0']);
    expect(found('usererrorcrpreportedusererror')).toEqual(['UserErrorCrpReportedUserError:0']);
  });

  it('finds a code one or two letters off, and the older spelling exactly', () => {
    expect(found('UserErrorGuestAgentStatusUnavailble')).toEqual(['UserErrorGuestAgentStatusUnavailable:1']);
    expect(found('ExtensionOperationFailedForManagedDisc')).toEqual([
      'ExtensionOperationFailedForManagedDisks:2',
    ]);
    expect(found('ExtentionOperationFailedForManagedDisks')).toEqual([
      'ExtentionOperationFailedForManagedDisks:0',
    ]);
  });

  it('finds several codes in one paste', () => {
    expect(
      found('first UserErrorCrpReportedUserError, then UserErrorGuestAgentStatusUnavailable').sort(),
    ).toEqual(['UserErrorCrpReportedUserError:0', 'UserErrorGuestAgentStatusUnavailable:0']);
  });

  it('accepts numeric IDs only in context', () => {
    expect(found('(ID: 100050)')).toEqual(['100050:0']);
    expect(found('Error ID 100050')).toEqual(['100050:0']);
    expect(found('error 100050')).toEqual(['100050:0']);
    expect(found('failed [0x29834].')).toEqual(['0x29834:0']);
    expect(found('we copied 100050 files to 0x1234')).toEqual([]);
  });

  it('does not stretch edit distance to unrelated identifiers', () => {
    expect(found('UserErrorSomethingCompletelyDifferent')).toEqual([]);
    expect(found('ExtensionOperationFailed')).toEqual([]);
  });

  it('reports error-code-shaped tokens that are not catalogue codes', () => {
    expect(index.extract('java.lang.OutOfMemoryError: Java heap space').foreign).toEqual([
      'OutOfMemoryError',
    ]);
    expect(index.extract('WindowsAzureGuestAgent service').foreign).toEqual([]);
    expect(isErrorCodeShaped('AuthorizationPermissionMismatch')).toBe(true);
  });

  it('reports codes of the catalogue families, short hex codes and error IDs that no entry has', () => {
    expect(index.extract('UserErrorSomethingCompletelyDifferent').unknown).toEqual([
      'UserErrorSomethingCompletelyDifferent',
    ]);
    expect(index.extract('internal service error [0x1FC07]').unknown).toEqual(['0x1FC07']);
    expect(index.extract('Registration failed (ID: 230006)').unknown).toEqual(['230006']);
    expect(index.extract('Event ID: 7034 Service Control Manager').unknown).toEqual([]);
    expect(index.extract('HRESULT 0x80070005 access denied').unknown).toEqual([]);
    expect(index.extract('AuthorizationPermissionMismatch').unknown).toEqual([]);
  });

  it('takes a catalogue number of five digits or more among other codes of ours, not a count or a year', () => {
    expect(found('0x29834 was a one-off, what keeps failing is 100050 on the new datasource').sort()).toEqual(
      ['0x29834:0', '100050:0'],
    );
    expect(found('what keeps failing is 100050 on the new datasource')).toEqual([]);
    const year = buildCodeIndex([
      ...FIXTURE_ENTRIES,
      { ...FIXTURE_ENTRIES[0]!, id: 'year', codes: ['2013'] },
    ]);
    expect(year.extract('0x29834 again on the 2013 servers').hits.map((h) => h.code)).toEqual(['0x29834']);
  });

  it('takes a bare catalogue number when the paste says little else, marks an emphasised code', () => {
    expect(found('100050')).toEqual(['100050:0']);
    expect(index.extract('100050').hits[0]?.bare).toBe(true);
    const hits = index.extract(
      'UserErrorCrpReportedUserError, the main error is UserErrorGuestAgentStatusUnavailable',
    ).hits;
    expect(hits.filter((h) => h.emphasised).map((h) => h.code)).toEqual([
      'UserErrorGuestAgentStatusUnavailable',
    ]);
  });

  it('reads which code matters from its clause when no set phrase says so', () => {
    const marks = (text: string) =>
      index
        .extract(text)
        .hits.map((h) => `${h.code}:${h.emphasised ? 'live' : h.demoted ? 'aside' : '-'}`)
        .sort();
    // "handled … last sprint" and "keeps us up" are in no pattern; their clauses still tell the two apart.
    expect(
      marks(
        'UserErrorCrpReportedUserError got handled by the infra team last sprint, but UserErrorGuestAgentStatusUnavailable keeps us up',
      ),
    ).toEqual(['UserErrorCrpReportedUserError:-', 'UserErrorGuestAgentStatusUnavailable:live']);
    // Only one clause sets its code aside: the other is what the paste is about.
    expect(
      marks(
        'UserErrorCrpReportedUserError: mitigated by the retry policy. UserErrorGuestAgentStatusUnavailable on vm-app-01',
      ),
    ).toEqual(['UserErrorCrpReportedUserError:aside', 'UserErrorGuestAgentStatusUnavailable:-']);
    // One code, set aside by its clause, while a clause without a code is live: the live error is written out.
    expect(
      marks(
        'UserErrorCrpReportedUserError got handled by the infra team. Now the backup says the VM agent is unable to communicate',
      ),
    ).toEqual(['UserErrorCrpReportedUserError:aside']);
    expect(marks('UserErrorCrpReportedUserError got handled by the infra team.')).toEqual([
      'UserErrorCrpReportedUserError:-',
    ]);
    // Clauses that say nothing leave the choice to the team.
    expect(
      marks('job details: UserErrorCrpReportedUserError, then UserErrorGuestAgentStatusUnavailable'),
    ).toEqual(['UserErrorCrpReportedUserError:-', 'UserErrorGuestAgentStatusUnavailable:-']);
  });

  it('computes a bounded edit distance', () => {
    expect(boundedLevenshtein('kitten', 'sitting', 5)).toBe(3);
    expect(boundedLevenshtein('kitten', 'sitting', 1)).toBe(2);
    expect(boundedLevenshtein('abc', 'abc', 0)).toBe(0);
  });
});
