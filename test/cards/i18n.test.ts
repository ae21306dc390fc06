import { createCards, formatDuration, uiLang, uiStrings } from '../../src/cards';

/** The card builders of one long-lived instance, as the bot uses them. */
const { errorCard, sessionCard } = createCards();
import { DomainError, ERROR_CODES } from '../../src/core/errors';
import { buildPlan } from '../../src/core/remediation/plan';
import { ERR, fixtureCatalogue } from '../core/remediation/fixture';
import { buttons, texts } from './cardText';
import { sessionFixture } from './sessionFixture';

describe('uiLang', () => {
  it.each([
    ['ko-KR', 'ko'],
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl'],
    ['NL_nl', 'nl'],
    ['en-GB', 'en'],
    ['fr-FR', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (locale, lang) => {
    expect(uiLang(locale)).toBe(lang);
  });
});

describe('localized cards', () => {
  const catalogue = fixtureCatalogue();
  const stepIds = buildPlan(catalogue, catalogue.require(ERR)).steps.map((s) => s.stepId);
  const session = (locale: string, position: number) => sessionFixture(ERR, stepIds, { position, locale });

  it('Korean: UI strings in Korean and the Korean step text where the entry has it', () => {
    const card = sessionCard({ catalogue, session: session('ko-KR', 0) });
    expect(texts(card)).toEqual(
      expect.arrayContaining(['해결 단계 8개 중 1번째', '에이전트를 다시 시작합니다.']),
    );
    expect(texts(card).join('\n')).not.toMatch(/영어로만/);
    expect(buttons(card).map((b) => b.title)).toEqual(['해결됨', '해결 안 됨 — 다음', '에스컬레이션']);
  });

  it('Korean: falls back to the English text and says the documentation is English only', () => {
    const card = sessionCard({ catalogue, session: session('ko-KR', 5) });
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        '해결 단계 8개 중 6번째',
        '원인 1: Title of cause-1',
        '이 오류의 문서는 영어로만 제공됩니다.',
      ]),
    );
  });

  it('Dutch: Dutch UI around English documentation', () => {
    const card = sessionCard({ catalogue, session: session('nl-NL', 2) });
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Stap 3 van 8 oplossingen',
        'Optie 2 van 3',
        'Option two.',
        'De documentatie van deze fout bestaat alleen in het Engels.',
      ]),
    );
    expect(buttons(card).map((b) => b.title)).toEqual([
      'Dit loste het op',
      'Hielp niet — volgende',
      'Terug',
      'Escaleren',
    ]);
  });

  it('the session card keeps the session’s locale unless told otherwise', () => {
    expect(texts(sessionCard({ catalogue, session: session('nl-NL', 0), locale: 'en-US' }))).toContain(
      'Step 1 of 8 fixes',
    );
  });
});

describe('error texts', () => {
  it.each(['en', 'ko', 'nl'] as const)('%s has a friendly text for every code the bot shows', (lang) => {
    const t = uiStrings(lang);
    for (const code of [
      'SESSION_NOT_FOUND',
      'SESSION_ENDED',
      'SESSION_CONFLICT',
      'ACTION_INVALID',
      'ENTRY_NOT_FOUND',
      'STORE_UNAVAILABLE',
    ] as const) {
      expect(ERROR_CODES).toContain(code);
      expect(t.errors[code]).toEqual(expect.any(String));
    }
    if (lang !== 'en') expect(t.errors.STORE_UNAVAILABLE).not.toBe(uiStrings('en').errors.STORE_UNAVAILABLE);
  });

  it('STORE_UNAVAILABLE says the fix was not saved but the steps still work', () => {
    const card = errorCard({ locale: 'en-US', error: new DomainError('STORE_UNAVAILABLE', 'db down') });
    expect(texts(card)[1]).toBe('Your fix could not be saved right now; the steps still work.');
  });
});

describe('formatDuration', () => {
  it.each([
    [20_000, 'en', 'under a minute'],
    [14 * 60_000, 'en', '14 min'],
    [125 * 60_000, 'en', '2 h 5 min'],
    [27 * 3_600_000, 'nl', '1 d 3 u'],
    [90 * 60_000, 'ko', '1시간 30분'],
  ] as const)('%d ms in %s → %s', (ms, lang, expected) => {
    expect(formatDuration(ms, lang)).toBe(expected);
  });
});
