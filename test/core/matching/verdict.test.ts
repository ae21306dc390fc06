import { CONFIDENT_MARGIN, DEFAULT_THRESHOLDS, decideVerdict } from '../../../src/core/matching/verdict';

describe('verdict stage', () => {
  const { confident, ambiguous } = DEFAULT_THRESHOLDS;

  it('is none below the ambiguous threshold or without results', () => {
    expect(decideVerdict([], DEFAULT_THRESHOLDS)).toBe('none');
    expect(decideVerdict([ambiguous - 0.01], DEFAULT_THRESHOLDS)).toBe('none');
  });

  it('is confident only above the threshold with a clear margin', () => {
    expect(decideVerdict([confident + 0.05], DEFAULT_THRESHOLDS)).toBe('confident');
    expect(
      decideVerdict([confident + 0.05, confident + 0.05 - CONFIDENT_MARGIN / 2], DEFAULT_THRESHOLDS),
    ).toBe('ambiguous');
  });

  it('is ambiguous between the thresholds', () => {
    expect(decideVerdict([(confident + ambiguous) / 2], DEFAULT_THRESHOLDS)).toBe('ambiguous');
  });

  it('honours custom thresholds', () => {
    expect(decideVerdict([0.5], { confident: 0.4, ambiguous: 0.2 })).toBe('confident');
  });
});
