/** What an on-call engineer sees along a guided fix: buttons by step kind, honest notes, a complete ticket. */
import { createCards } from '../../src/cards';
import { learnUrl } from '../../src/cards/views/context';
import { buildPlan } from '../../src/core/remediation/plan';
import type { Session } from '../../src/core/remediation/session';
import { KINDS, fixtureCatalogue } from '../core/remediation/fixture';
import { fixtureCatalogue as botCatalogue } from '../teams/fixtures';
import { buttons, texts } from './cardText';
import { SESSION_AT, sessionFixture } from './sessionFixture';

const cards = createCards();
const catalogue = fixtureCatalogue();
const plan = buildPlan(catalogue, catalogue.require(KINDS));

const session = (patch: Partial<Session> = {}): Session =>
  sessionFixture(
    KINDS,
    plan.steps.map((s) => s.stepId),
    {
      id: 'session-7',
      version: 2,
      stepKinds: plan.steps.map((s) => s.kind),
      ifNot: { [`${KINDS}#s1`]: `${KINDS}#s3` },
      trail: [],
      ...patch,
    },
  );

const titles = (position: number) =>
  buttons(cards.sessionCard({ catalogue, session: session({ position }) })).map((b) => [b.title, b.verb]);

describe('step card by step kind', () => {
  it('a check asks yes / no, and "no" names the fix the article points to', () => {
    const card = cards.sessionCard({ catalogue, session: session({ position: 0 }) });
    expect(texts(card)).toEqual(
      expect.arrayContaining(['Check · before step 1 of 2 fixes', 'Check this, then answer: is it so?']),
    );
    expect(titles(0)).toEqual([
      ['Yes — next', 'yes'],
      ['No — go to step 3', 'no'],
      ['Escalate', 'escalate'],
    ]);
  });

  it('a fix offers "This fixed it" and reads "Step 2 of 2 fixes"', () => {
    const card = cards.sessionCard({ catalogue, session: session({ position: 2 }) });
    expect(texts(card)).toContain('Step 2 of 2 fixes');
    expect(titles(2).map(([title]) => title)).toEqual([
      'This fixed it',
      'Didn’t help — next',
      'Back',
      'Escalate',
    ]);
  });

  it('a diagnostic offers "Done" and never "This fixed it"', () => {
    const card = cards.sessionCard({ catalogue, session: session({ position: 3 }) });
    expect(texts(card)).toEqual(expect.arrayContaining(['Diagnostic · after all 2 fixes']));
    expect(titles(3)).toEqual([
      ['Done — no more steps', 'next'],
      ['Back', 'back'],
      ['Escalate', 'escalate'],
    ]);
  });
});

describe('escalation and its ticket', () => {
  const trail = [
    { stepId: `${KINDS}#s1`, action: 'yes' as const, by: 'Alice Example', at: '2026-01-05T09:02:00.000Z' },
    { stepId: `${KINDS}#s2`, action: 'next' as const, by: 'Bob Builder', at: '2026-01-05T09:07:00.000Z' },
  ];
  const escalated = session({
    status: 'escalated',
    position: 2,
    tried: [`${KINDS}#s2`, `${KINDS}#s3`],
    trail: [
      ...trail,
      { stepId: `${KINDS}#s3`, action: 'escalate', by: 'Bob Builder', at: '2026-01-05T09:12:00.000Z' },
    ],
    endedBy: 'hash-bob',
    endedByName: 'Bob Builder',
    endedAt: '2026-01-05T09:12:00.000Z',
  });

  it('names who escalated, and the ticket lists every answer in order with who and when, uncut', () => {
    const shown = texts(cards.sessionCard({ catalogue, session: escalated }));
    expect(shown).toContain('Bob Builder escalated this. The summary below lists what was already tried.');
    const ticket = shown.slice(shown.indexOf('Summary for the support ticket (copy it)') + 1);
    expect(ticket).toEqual([
      'Azure Backup error: Code-err-kinds — Title of err-kinds',
      'Message: Message of err-kinds',
      'Status: escalated by Bob Builder, 2026-01-05 09:12 UTC',
      'Error pasted: 2026-01-05 09:00 UTC',
      'Steps already tried:',
      '(1) Step 1 of 4 · Check: Verify that the agent service is running.',
      '→ yes (Alice Example, 2026-01-05 09:02 UTC)',
      '(2) Step 2 of 4 · Fix: Clear the agent cache.',
      '→ didn’t help (Bob Builder, 2026-01-05 09:07 UTC)',
      '(3) Step 3 of 4 · Fix: Start the agent service.',
      '→ escalated (Bob Builder, 2026-01-05 09:12 UTC)',
      `Documentation: ${catalogue.require(KINDS).url}`,
      'Remedy session: session-7',
    ]);
    expect(ticket.join('\n')).not.toContain('…');
  });

  it('in Korean: the ticket is in Korean too', () => {
    const shown = texts(cards.sessionCard({ catalogue, session: { ...escalated, locale: 'ko-KR' } }));
    expect(shown).toEqual(
      expect.arrayContaining([
        '이미 시도한 단계:',
        '상태: Bob Builder님이 에스컬레이션함, 2026-01-05 09:12 UTC',
      ]),
    );
  });

  it('a resolved card names who confirmed; without a name it still reads as a sentence start', () => {
    const resolved = session({
      status: 'resolved',
      position: 1,
      resolvedStepId: `${KINDS}#s2`,
      endedBy: 'hash',
      endedAt: '2026-01-05T09:10:00.000Z',
    });
    expect(texts(cards.sessionCard({ catalogue, session: resolved }))).toContain(
      'Confirmed by: A team member',
    );
    expect(
      texts(cards.sessionCard({ catalogue, session: { ...resolved, endedByName: 'Alice Example' } })),
    ).toContain('Confirmed by: Alice Example');
  });
});

