/**
 * Sample views of every card template built from real catalogue entries: the card gallery renders them and
 * the tests check that each renders within Teams' limits. Pure; deterministic for a given catalogue.
 */
import type { MatchContext } from '../../src/cards/actions';
import type { CardData, CardName } from '../../src/cards/registry';
import { ambiguousView, matchView, noMatchView } from '../../src/cards/views/match';
import { errorView, helpView, searchView, statsView } from '../../src/cards/views/misc';
import { sessionCardView } from '../../src/cards/views/session';
import type { Catalogue } from '../../src/core/catalogue/catalogue';
import type { Entry } from '../../src/core/catalogue/schema';
import { DomainError } from '../../src/core/errors';
import type { EntryStats } from '../../src/core/outcomes/statistics';
import { buildPlan } from '../../src/core/remediation/plan';
import type { Session } from '../../src/core/remediation/session';

export interface SampleCard {
  /** Unique per sample, e.g. "step-option". */
  sample: string;
  name: CardName;
  data: CardData<CardName>;
}

const AT = '2026-01-05T09:00:00.000Z';

/** The entries the samples show: one with causes, one with "(OR)" alternatives, the one with the longest plan. */
export function sampleEntries(catalogue: Catalogue): {
  withCauses: Entry;
  withOptions: Entry;
  longest: Entry;
} {
  const guided = catalogue.entries.filter((e) => buildPlan(catalogue, e).steps.length > 0);
  if (guided.length === 0) throw new Error('sample cards need a catalogue entry with steps');
  const first = guided[0] as Entry;
  const withCauses = guided.find((e) => e.causes.length > 1 && e.steps.length > 0) ?? first;
  const withOptions =
    guided.find((e) => e.steps.some((s) => s.alternative) && Object.keys(e.operation).length > 0) ?? first;
  const longest = [...guided].sort((a, b) => planSize(catalogue, b) - planSize(catalogue, a))[0] ?? first;
  return { withCauses, withOptions, longest };
}

function planSize(catalogue: Catalogue, entry: Entry): number {
  return JSON.stringify(buildPlan(catalogue, entry).steps.map((s) => s.step)).length;
}

function sampleStats(catalogue: Catalogue, entry: Entry): EntryStats {
  // Only fixes have statistics ("step 3 fixed this 7 of 10 times"): the samples count fix steps.
  const steps = buildPlan(catalogue, entry).steps.filter((s) => s.kind === 'fix');
  const counts = [
    [10, 2],
    [8, 7],
    [3, 1],
  ] as const;
  return {
    entryId: entry.id,
    sessions: 12,
    resolved: 10,
    exhausted: 1,
    escalated: 1,
    resolutionRate: 10 / 12,
    medianTimeToFixMs: 14 * 60_000,
    steps: steps
      .slice(0, 3)
      .map((s, i) => ({ stepId: s.stepId, tried: counts[i]?.[0] ?? 1, resolved: counts[i]?.[1] ?? 0 })),
  };
}

function sampleSession(catalogue: Catalogue, entry: Entry, locale: string, patch: Partial<Session>): Session {
  const plan = buildPlan(catalogue, entry).steps;
  const stepIds = plan.map((s) => s.stepId);
  const ifNot = Object.fromEntries(plan.flatMap((s) => (s.ifNot ? [[s.stepId, s.ifNot] as const] : [])));
  return {
    id: 'sample-session-0001',
    version: 3,
    entryId: entry.id,
    stepIds,
    stepKinds: plan.map((s) => s.kind),
    ...(Object.keys(ifNot).length > 0 ? { ifNot } : {}),
    position: 0,
    tried: [],
    status: 'active',
    startedBy: 'user-hash',
    locale,
    lang: 'en',
    conversation: { conversationId: 'conv', serviceUrl: 'https://smba.trafficmanager.net/emea/' },
    match: { verdict: 'confident', score: 0.93, codes: entry.codes.slice(0, 1), textHash: 'hash' },
    pastedAt: AT,
    createdAt: AT,
    updatedAt: AT,
    ...patch,
  };
}

