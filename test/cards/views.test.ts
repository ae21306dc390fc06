/** The structure a user sees on each card, built from the small fixture catalogue (deterministic). */
import { createCards, type MatchContext } from '../../src/cards';

/** The card builders of one long-lived instance, as the bot uses them. */
const { ambiguousCard, errorCard, helpCard, matchCard, noMatchCard, searchCard, sessionCard, statsCard } =
  createCards();
import { DomainError } from '../../src/core/errors';
import type { EntryStats } from '../../src/core/outcomes/statistics';
import { buildPlan } from '../../src/core/remediation/plan';
import type { Session } from '../../src/core/remediation/session';
import { ERR, fixtureCatalogue } from '../core/remediation/fixture';
import { buttons, richTexts, texts } from './cardText';
import { SESSION_AT, sessionFixture } from './sessionFixture';

const catalogue = fixtureCatalogue();
const entry = catalogue.require(ERR);
const stepIds = buildPlan(catalogue, entry).steps.map((s) => s.stepId);
const match: MatchContext = {
  verdict: 'confident',
  score: 0.9,
  codes: ['Code-err-a'],
  textHash: 'h',
  pastedAt: SESSION_AT,
};

const session = (patch: Partial<Session> = {}): Session =>
  sessionFixture(ERR, stepIds, {
    version: 4,
    match: { verdict: 'confident', score: 0.9, codes: ['Code-err-a'], textHash: 'h' },
    ...patch,
  });

const stats: EntryStats = {
  entryId: ERR,
  sessions: 10,
  resolved: 8,
  exhausted: 1,
  escalated: 1,
  resolutionRate: 0.8,
  medianTimeToFixMs: 14 * 60_000,
  steps: [
    { stepId: 'cause-1#s2', tried: 8, resolved: 7 },
    { stepId: 'err-a#s1', tried: 10, resolved: 1 },
    { stepId: 'err-a#s2', tried: 9, resolved: 0 },
  ],
};

describe('step card', () => {
  it('shows the step counter, its cause and the step with its sub-steps and links', () => {
    const card = sessionCard({ catalogue, session: session({ position: 5 }) });
    const shown = texts(card);
    expect(shown).toEqual(
      expect.arrayContaining([
        'Code-err-a · Title of err-a',
        'Step 6 of 8 fixes',
        'Cause 1: Title of cause-1',
        'Update the agent from the download page or see the cause:',
        'a.',
        'Stop the service.',
        'b.',
        'Run setup.exe /q.',
      ]),
    );
    // Links are accent-coloured, underlined runs that open their URL; code is a monospace run without backticks.
    const runs = richTexts(card);
    expect(runs).toContainEqual([
      { type: 'TextRun', text: 'Update the agent from the ' },
      {
        type: 'TextRun',
        text: 'download page',
        color: 'Accent',
        underline: true,
        selectAction: { type: 'Action.OpenUrl', url: 'https://aka.ms/agent' },
      },
      { type: 'TextRun', text: ' or see ' },
      {
        type: 'TextRun',
        text: 'the cause',
        color: 'Accent',
        underline: true,
        selectAction: {
          type: 'Action.OpenUrl',
          url: 'https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot#cause-2',
        },
      },
      { type: 'TextRun', text: ':' },
    ]);
    expect(runs).toContainEqual([
      { type: 'TextRun', text: 'Run ' },
      { type: 'TextRun', text: 'setup.exe /q', fontType: 'Monospace' },
      { type: 'TextRun', text: '.' },
    ]);
    expect(JSON.stringify(card)).not.toContain('`');
    expect(shown.indexOf('Step 6 of 8')).toBeLessThan(shown.indexOf('Cause 1: Title of cause-1'));
    expect(shown.join('\n')).not.toMatch(/Option \d/);
  });

  it('says "Option 2 of 3" on an alternative', () => {
    expect(texts(sessionCard({ catalogue, session: session({ position: 2 }) }))).toContain('Option 2 of 3');
  });

  it('has This fixed it / Didn’t help — next / Back / Escalate, carrying the ids and version in data', () => {
    const card = sessionCard({ catalogue, session: session({ position: 3 }) });
    const data = { sessionId: 'session-1', entryId: ERR, stepId: 'err-a#s4', version: 4 };
    expect(buttons(card)).toEqual([
      { type: 'Action.Execute', title: 'This fixed it', verb: 'fixed', data, style: 'positive' },
      { type: 'Action.Execute', title: 'Didn’t help — next', verb: 'next', data, style: 'default' },
      { type: 'Action.Execute', title: 'Back', verb: 'back', data, style: 'default' },
      { type: 'Action.Execute', title: 'Escalate', verb: 'escalate', data, style: 'destructive' },
    ]);
  });

  it('has no Back on the first step and says when no step is left', () => {
    expect(buttons(sessionCard({ catalogue, session: session() })).map((b) => b.verb)).toEqual([
      'fixed',
      'next',
      'escalate',
    ]);
    const last = sessionCard({ catalogue, session: session({ position: 7 }) });
    expect(buttons(last).map((b) => b.title)).toContain('Didn’t help — no more steps');
  });

  it('shows how often the step fixed this error, and a notice after a stale click', () => {
    const card = sessionCard({
      catalogue,
      session: session({ position: 5 }),
      stats,
      notice: 'Someone else moved on.',
    });
    const shown = texts(card);
    expect(shown[0]).toBe('Someone else moved on.');
    expect(shown).toContain('This step fixed this error 7 of 8 times before');
  });

  it('carries a Universal Actions refresh for at most 60 users only when asked', () => {
    expect(sessionCard({ catalogue, session: session() }).refresh).toBeUndefined();
    const userIds = Array.from({ length: 70 }, (_, i) => `29:user-${i}`);
    const card = sessionCard({ catalogue, session: session(), refreshUserIds: userIds });
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'refresh', data: { sessionId: 'session-1' } },
      userIds: userIds.slice(0, 60),
    });
  });
});

