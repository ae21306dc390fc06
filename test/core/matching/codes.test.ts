import { boundedLevenshtein, buildCodeIndex, isErrorCodeShaped } from '../../../src/core/matching/codes';
import { FIXTURE_ENTRIES } from './fixture';

const index = buildCodeIndex(FIXTURE_ENTRIES);
const found = (text: string) => index.extract(text).hits.map((h) => `${h.code}:${h.how}:${h.distance}`);

describe('code and ID extraction stage', () => {
  it('finds an exact code, in any case', () => {
    expect(found('UserErrorGuestAgentStatusUnavailable')).toEqual([
      'UserErrorGuestAgentStatusUnavailable:exact:0',
    ]);
    expect(found('usererrorcrpreportedusererror')).toEqual(['UserErrorCrpReportedUserError:exact:0']);
  });

  it('finds a code one or two letters off, and the older spelling exactly', () => {
    expect(found('UserErrorGuestAgentStatusUnavailble')).toEqual([
      'UserErrorGuestAgentStatusUnavailable:fuzzy:1',
    ]);
    expect(found('ExtensionOperationFailedForManagedDisc')).toEqual([
      'ExtensionOperationFailedForManagedDisks:fuzzy:2',
    ]);
    expect(found('ExtentionOperationFailedForManagedDisks')).toEqual([
      'ExtentionOperationFailedForManagedDisks:exact:0',
    ]);
  });

  it('finds several codes in one paste', () => {
    expect(
      found('first UserErrorCrpReportedUserError, then UserErrorGuestAgentStatusUnavailable').sort(),
    ).toEqual(['UserErrorCrpReportedUserError:exact:0', 'UserErrorGuestAgentStatusUnavailable:exact:0']);
  });

  it('accepts numeric IDs only in context', () => {
    expect(found('(ID: 100050)')).toEqual(['100050:numeric:0']);
    expect(found('Error ID 100050')).toEqual(['100050:numeric:0']);
    expect(found('error 100050')).toEqual(['100050:numeric:0']);
    expect(found('failed [0x29834].')).toEqual(['0x29834:numeric:0']);
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

  it('computes a bounded edit distance', () => {
    expect(boundedLevenshtein('kitten', 'sitting', 5)).toBe(3);
    expect(boundedLevenshtein('kitten', 'sitting', 1)).toBe(2);
    expect(boundedLevenshtein('abc', 'abc', 0)).toBe(0);
  });
});
