import { buildFuzzyTerms } from '../../../src/core/matching/fuzzyTerms';

const known = new Set(['backup', 'failed', 'state', 'running']);
const fuzzy = buildFuzzyTerms(
  [
    { term: 'provisioning', group: 'provisioning' },
    { term: 'snapshot', group: 'snapshot' },
    { term: 'kluisreferenties', group: 'credentials' },
    { term: 'iaasvmprovider', group: 'iaasvmprovider' },
    { term: 'inconsistent', group: 'inconsistent' },
    { term: 'inconsistency', group: 'inconsistent' },
    { term: 'schedule', group: 'schedule' },
    { term: 'schedulx', group: 'other' },
    { term: 'ab', group: 'short' },
  ],
  (word) => known.has(word),
);

describe('typo stage (fuse.js over the small term list)', () => {
  it('reads a word one or two letters off as the term', () => {
    expect(fuzzy.correct('vm is in failed provisoning state')).toBe('vm is in failed provisioning state');
    expect(fuzzy.correct('Snaphsot failed')).toBe('snapshot failed');
    expect(fuzzy.correct('ongeldige kluisrefrenties')).toBe('ongeldige kluisreferenties');
    expect(fuzzy.correct('sc qc iaasvmprovidr')).toBe('sc qc iaasvmprovider');
    // Two forms of one concept are no reason to hesitate.
    expect(fuzzy.correct('replica inconsistnet')).toBe('replica inconsistent');
  });

  it('leaves a word alone when two different terms are about as close', () => {
    expect(fuzzy.correct('schedulz')).toBe('schedulz');
  });

  it('leaves known words, exact terms, far-off words and camel-case codes alone', () => {
    const text = 'backup running provisioning kubernetes deployment ProvisoningStateFailed';
    expect(fuzzy.correct(text)).toBe(text);
  });

  it('keeps the list small: short and non-alphabetic terms are not in it', () => {
    expect(fuzzy.size).toBe(8);
  });
});