describe('session end cards', () => {
  const ended = { endedAt: '2026-01-05T09:14:00.000Z', endedBy: 'hash', endedByName: 'Min-jun Kim' };

  it('resolved: the step that fixed it, who confirmed it and the time to fix', () => {
    const card = sessionCard({
      catalogue,
      session: session({
        status: 'resolved',
        position: 5,
        resolvedStepId: 'cause-1#s2',
        tried: stepIds.slice(0, 5),
        ...ended,
      }),
    });
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        '✓ Fixed',
        'Step 6 of 8 fixes · Cause 1: Title of cause-1',
        'Confirmed by: Min-jun Kim',
        'Time to fix: 14 min',
        'Steps tried before: 5',
      ]),
    );
    expect(buttons(card).map((b) => b.type)).toEqual(['Action.OpenUrl']);
  });

  it('exhausted: escalation guidance, the steps tried and a copyable ticket summary with the article link', () => {
    const card = sessionCard({
      catalogue,
      session: session({ status: 'exhausted', position: 7, tried: stepIds, ...ended }),
    });
    const shown = texts(card);
    expect(shown[0]).toBe('All documented steps tried');
    expect(shown).toEqual(
      expect.arrayContaining([
        'Azure Backup error: Code-err-a — Title of err-a',
        'Steps already tried:',
        '(1) Step 1 of 8 · Fix: Restart the agent.',
        '(8) Step 8 of 8 · Fix: Use a proxy.',
        `Documentation: ${entry.url}`,
      ]),
    );
    expect(buttons(card)).toEqual([{ type: 'Action.OpenUrl', title: 'Open the article', url: entry.url }]);
  });

  it('escalated: says who escalated', () => {
    const card = sessionCard({
      catalogue,
      session: session({ status: 'escalated', tried: stepIds.slice(0, 1), ...ended }),
    });
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Escalated',
        'Min-jun Kim escalated this. The summary below lists what was already tried.',
      ]),
    );
  });
});

