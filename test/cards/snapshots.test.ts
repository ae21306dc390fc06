/**
 * The rendered JSON of every card (each template, each sample situation, three locales), built from the small
 * fixture catalogue so that a snapshot changes only when a card does. Review a snapshot diff like a UI change.
 */
import { CARD_NAMES, createCardRegistry, renderCard } from '../../src/cards';
import { fixtureCatalogue } from '../core/remediation/fixture';
import { sampleCards } from './samples';

const catalogue = fixtureCatalogue();
const registry = createCardRegistry();

describe.each(['en-US', 'ko-KR', 'nl-NL'])('rendered cards (%s)', (locale) => {
  const samples = sampleCards(catalogue, locale);

  it('cover every template, and a check and a diagnostic step', () => {
    expect(new Set(samples.map((s) => s.name))).toEqual(new Set(CARD_NAMES));
    expect(samples.map((s) => s.sample)).toEqual(expect.arrayContaining(['step-check', 'step-diagnostic']));
  });

  it.each(samples.map((s) => [s.sample, s] as const))('%s', (_name, sample) => {
    expect(renderCard(sample.name, sample.data as never, registry)).toMatchSnapshot();
  });
});