export function sampleCards(catalogue: Catalogue, locale: string): SampleCard[] {
  const { withCauses, withOptions, longest } = sampleEntries(catalogue);
  const match: MatchContext = {
    verdict: 'confident',
    score: 0.93,
    codes: withCauses.codes.slice(0, 1),
    textHash: 'hash',
    pastedAt: AT,
  };
  const stats = sampleStats(catalogue, withCauses);
  const optionPlan = buildPlan(catalogue, withOptions).steps;
  const optionAt = Math.max(
    0,
    optionPlan.findIndex((s) => s.option && s.option.number === 2),
  );
  const longPlan = buildPlan(catalogue, longest).steps;
  const causePlan = buildPlan(catalogue, withCauses).steps;
  const causeAt = Math.max(
    0,
    causePlan.findIndex((s) => s.cause),
  );
  const stepIdsOf = (entry: Entry) => buildPlan(catalogue, entry).steps.map((s) => s.stepId);
  const ended = { endedAt: '2026-01-05T09:23:00.000Z', endedBy: 'user-hash', endedByName: 'Min-jun Kim' };
  const cards: SampleCard[] = [];
  const add = <N extends CardName>(sample: string, name: N, data: CardData<N>) =>
    cards.push({ sample, name, data: data as CardData<CardName> });

  add('match', 'match', matchView({ catalogue, entry: withCauses, locale, match, stats }));
  add('match-mabs', 'match', matchView({ catalogue, entry: withOptions, locale, match }));
  add(
    'ambiguous',
    'ambiguous',
    ambiguousView({
      catalogue,
      entries: [withCauses, withOptions, longest],
      locale,
      match: { ...match, verdict: 'ambiguous', score: 0.55 },
    }),
  );
  add('no-match', 'no-match', noMatchView({ locale }));
  add(
    'no-match-unknown-code',
    'no-match',
    noMatchView({ locale, unknownCodes: ['UserErrorSnapshotQuotaExceeded'] }),
  );
  const step = (
    sample: string,
    entry: Entry,
    position: number,
    extra: Partial<Session> = {},
    notice?: string,
  ) => {
    const view = sessionCardView({
      catalogue,
      session: sampleSession(catalogue, entry, locale, {
        position,
        tried: stepIdsOf(entry).slice(0, position),
        ...extra,
      }),
      stats: entry.id === withCauses.id ? stats : undefined,
      notice,
      refreshUserIds: ['29:1a2b3c', '29:4d5e6f'],
    });
    add(sample, view.name, view.data);
  };
  step('step-first', withCauses, 0);
  step('step-cause', withCauses, causeAt, {}, undefined);
  step(
    'step-option',
    withOptions,
    optionAt,
    {},
    errorView({ locale, error: new DomainError('SESSION_CONFLICT', 'stale') }).text,
  );
  step(
    'step-long',
    longest,
    longPlan.reduce(
      (best, s, i, all) =>
        JSON.stringify(s.step).length > JSON.stringify(all[best]?.step).length ? i : best,
      0,
    ),
  );
  // A check and a diagnostic step, from the real catalogue's plans (the first of each kind found).
  for (const kind of ['check', 'diagnostic'] as const) {
    for (const entry of catalogue.entries) {
      const at = buildPlan(catalogue, entry).steps.findIndex((s) => s.kind === kind);
      if (at < 0) continue;
      step(`step-${kind}`, entry, at);
      break;
    }
  }
  const triedTwo = stepIdsOf(withCauses).slice(0, 2);
  step('resolved', withCauses, Math.min(2, causePlan.length - 1), {
    status: 'resolved',
    resolvedStepId: stepIdsOf(withCauses)[Math.min(2, causePlan.length - 1)],
    tried: triedTwo,
    ...ended,
  });
  step('exhausted', withOptions, optionPlan.length - 1, {
    status: 'exhausted',
    tried: stepIdsOf(withOptions),
    ...ended,
  });
  step('escalated', withCauses, 1, {
    status: 'escalated',
    tried: triedTwo,
    trail: triedTwo.map((stepId, i) => ({
      stepId,
      // A check is answered yes / no; a fix or diagnostic is moved past with "next".
      action:
        buildPlan(catalogue, withCauses).steps[i]?.kind === 'check' ? ('yes' as const) : ('next' as const),
      by: i === 0 ? 'Min-jun Kim' : 'Sanne de Vries',
      at: `2026-01-05T09:${String(5 + 7 * i).padStart(2, '0')}:00.000Z`,
    })),
    ...ended,
  });
  add(
    'stats',
    'stats',
    statsView({
      catalogue,
      stats: [
        stats,
        { ...sampleStats(catalogue, withOptions), sessions: 4, resolved: 1, resolutionRate: 0.25 },
      ],
      locale,
    }),
  );
  add('stats-one', 'stats', statsView({ catalogue, stats: [stats], locale, entryId: withCauses.id }));
  add('stats-empty', 'stats', statsView({ catalogue, stats: [], locale }));
  add('help', 'help', helpView(locale));
  add(
    'search',
    'search',
    searchView({
      catalogue,
      query: 'agent',
      entries: [withCauses, longest],
      locale,
      match: { ...match, verdict: 'none', score: 0 },
    }),
  );
  add(
    'error',
    'error',
    errorView({ locale, error: new DomainError('SESSION_NOT_FOUND', 'gone'), reference: 'f:3c2e9a' }),
  );
  return cards;
}
