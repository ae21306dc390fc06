import { isDomainError, type DomainError } from '../../../src/core/errors';
import { OutcomeSchema } from '../../../src/core/outcomes/outcome';
import { buildPlan } from '../../../src/core/remediation/plan';
import { SessionSchema, type Session } from '../../../src/core/remediation/session';
import {
  applyAction,
  currentStepId,
  elapsedMs,
  startSession,
  type StepAction,
  type StepActionKind,
  type Transition,
} from '../../../src/core/remediation/transitions';
import { ERR, fixtureCatalogue } from './fixture';

const catalogue = fixtureCatalogue();
const entry = catalogue.require(ERR);
const plan = buildPlan(catalogue, entry);
const PASTED = new Date('2026-01-05T09:00:00.000Z');
const STARTED = new Date('2026-01-05T09:01:00.000Z');
const alice = { hash: 'hash-alice', name: 'Alice' };
const bob = { hash: 'hash-bob', name: 'Bob' };

function start(startAt?: string): Session {
  return startSession({
    id: 'session-1',
    entry,
    plan,
    match: { verdict: 'confident', score: 0.9, codes: ['Code-err-a'], textHash: 'text-hash' },
    locale: 'nl-NL',
    lang: 'nl',
    conversation: {
      conversationId: 'conv-1',
      serviceUrl: 'https://smba.example/',
      tenantId: 'tenant-1',
      teamId: 'team-1',
      channelId: 'channel-1',
    },
    user: alice,
    now: STARTED,
    pastedAt: PASTED,
    ...(startAt ? { startAt } : {}),
  });
}

function click(
  session: Session,
  kind: StepActionKind,
  user = alice,
  patch: Partial<StepAction> = {},
): StepAction {
  return {
    kind,
    sessionId: session.id,
    entryId: session.entryId,
    stepId: currentStepId(session),
    version: session.version,
    user,
    ...patch,
  };
}

function ok(result: Transition | DomainError): Transition {
  if (isDomainError(result)) throw new Error(`expected a transition, got ${result.code}: ${result.message}`);
  return result;
}

function fails(result: Transition | DomainError): DomainError {
  if (!isDomainError(result)) throw new Error(`expected a DomainError, got session ${result.session.status}`);
  return result;
}

const minutes = (n: number) => new Date(STARTED.getTime() + n * 60_000);

describe('startSession', () => {
  it('starts on the first plan step, version 1, active, with the frozen plan', () => {
    const session = start();
    expect(SessionSchema.parse(session)).toEqual(session);
    expect(session).toMatchObject({
      version: 1,
      position: 0,
      status: 'active',
      tried: [],
      startedBy: 'hash-alice',
    });
    expect(session.stepIds).toEqual(plan.steps.map((s) => s.stepId));
    expect(session.pastedAt).toBe(PASTED.toISOString());
    expect(currentStepId(session)).toBe('err-a#s1');
  });

  it('can start on the step that usually works', () => {
    expect(currentStepId(start('cause-1#s1'))).toBe('cause-1#s1');
  });

  it('rejects a start step outside the plan, a plan of another entry and an entry without steps', () => {
    expect(() => start('elsewhere#s1')).toThrow(expect.objectContaining({ code: 'ACTION_INVALID' }));
    const other = catalogue.require('no-steps');
    expect(() => startSession({ ...baseInput(), entry: other })).toThrow(/plan is for err-a/);
    expect(() => startSession({ ...baseInput(), entry: other, plan: buildPlan(catalogue, other) })).toThrow(
      /no steps/,
    );
  });
});

function baseInput() {
  return {
    id: 's',
    entry,
    plan,
    match: { verdict: 'confident' as const, score: 1, codes: [], textHash: 'h' },
    locale: 'en-US',
    lang: 'en' as const,
    conversation: { conversationId: 'c', serviceUrl: 'https://x/' },
    user: alice,
    now: STARTED,
  };
}

