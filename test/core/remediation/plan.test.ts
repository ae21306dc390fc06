import { buildPlan, planStep } from '../../../src/core/remediation/plan';
import { ERR, fixtureCatalogue } from './fixture';

describe('buildPlan', () => {
  const catalogue = fixtureCatalogue();
  const plan = buildPlan(catalogue, catalogue.require(ERR));

  it('lists the entry’s own steps, then each cause’s steps in documented order', () => {
    expect(plan.entryId).toBe(ERR);
    expect(plan.steps.map((s) => s.stepId)).toEqual([
      'err-a#s1',
      'err-a#s2',
      'err-a#s3',
      'err-a#s4',
      'cause-1#s1',
      'cause-1#s2',
      'cause-2#s1',
      'cause-2#s2',
    ]);
    expect(plan.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('tells each cause step which cause it belongs to (1-based, with its title)', () => {
    expect(plan.steps.slice(0, 4).every((s) => s.cause === undefined)).toBe(true);
    expect(plan.steps[4]?.cause).toEqual({ id: 'cause-1', number: 1, title: { en: 'Title of cause-1' } });
    expect(plan.steps[6]?.cause?.number).toBe(2);
    expect(plan.steps[7]?.cause?.id).toBe('cause-2');
  });

  it('groups "(OR)" alternatives so a card can say "Option k of n"', () => {
    expect(plan.steps.map((s) => (s.option ? `${s.option.number}/${s.option.of}` : '-'))).toEqual([
      '-',
      '1/3',
      '2/3',
      '3/3',
      '-',
      '-',
      '1/2',
      '2/2',
    ]);
  });

  it('finds a plan step by id', () => {
    expect(planStep(plan, 'cause-1#s2')?.index).toBe(5);
    expect(planStep(plan, 'nope')).toBeUndefined();
  });

  it('gives an entry without steps or causes an empty plan', () => {
    expect(buildPlan(catalogue, catalogue.require('no-steps')).steps).toEqual([]);
  });
});