describe('match card', () => {
  it('shows the error, its causes in order, what fixed it before and the two start buttons', () => {
    const card = matchCard({ catalogue, entry, locale: 'en-US', match, stats });
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Title of err-a',
        'Code: Code-err-a',
        'Message of err-a',
        'Title of cause-1',
        'Title of cause-2',
        'Step 6 fixed this 7 of 8 times',
        'Step 1 fixed this 1 of 10 times',
      ]),
    );
    const shown = texts(card);
    expect(shown.indexOf('Title of cause-1')).toBeLessThan(shown.indexOf('Title of cause-2'));
    expect(buttons(card)).toEqual([
      {
        type: 'Action.Execute',
        title: 'Start guided fix',
        verb: 'start',
        data: { entryId: ERR, match },
        style: 'positive',
      },
      {
        type: 'Action.Execute',
        title: 'Jump to step 6 (usually works)',
        verb: 'jump',
        data: { entryId: ERR, stepId: 'cause-1#s2', match },
        style: 'default',
      },
      { type: 'Action.OpenUrl', title: 'Open the article', url: entry.url },
    ]);
  });

  it('without records: no statistics and no jump button', () => {
    const card = matchCard({ catalogue, entry, locale: 'en-US', match });
    expect(texts(card).join('\n')).not.toMatch(/fixed this/);
    expect(buttons(card).map((b) => b.verb ?? b.type)).toEqual(['start', 'Action.OpenUrl']);
  });

  it('in Korean: the Korean title with the English one under it', () => {
    const shown = texts(matchCard({ catalogue, entry, locale: 'ko-KR', match }));
    expect(shown.indexOf('에이전트 통신 오류')).toBeGreaterThanOrEqual(0);
    expect(shown[shown.indexOf('에이전트 통신 오류') + 1]).toBe('Title of err-a');
    expect(shown).toContain('이 오류의 문서는 영어로만 제공됩니다.');
  });
});

describe('other cards', () => {
  it('ambiguous: one choice per entry with code, title, a line of the message and a choose button', () => {
    const card = ambiguousCard({
      catalogue,
      entries: [entry, catalogue.require('no-steps')],
      locale: 'en-US',
      match,
    });
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Which one did you mean?',
        'Title of err-a',
        'Code-err-a',
        'Message of err-a',
        'Title of no-steps',
      ]),
    );
    expect(buttons(card).map((b) => [b.title, b.verb, b.data?.entryId])).toEqual([
      ['It’s Code-err-a', 'choose', ERR],
      ['It’s Code-no-steps', 'choose', 'no-steps'],
    ]);
  });

  it('no-match: tips and a help button', () => {
    const card = noMatchCard({ locale: 'en-US' });
    expect(texts(card)[0]).toBe('I could not recognise that error');
    expect(texts(card).join('\n')).toMatch(/Paste the error code/);
    expect(buttons(card).map((b) => b.verb)).toEqual(['help']);
  });

  it('stats: sessions, resolution rate, median time to fix and one bar per step that fixed it', () => {
    const card = statsCard({ catalogue, stats: [stats], locale: 'en-US' });
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Resolution statistics',
        'Title of err-a',
        '10 sessions · 80% resolved · median time to fix 14 min',
        'Step 6',
        '7 of 8',
        'Step 1',
        '1 of 10',
      ]),
    );
    expect(texts(card)).not.toContain('Step 2');
    // Bars scale to the step that fixed it most often.
    const shown = texts(card);
    expect(shown[shown.indexOf('Step 6') + 1]).toBe('█'.repeat(12));
    expect(shown[shown.indexOf('Step 1') + 1]).toBe('█'.repeat(2));
    expect(texts(statsCard({ catalogue, stats: [], locale: 'en-US' }))).toContain(
      'No guided fix has finished yet. Statistics appear after the first one.',
    );
  });

  it('help and search', () => {
    expect(texts(helpCard('nl-NL'))[0]).toBe('Remedy — probleemoplossing voor Azure Backup');
    const search = searchCard({ catalogue, query: 'agent', entries: [entry], locale: 'en-US', match });
    expect(texts(search).slice(0, 2)).toEqual(['Search: agent', '1 documented error']);
    expect(buttons(search).map((b) => b.verb)).toEqual(['choose']);
  });

  it('error: a friendly text per code, the reference and a help button', () => {
    const card = errorCard({
      locale: 'en-US',
      error: new DomainError('SESSION_NOT_FOUND', 'x'),
      reference: 'abc',
    });
    expect(texts(card)).toEqual([
      'Something went wrong',
      'This guided fix is no longer available. Paste the error again to start over.',
      'Reference: abc',
    ]);
    expect(texts(errorCard({ locale: 'en-US', error: new Error('boom') }))[1]).toBe(
      'Something went wrong on my side. Please try again in a moment.',
    );
  });

  it('a createCards() instance builds the same cards as the one-off builders', () => {
    const cards = createCards();
    expect(cards.sessionCard({ catalogue, session: session({ position: 5 }), stats })).toEqual(
      sessionCard({ catalogue, session: session({ position: 5 }), stats }),
    );
    expect(cards.matchCard({ catalogue, entry, locale: 'ko-KR', match, stats })).toEqual(
      matchCard({ catalogue, entry, locale: 'ko-KR', match, stats }),
    );
  });
});
