/**
 * Cards: pure functions from domain data to Adaptive Card JSON (no botbuilder). Each `xxxCard` builds the
 * view data (localized) and renders the template; `xxxView` returns the data alone (for tests and the gallery).
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
export {
  renderCard,
  cardAttachment,
  ADAPTIVE_CARD_CONTENT_TYPE,
  MAX_CARD_BYTES,
  MAX_CARD_VERSION,
  type AdaptiveCard,
} from './render';
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
  noMatchCard(locale: string | undefined): AdaptiveCard;
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
    noMatchCard: (locale) => renderCard('no-match', noMatchView(locale), registry),
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

/* One-off builders (each call compiles its template): fine for scripts and tests; long-lived callers use createCards(). */
export const matchCard = (input: MatchViewInput): AdaptiveCard => renderCard('match', matchView(input));
export const ambiguousCard = (input: AmbiguousViewInput): AdaptiveCard =>
  renderCard('ambiguous', ambiguousView(input));
export const noMatchCard = (locale: string | undefined): AdaptiveCard =>
  renderCard('no-match', noMatchView(locale));
/** The current card of a session: step card while active, else resolved / exhausted / escalated. */
export const sessionCard = (input: SessionViewInput): AdaptiveCard => {
  const view = sessionCardView(input);
  return renderCard(view.name, view.data);
};
export const statsCard = (input: StatsViewInput): AdaptiveCard => renderCard('stats', statsView(input));
export const helpCard = (locale: string | undefined): AdaptiveCard => renderCard('help', helpView(locale));
export const searchCard = (input: SearchViewInput): AdaptiveCard => renderCard('search', searchView(input));
export const errorCard = (input: ErrorViewInput): AdaptiveCard => renderCard('error', errorView(input));
