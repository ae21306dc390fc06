/**
 * Cards: pure functions from domain data to Adaptive Card JSON (no botbuilder). `createCards()` gives the card
 * builders (each builds the localized view data and renders its template); `xxxView` returns the data alone
 * (for tests and the gallery).
 */
import { createMarkdownConverter, type MarkdownConverter } from './markdown';
import { createCardRegistry, type CardRegistry } from './registry';
import { renderCard, type AdaptiveCard } from './render';
import {
  ambiguousView,
  matchView,
  noMatchView,
  type AmbiguousViewInput,
  type MatchViewInput,
  type NoMatchViewInput,
} from './views/match';
import {
  errorView,
  helpView,
  searchView,
  statsView,
  type ErrorViewInput,
  type SearchViewInput,
  type StatsViewInput,
} from './views/misc';
import { sessionCardView, type SessionViewInput } from './views/session';

export * from './actions';
export { uiLang, uiStrings, formatDuration } from './i18n';
export {
  createMarkdownConverter,
  markdownToBlocks,
  markdownToPlain,
  type Block,
  type MarkdownConverter,
} from './markdown';
export {
  CARD_NAMES,
  CARD_TEMPLATES,
  createCardRegistry,
  type CardName,
  type CardData,
  type CardRegistry,
} from './registry';
export { renderCard, ADAPTIVE_CARD_CONTENT_TYPE, MAX_CARD_BYTES, type AdaptiveCard } from './render';
export * from './views/match';
export * from './views/misc';
export * from './views/session';

/**
 * The card builders bound to one template registry and one markdown converter: templates are compiled once and
 * the markdown parser is reused. Create one per process (e.g. in the bot's dependencies) and call its methods.
 */
export interface Cards {
  matchCard(input: MatchViewInput): AdaptiveCard;
  ambiguousCard(input: AmbiguousViewInput): AdaptiveCard;
  noMatchCard(input: NoMatchViewInput): AdaptiveCard;
  sessionCard(input: SessionViewInput): AdaptiveCard;
  statsCard(input: StatsViewInput): AdaptiveCard;
  helpCard(locale: string | undefined): AdaptiveCard;
  searchCard(input: SearchViewInput): AdaptiveCard;
  errorCard(input: ErrorViewInput): AdaptiveCard;
}

export function createCards(
  registry: CardRegistry = createCardRegistry(),
  md: MarkdownConverter = createMarkdownConverter(),
): Cards {
  return {
    matchCard: (input) => renderCard('match', matchView({ md, ...input }), registry),
    ambiguousCard: (input) => renderCard('ambiguous', ambiguousView({ md, ...input }), registry),
    noMatchCard: (input) => renderCard('no-match', noMatchView(input), registry),
    sessionCard: (input) => {
      const view = sessionCardView({ md, ...input });
      return renderCard(view.name, view.data, registry);
    },
    statsCard: (input) => renderCard('stats', statsView({ md, ...input }), registry),
    helpCard: (locale) => renderCard('help', helpView(locale), registry),
    searchCard: (input) => renderCard('search', searchView({ md, ...input }), registry),
    errorCard: (input) => renderCard('error', errorView(input), registry),
  };
}
