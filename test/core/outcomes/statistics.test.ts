import type { Outcome } from '../../../src/core/outcomes/outcome';
import {
  aggregate,
  computeStats,
  shapeStats,
  statsFor,
  stepSuccessRate,
  usualFix,
  type EntryCountRow,
} from '../../../src/core/outcomes/statistics';

let counter = 0;
function outcome(partial: Partial<Outcome> & Pick<Outcome, 'entryId' | 'outcome'>): Outcome {
  counter += 1;
  return {
    sessionId: `s${counter}`,
    stepsTried: [],
    matchVerdict: 'confident',
    matchScore: 0.9,
    codes: [],
    textHash: 'h',
    locale: 'en-US',
    lang: 'en',
    userHash: 'u',
    pastedAt: '2026-01-01T10:00:00.000Z',
    endedAt: '2026-01-01T10:05:00.000Z',
    ...partial,
  };
}

const resolvedBy = (entryId: string, step: string, tried: string[] = [], minutes = 5): Outcome =>
  outcome({
    entryId,
    outcome: 'resolved',
    resolvedStepId: step,
    stepsTried: tried,
    endedAt: new Date(Date.parse('2026-01-01T10:00:00.000Z') + minutes * 60_000).toISOString(),
  });

describe('computeStats', () => {
  it('returns nothing for no outcomes', () => {
    expect(computeStats([])).toEqual([]);
  });

  it('counts sessions per outcome kind and the resolution rate', () => {
    const stats = computeStats([
      resolvedBy('a', 'a#s1'),
      outcome({ entryId: 'a', outcome: 'exhausted', stepsTried: ['a#s1', 'a#s2'] }),
      outcome({ entryId: 'a', outcome: 'escalated', stepsTried: ['a#s1'] }),
      resolvedBy('a', 'a#s2', ['a#s1']),
    ]);
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ entryId: 'a', sessions: 4, resolved: 2, exhausted: 1, escalated: 1 });
    expect(stats[0]?.resolutionRate).toBeCloseTo(0.5);
  });

  it('gives "step N fixed this R of T times": tried counts every session that showed the step', () => {
    // Step 3 is shown in 10 sessions and fixes 7 of them; in 3 it did not help and step 4 fixed it.
    const outcomes = [
      ...Array.from({ length: 7 }, () => resolvedBy('e', 'e#s3', ['e#s1', 'e#s2'])),
      ...Array.from({ length: 3 }, () => resolvedBy('e', 'e#s4', ['e#s1', 'e#s2', 'e#s3'])),
    ];
    const stats = statsFor(outcomes, 'e');
    const step3 = stats?.steps.find((s) => s.stepId === 'e#s3');
    expect(step3).toEqual({ stepId: 'e#s3', tried: 10, resolved: 7 });
    expect(stats?.steps.find((s) => s.stepId === 'e#s1')).toEqual({ stepId: 'e#s1', tried: 10, resolved: 0 });
    expect(stepSuccessRate(step3!)).toBeCloseTo(0.7);
  });

  it('orders steps by resolved, then tried', () => {
    const stats = statsFor(
      [
        resolvedBy('e', 'e#s2', ['e#s1']),
        resolvedBy('e', 'e#s2', ['e#s1']),
        resolvedBy('e', 'e#s1'),
        outcome({ entryId: 'e', outcome: 'exhausted', stepsTried: ['e#s1', 'e#s2', 'e#s3', 'e#s4'] }),
        outcome({ entryId: 'e', outcome: 'escalated', stepsTried: ['e#s1', 'e#s4'] }),
      ],
      'e',
    );
    expect(stats?.steps.map((s) => s.stepId)).toEqual(['e#s2', 'e#s1', 'e#s4', 'e#s3']);
  });

  it('counts a step once per session even when the user went back to it', () => {
    const stats = statsFor(
      [outcome({ entryId: 'e', outcome: 'exhausted', stepsTried: ['e#s1', 'e#s1'] })],
      'e',
    );
    expect(stats?.steps).toEqual([{ stepId: 'e#s1', tried: 1, resolved: 0 }]);
  });

  it('orders entries by number of sessions', () => {
    const stats = computeStats([
      resolvedBy('b', 'b#s1'),
      resolvedBy('a', 'a#s1'),
      resolvedBy('a', 'a#s1'),
      resolvedBy('c', 'c#s1'),
      resolvedBy('c', 'c#s1'),
      resolvedBy('c', 'c#s1'),
    ]);
    expect(stats.map((s) => [s.entryId, s.sessions])).toEqual([
      ['c', 3],
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('gives the median time to fix over resolved sessions only', () => {
    const stats = statsFor(
      [
        resolvedBy('e', 'e#s1', [], 2),
        resolvedBy('e', 'e#s1', [], 10),
        resolvedBy('e', 'e#s1', [], 4),
        resolvedBy('e', 'e#s1', [], 30),
        // Not resolved: its long duration must not count.
        outcome({ entryId: 'e', outcome: 'escalated', endedAt: '2026-01-02T10:00:00.000Z' }),
      ],
      'e',
    );
    // Durations are counted in ~2 % wide buckets (so that stores keep counters, not records): within 2 %.
    expect(Math.abs((stats?.medianTimeToFixMs ?? 0) - 7 * 60_000)).toBeLessThanOrEqual(0.02 * 7 * 60_000);
    // An odd count: the middle one, within 2 %.
    const odd = statsFor(
      [resolvedBy('e', 'e#s1', [], 2), resolvedBy('e', 'e#s1', [], 90), resolvedBy('e', 'e#s1', [], 5)],
      'e',
    );
    expect(Math.abs((odd?.medianTimeToFixMs ?? 0) - 5 * 60_000)).toBeLessThanOrEqual(0.02 * 5 * 60_000);
  });

  it('gives the same statistics from summed counters as from the records (shapeStats ∘ aggregate)', () => {
    const records = [
      resolvedBy('e', 'e#s2', ['e#s1'], 3),
      resolvedBy('e', 'e#s2', ['e#s1', 'e#s1'], 8),
      outcome({ entryId: 'f', outcome: 'exhausted', stepsTried: ['f#1', 'f#2'] }),
    ];
    // Split in two halves, aggregated separately and summed like the counter tables do.
    const a = aggregate(records.slice(0, 1));
    const b = aggregate(records.slice(1));
    const summed = shapeStats({
      entries: Object.values(
        [...a.entries, ...b.entries].reduce<Record<string, EntryCountRow>>((acc, row) => {
          const known = acc[row.entryId];
          acc[row.entryId] = known
            ? {
                entryId: row.entryId,
                sessions: known.sessions + row.sessions,
                resolved: known.resolved + row.resolved,
                exhausted: known.exhausted + row.exhausted,
                escalated: known.escalated + row.escalated,
              }
            : row;
          return acc;
        }, {}),
      ),
      steps: [...a.steps, ...b.steps],
      fixBuckets: [...a.fixBuckets, ...b.fixBuckets],
    });
    const direct = computeStats(records);
    // Step rows of the two halves are not merged above: compare the merged totals per step.
    expect(summed.map((e) => [e.entryId, e.sessions, e.resolved, e.exhausted])).toEqual(
      direct.map((e) => [e.entryId, e.sessions, e.resolved, e.exhausted]),
    );
    expect(direct[0]?.steps).toEqual([
      { stepId: 'e#s2', tried: 2, resolved: 2 },
      { stepId: 'e#s1', tried: 2, resolved: 0 },
    ]);
    expect(summed[0]?.medianTimeToFixMs).toBe(direct[0]?.medianTimeToFixMs);
  });

  it('has no median time to fix without resolved sessions or usable timestamps', () => {
    expect(
      statsFor([outcome({ entryId: 'e', outcome: 'exhausted' })], 'e')?.medianTimeToFixMs,
    ).toBeUndefined();
    const broken = outcome({
      entryId: 'e',
      outcome: 'resolved',
      resolvedStepId: 'e#s1',
      pastedAt: 'not a date',
    });
    expect(statsFor([broken], 'e')?.medianTimeToFixMs).toBeUndefined();
  });
});

describe('statsFor', () => {
  it('is undefined for an entry without outcomes', () => {
    expect(statsFor([resolvedBy('a', 'a#s1')], 'b')).toBeUndefined();
  });
});

describe('usualFix', () => {
  it('is the step that resolved most sessions', () => {
    const stats = statsFor(
      [resolvedBy('e', 'e#s1'), resolvedBy('e', 'e#s3', ['e#s1']), resolvedBy('e', 'e#s3', ['e#s1', 'e#s2'])],
      'e',
    )!;
    expect(usualFix(stats)?.stepId).toBe('e#s3');
  });

  it('needs at least two resolutions by default, or the given minimum', () => {
    const stats = statsFor([resolvedBy('e', 'e#s2', ['e#s1'])], 'e')!;
    expect(usualFix(stats)).toBeUndefined();
    expect(usualFix(stats, 1)?.stepId).toBe('e#s2');
  });

  it('never proposes a step that fixed nothing', () => {
    const stats = statsFor([outcome({ entryId: 'e', outcome: 'exhausted', stepsTried: ['e#s1'] })], 'e')!;
    expect(usualFix(stats, 0)).toBeUndefined();
  });

  it('prefers the better success rate between steps that resolved equally often', () => {
    const stats = statsFor(
      [
        // s1 fixes 2 of the 5 sessions that showed it; s2 fixes 2 of the 2 sessions that showed it.
        resolvedBy('e', 'e#s1'),
        resolvedBy('e', 'e#s1'),
        outcome({ entryId: 'e', outcome: 'exhausted', stepsTried: ['e#s1'] }),
        resolvedBy('e', 'e#s2', ['e#s1']),
        resolvedBy('e', 'e#s2', ['e#s1']),
      ],
      'e',
    )!;
    expect(usualFix(stats)?.stepId).toBe('e#s2');
  });
});
