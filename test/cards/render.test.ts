import { readFileSync } from 'fs';
import { join } from 'path';
import { CARD_NAMES, MAX_CARD_BYTES, createCardRegistry, createCards, renderCard } from '../../src/cards';

/** The card builders of one long-lived instance, as the bot uses them. */
const { sessionCard } = createCards();
import { sampleCards, sampleEntries } from './samples';
import { sessionFixture } from './sessionFixture';
import { Catalogue } from '../../src/core/catalogue/catalogue';
import { buildPlan } from '../../src/core/remediation/plan';

const catalogue = Catalogue.fromJson(
  JSON.parse(readFileSync(join(__dirname, '../../knowledge/catalogue.json'), 'utf8')),
);
const LOCALES = ['en-US', 'ko-KR', 'nl-NL'];

function versionNumber(version: string): number {
  const [major, minor] = version.split('.').map(Number);
  return (major ?? 0) * 100 + (minor ?? 0);
}

describe.each(LOCALES)('every template with samples from the real catalogue (%s)', (locale) => {
  const samples = sampleCards(catalogue, locale);

  it('covers every template', () => {
    expect(new Set(samples.map((s) => s.name))).toEqual(new Set(CARD_NAMES));
  });

  it.each(samples.map((s) => [s.sample, s] as const))(
    '%s renders: schema ≤ 1.5, < 40 KB, nothing unbound',
    (_, sample) => {
      const card = renderCard(sample.name, sample.data as never);
      expect(card.type).toBe('AdaptiveCard');
      expect(versionNumber(card.version)).toBeLessThanOrEqual(105);
      const json = JSON.stringify(card);
      expect(Buffer.byteLength(json, 'utf8')).toBeLessThan(MAX_CARD_BYTES);
      expect(json).not.toContain('"$when"');
      expect(json).not.toContain('"$data"');
      expect(json).not.toContain('null');
      expect(card.body.length).toBeGreaterThan(0);
    },
  );
});

describe('the longest plan step of the real catalogue', () => {
  it('still fits in one card in every locale', () => {
    const { longest } = sampleEntries(catalogue);
    const stepIds = buildPlan(catalogue, longest).steps.map((s) => s.stepId);
    for (const locale of LOCALES) {
      for (let position = 0; position < stepIds.length; position++) {
        const session = sessionFixture(longest.id, stepIds, { position, locale });
        expect(() => sessionCard({ catalogue, session })).not.toThrow();
      }
    }
  });
});

describe('renderCard', () => {
  it('rejects data that does not fit the template, naming the field', () => {
    expect(() => renderCard('help', { title: 'Help', intro: '', commands: [], note: '' })).toThrow(
      /card help: invalid data: intro/,
    );
  });

  it('rejects a card over 40 KB', () => {
    const big = 'x'.repeat(MAX_CARD_BYTES);
    expect(() => renderCard('error', { title: 'Oops', text: big, reference: '', actions: [] })).toThrow(
      expect.objectContaining({
        code: 'CARD_INVALID',
        message: expect.stringMatching(/over the 40960-byte limit/),
      }),
    );
  });

  it('keeps `${...}` that a documented message contains, verbatim', () => {
    const card = renderCard('error', {
      title: 'Oops',
      text: 'Path ${HOME} not found',
      reference: '',
      actions: [],
    });
    expect(JSON.stringify(card)).toContain('Path ${HOME} not found');
  });
});

describe('template registry', () => {
  it('compiles a template once per registry instance', () => {
    const registry = createCardRegistry();
    expect(registry.compiled('step')).toBe(registry.compiled('step'));
    expect(createCardRegistry().compiled('step')).not.toBe(registry.compiled('step'));
  });

  it('renders the same cards through a long-lived createCards() instance as one-off', () => {
    const cards = createCards();
    for (const sample of sampleCards(catalogue, 'ko-KR')) {
      const once = renderCard(sample.name, sample.data as never);
      const registry = createCardRegistry();
      expect(renderCard(sample.name, sample.data as never, registry)).toEqual(once);
      expect(renderCard(sample.name, sample.data as never, registry)).toEqual(once);
    }
    expect(cards.helpCard('nl-NL')).toEqual(
      renderCard('help', sampleCards(catalogue, 'nl-NL').find((s) => s.name === 'help')?.data as never),
    );
  });
});
