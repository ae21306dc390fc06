/** Step kinds in a guided fix: only a fix can be what fixed the error; a check is answered yes / no. */
import { isDomainError, type DomainError } from '../../../src/core/errors';
import { buildPlan } from '../../../src/core/remediation/plan';
import type { Session } from '../../../src/core/remediation/session';
import {
  applyAction,
  currentStepId,
  startSession,
  stepProgress,
  type StepActionKind,
  type Transition,
} from '../../../src/core/remediation/transitions';
import { KINDS, fixtureCatalogue } from './fixture';

const catalogue = fixtureCatalogue();
const entry = catalogue.require(KINDS);
const plan = buildPlan(catalogue, entry);
const alice = { hash: 'hash-alice', name: 'Alice' };
const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));

function start(startAt?: string): Session {
  return startSession({
    id: 's-1',
    entry,
    plan,
    match: { verdict: 'confident', score: 0.9, codes: [], textHash: 'h' },
    locale: 'en-US',
    lang: 'en',
    conversation: { conversationId: 'c', serviceUrl: 'https://x/' },
    user: alice,
    now: at(0),
    ...(startAt ? { startAt } : {}),
  });
}

function click(session: Session, kind: StepActionKind, minute = 1): Transition | DomainError {
  return applyAction(
    session,
    {
      kind,
      sessionId: session.id,
      entryId: session.entryId,
      stepId: currentStepId(session),
      version: session.version,
      user: alice,
    },
    at(minute),
  );
}

function ok(result: Transition | DomainError): Transition {
  if (isDomainError(result)) throw result;
  return result;
}

describe('plan', () => {
  it('keeps each step’s kind, numbers the fixes and keeps the check’s pointer to its fix', () => {
    expect(plan.steps.map((s) => [s.kind, s.fixNumber])).toEqual([
      ['check', 1],
      ['fix', 1],
      ['fix', 2],
      ['diagnostic', 3],
    ]);
    expect(plan.fixCount).toBe(2);
    expect(plan.steps[0]?.ifNot).toBe(`${KINDS}#s3`);
  });
});

describe('transitions by step kind', () => {
  it('refuses "fixed" on a check and on a diagnostic', () => {
    const session = start();
    const onCheck = click(session, 'fixed');
    expect(isDomainError(onCheck) && onCheck.code).toBe('ACTION_INVALID');
    let s = ok(click(session, 'yes')).session;
    s = ok(click(s, 'next')).session;
    s = ok(click(s, 'next')).session;
    expect(stepProgress(s, s.position).kind).toBe('diagnostic');
    const onDiagnostic = click(s, 'fixed');
    expect(isDomainError(onDiagnostic) && onDiagnostic.code).toBe('ACTION_INVALID');
  });

  it('answers a check: yes goes to the next step, no to the fix the article points to', () => {
    const yes = ok(click(start(), 'yes')).session;
    expect(currentStepId(yes)).toBe(`${KINDS}#s2`);
    const no = ok(click(start(), 'no')).session;
    expect(currentStepId(no)).toBe(`${KINDS}#s3`);
  });

  it('refuses yes / no on a step that asks nothing', () => {
    const onFix = click(ok(click(start(), 'yes')).session, 'no');
    expect(isDomainError(onFix) && onFix.code).toBe('ACTION_INVALID');
  });

  it('counts only fixes as tried, and keeps every answer with who and when in the trail', () => {
    let s = ok(click(start(), 'yes', 1)).session;
    s = ok(click(s, 'next', 2)).session;
    s = ok(click(s, 'next', 3)).session;
    const ended = ok(click(s, 'next', 4));
    expect(ended.session.status).toBe('exhausted');
    expect(ended.outcome?.stepsTried).toEqual([`${KINDS}#s2`, `${KINDS}#s3`]);
    expect(ended.session.trail?.map((t) => [t.stepId, t.action, t.by, t.at])).toEqual([
      [`${KINDS}#s1`, 'yes', 'Alice', at(1).toISOString()],
      [`${KINDS}#s2`, 'next', 'Alice', at(2).toISOString()],
      [`${KINDS}#s3`, 'next', 'Alice', at(3).toISOString()],
      [`${KINDS}#s4`, 'next', 'Alice', at(4).toISOString()],
    ]);
  });

  it('does not start a guided fix on a step that is not a fix ("jump to the step that usually works")', () => {
    expect(() => start(`${KINDS}#s4`)).toThrow(expect.objectContaining({ code: 'ACTION_INVALID' }));
    expect(currentStepId(start(`${KINDS}#s3`))).toBe(`${KINDS}#s3`);
  });

  it('reads "step 2 of 2 fixes" on the second fix, and "before step 2" on a check in front of it', () => {
    const s = start();
    expect(stepProgress(s, 2)).toEqual({ kind: 'fix', fixNumber: 2, fixCount: 2 });
    expect(stepProgress(s, 0)).toEqual({ kind: 'check', fixNumber: 1, fixCount: 2 });
    expect(stepProgress(s, 3)).toEqual({ kind: 'diagnostic', fixNumber: 3, fixCount: 2 });
  });
});