describe('language of the documentation', () => {
  const bot = botCatalogue();
  const match = { verdict: 'confident' as const, score: 1, codes: [], textHash: 'h', pastedAt: SESSION_AT };

  it('names exactly the languages the text exists in, and links the page in the language shown', () => {
    const card = cards.matchCard({ catalogue: bot, entry: bot.require('backup/1'), locale: 'en-US', match });
    expect(texts(card)).toContain('The documentation for this error exists in Korean and Dutch only.');
    const open = buttons(card).find((b) => b.type === 'Action.OpenUrl');
    expect(open?.url).toContain('/ko-kr/');
  });

  it('shows no note when the reader’s language is there', () => {
    const card = cards.matchCard({ catalogue: bot, entry: bot.require('backup/1'), locale: 'nl-NL', match });
    expect(texts(card).join('\n')).not.toMatch(/alleen in het/);
    expect(buttons(card).find((b) => b.type === 'Action.OpenUrl')?.url).toContain('/nl-nl/');
  });

  it('learnUrl sets or replaces the locale of a learn.microsoft.com link and leaves others alone', () => {
    expect(learnUrl('https://learn.microsoft.com/azure/backup/x#a', 'ko')).toBe(
      'https://learn.microsoft.com/ko-kr/azure/backup/x#a',
    );
    expect(learnUrl('https://learn.microsoft.com/ko-kr/azure/backup/x', 'en')).toBe(
      'https://learn.microsoft.com/en-us/azure/backup/x',
    );
    expect(learnUrl('https://aka.ms/x', 'nl')).toBe('https://aka.ms/x');
  });
});

describe('other cards a user meets', () => {
  it('an unknown code is said to be missing from the catalogue, with a Microsoft Learn search', () => {
    const card = cards.noMatchCard({ locale: 'en-US', unknownCodes: ['UserErrorMadeUp'] });
    expect(texts(card)[0]).toBe('UserErrorMadeUp: not in my catalogue');
    expect(buttons(card)[0]).toEqual({
      type: 'Action.OpenUrl',
      title: 'Search Microsoft Learn',
      url: 'https://learn.microsoft.com/search/?terms=UserErrorMadeUp',
    });
  });

  it('the help card shows its commands without angle brackets (markup in some hosts)', () => {
    for (const locale of ['en-US', 'ko-KR', 'nl-NL']) {
      const shown = texts(cards.helpCard(locale));
      expect(shown.join('\n')).not.toMatch(/[<>]/);
      expect(shown.filter((t) => /^stats\b/.test(t))).toHaveLength(2);
    }
    expect(texts(cards.helpCard('en-US'))).toEqual(expect.arrayContaining(['stats CODE', 'search WORDS']));
  });

  it('stats of one error names its code once', () => {
    const bot = botCatalogue();
    const card = cards.statsCard({
      catalogue: bot,
      stats: [],
      locale: 'en-US',
      entryId: 'usererrorguestagentstatusunavailable',
    });
    const all = texts(card).join('\n');
    expect(all.split('UserErrorGuestAgentStatusUnavailable')).toHaveLength(2);
    expect(all).toContain('No guided fix of this error has finished yet.');
  });
});