describe('applyAction', () => {
  it('next moves on, records the step as tried and bumps the version', () => {
    const first = start();
    const { session, outcome } = ok(applyAction(first, click(first, 'next'), minutes(1)));
    expect(outcome).toBeUndefined();
    expect(session).toMatchObject({ position: 1, version: 2, tried: ['err-a#s1'], status: 'active' });
    expect(session.updatedAt).toBe(minutes(1).toISOString());
    expect(first.position).toBe(0); // the input session is not mutated
  });

  it('back returns to the previous step and is refused on the first step', () => {
    const first = start();
    const second = ok(applyAction(first, click(first, 'next'), minutes(1))).session;
    const back = ok(applyAction(second, click(second, 'back'), minutes(2))).session;
    expect(back).toMatchObject({ position: 0, version: 3, tried: ['err-a#s1'] });
    expect(fails(applyAction(first, click(first, 'back'), minutes(1))).code).toBe('ACTION_INVALID');
  });

  it('fixed ends the session resolved with exactly one outcome naming the step, who and when', () => {
    let session = start();
    session = ok(applyAction(session, click(session, 'next'), minutes(1))).session;
    session = ok(applyAction(session, click(session, 'next', bob), minutes(2))).session;
    const result = ok(applyAction(session, click(session, 'fixed', bob), minutes(13)));
    expect(result.session).toMatchObject({
      status: 'resolved',
      resolvedStepId: 'err-a#s3',
      endedBy: 'hash-bob',
      endedByName: 'Bob',
      endedAt: minutes(13).toISOString(),
    });
    const outcome = OutcomeSchema.parse(result.outcome);
    expect(outcome).toEqual({
      sessionId: 'session-1',
      entryId: ERR,
      outcome: 'resolved',
      resolvedStepId: 'err-a#s3',
      stepsTried: ['err-a#s1', 'err-a#s2'],
      matchVerdict: 'confident',
      matchScore: 0.9,
      codes: ['Code-err-a'],
      textHash: 'text-hash',
      locale: 'nl-NL',
      lang: 'nl',
      tenantId: 'tenant-1',
      teamId: 'team-1',
      channelId: 'channel-1',
      userHash: 'hash-bob',
      pastedAt: PASTED.toISOString(),
      endedAt: minutes(13).toISOString(),
    });
    // Time to fix runs from the paste, not from the start of the session: 14 minutes.
    expect(elapsedMs(result.session)).toBe(14 * 60_000);
  });

  it('next on the last step ends the session exhausted, every step tried', () => {
    let session = start();
    const outcomes = [];
    for (let i = 0; i < plan.steps.length; i++) {
      const result = ok(applyAction(session, click(session, 'next'), minutes(i + 1)));
      if (result.outcome) outcomes.push(result.outcome);
      session = result.session;
    }
    expect(session.status).toBe('exhausted');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ outcome: 'exhausted', stepsTried: plan.steps.map((s) => s.stepId) });
    expect(outcomes[0]?.resolvedStepId).toBeUndefined();
  });

  it('escalate ends the session escalated, counting the step on screen as tried', () => {
    let session = start();
    session = ok(applyAction(session, click(session, 'next'), minutes(1))).session;
    const result = ok(applyAction(session, click(session, 'escalate', bob), minutes(5)));
    expect(result.session.status).toBe('escalated');
    expect(result.outcome).toMatchObject({
      outcome: 'escalated',
      stepsTried: ['err-a#s1', 'err-a#s2'],
      userHash: 'hash-bob',
    });
    // The escalation card names who escalated.
    expect(result.session.endedByName).toBe('Bob');
  });

  it('answers a stale click (old version or another step) with SESSION_CONFLICT carrying the current session', () => {
    const first = start();
    const staleCard = click(first, 'next');
    const moved = ok(applyAction(first, click(first, 'next'), minutes(1))).session;
    const conflict = fails(applyAction(moved, staleCard, minutes(2)));
    expect(conflict.code).toBe('SESSION_CONFLICT');
    expect(conflict.details.session).toEqual(moved);
    const otherStep = fails(
      applyAction(moved, click(moved, 'fixed', alice, { stepId: 'err-a#s1' }), minutes(2)),
    );
    expect(otherStep.code).toBe('SESSION_CONFLICT');
  });

  it('answers any action on an ended session with SESSION_ENDED and no second outcome', () => {
    const first = start();
    const resolved = ok(applyAction(first, click(first, 'fixed'), minutes(1))).session;
    for (const kind of ['next', 'back', 'fixed', 'escalate'] as const) {
      const result = applyAction(resolved, { ...click(resolved, kind) }, minutes(2));
      const error = fails(result);
      expect(error.code).toBe('SESSION_ENDED');
      expect(error.details.session).toEqual(resolved);
    }
  });

  it('rejects a payload for another session or entry as ACTION_INVALID', () => {
    const first = start();
    expect(
      fails(applyAction(first, click(first, 'next', alice, { sessionId: 'other' }), minutes(1))).code,
    ).toBe('ACTION_INVALID');
    expect(
      fails(applyAction(first, click(first, 'next', alice, { entryId: 'cause-1' }), minutes(1))).code,
    ).toBe('ACTION_INVALID');
  });
});
