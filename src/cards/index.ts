/**
 * Cards: pure functions from domain data to Adaptive Card JSON (no botbuilder). Each `xxxCard` builds the
 * view data (localized) and renders the template; `xxxView` returns the data alone (for tests and the gallery).
 */
import { renderCard, type AdaptiveCard } from './render';
import { ambiguousView, matchView, noMatchView, type AmbiguousViewInput, type MatchViewInput } from './views/match';
import { errorView, helpView, searchView, statsView, type ErrorViewInput, type SearchViewInput, type StatsViewInput } from './views/misc';
import { sessionCardView, type SessionViewInput } from './views/session';

export * from './actions';
export { uiLang, uiStrings, formatDuration } from './i18n';
export { markdownToBlocks, markdownToPlain, type Block } from './markdown';
export { CARD_NAMES, CARD_TEMPLATES, type CardName, type CardData } from './registry';
export { renderCard, cardAttachment, ADAPTIVE_CARD_CONTENT_TYPE, MAX_CARD_BYTES, MAX_CARD_VERSION, type AdaptiveCard } from './render';
export * from './views/match';
export * from './views/misc';
export * from './views/session';

export const matchCard = (input: MatchViewInput): AdaptiveCard => renderCard('match', matchView(input));
export const ambiguousCard = (input: AmbiguousViewInput): AdaptiveCard => renderCard('ambiguous', ambiguousView(input));
export const noMatchCard = (locale: string | undefined): AdaptiveCard => renderCard('no-match', noMatchView(locale));
/** The current card of a session: step card while active, else resolved / exhausted / escalated. */
export const sessionCard = (input: SessionViewInput): AdaptiveCard => {
  const view = sessionCardView(input);
  return renderCard(view.name, view.data);
};
export const statsCard = (input: StatsViewInput): AdaptiveCard => renderCard('stats', statsView(input));
export const helpCard = (locale: string | undefined): AdaptiveCard => renderCard('help', helpView(locale));
export const searchCard = (input: SearchViewInput): AdaptiveCard => renderCard('search', searchView(input));
export const errorCard = (input: ErrorViewInput): AdaptiveCard => renderCard('error', errorView(input));
