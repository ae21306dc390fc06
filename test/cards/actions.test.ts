import {
  ACTION_SCHEMAS,
  VERBS,
  packAction,
  parseAction,
  type ActionPayload,
  type MatchContext,
  type Verb,
} from '../../src/cards';
import { isDomainError } from '../../src/core/errors';

const match: MatchContext = {
  verdict: 'confident',
  score: 0.8,
  codes: ['0x29834'],
  textHash: 'abc',
  pastedAt: '2026-01-05T09:00:00.000Z',
};
const ref = { sessionId: 'session-1', entryId: 'err-a', stepId: 'err-a#s2', version: 3 };

const payloads: { [V in Verb]: ActionPayload<V> } = {
  start: { entryId: 'err-a', match },
  jump: { entryId: 'err-a', stepId: 'err-a#s2', match },
  choose: { entryId: 'err-a', match },
  next: ref,
  back: ref,
  fixed: ref,
  escalate: ref,
  yes: ref,
  no: ref,
  refresh: { sessionId: 'session-1' },
  stats: { entryId: 'err-a' },
  help: {},
};

describe('card actions', () => {
  it('defines a payload schema for every verb', () => {
    expect(Object.keys(payloads).sort()).toEqual([...VERBS].sort());
    expect(Object.keys(ACTION_SCHEMAS).sort()).toEqual([...VERBS].sort());
  });

  it.each(VERBS)('%s: pack → parse round-trips, ids in data and never in the verb', (verb) => {
    const packed = packAction(verb, payloads[verb] as never, 'Title');
    expect(packed).toMatchObject({ type: 'Action.Execute', verb, title: 'Title' });
    expect(packed.verb).toBe(verb);
    // What Teams sends back is JSON: round-trip through it.
    const parsed = parseAction(packed.verb, JSON.parse(JSON.stringify(packed.data)));
    expect(parsed).toEqual({ verb, data: payloads[verb] });
  });

  it('refuses to pack a payload that does not fit the verb', () => {
    expect(() => packAction('next', { ...ref, version: 0 }, 'Next')).toThrow(/cannot pack next: version/);
  });

  const forged: Array<[string, unknown, unknown, RegExp]> = [
    ['unknown verb', 'deleteEverything', {}, /verb must be one of/],
    ['verb not a string', 42, {}, /verb must be one of/],
    ['missing sessionId', 'next', { entryId: 'e', stepId: 's', version: 1 }, /sessionId/],
    ['empty stepId', 'fixed', { ...ref, stepId: '' }, /stepId: stepId must not be empty/],
    ['version as a string', 'back', { ...ref, version: '3' }, /version: version must be a number/],
    ['fractional version', 'next', { ...ref, version: 1.5 }, /version must be an integer/],
    ['huge id', 'escalate', { ...ref, sessionId: 'x'.repeat(301) }, /sessionId is too long/],
    ['match score over 1', 'start', { entryId: 'e', match: { ...match, score: 7 } }, /match.score/],
    [
      'pastedAt not a date',
      'choose',
      { entryId: 'e', match: { ...match, pastedAt: 'yesterday' } },
      /match.pastedAt must be an ISO date-time/,
    ],
    ['payload not an object', 'next', 'sessionId=1', /invalid next payload/],
  ];

  it.each(forged)('rejects a forged payload: %s', (_, verb, data, message) => {
    const result = parseAction(verb, data);
    expect(isDomainError(result, 'ACTION_INVALID')).toBe(true);
    expect((result as Error).message).toMatch(message);
  });

  it('drops fields a payload should not have', () => {
    expect(parseAction('next', { ...ref, admin: true })).toEqual({ verb: 'next', data: ref });
  });
});
