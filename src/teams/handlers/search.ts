/**
 * Browsing the catalogue, end to end: the `search <words>` command (a card of hits, each a button that opens its
 * match card) and the search message extension (type an error code or words in the compose box: Teams sends
 * `composeExtension/query`, the answer is the entries' match cards with a preview each, ready to insert).
 */
import {
  CardFactory,
  type MessagingExtensionAttachment,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import type { MatchContext } from '../../cards';
import { entryNamedBy, searchCatalogue } from '../../core/catalogue/queries';
import type { Entry } from '../../core/catalogue/schema';
import { localize } from '../../core/catalogue/catalogue';
import { hashText } from '../../privacy';
import { sendCard } from '../replies';
import type { Turn } from '../turn';
import { handleHelp } from './chat';

const MAX_HITS = 6;

/** Substring hits first; the matcher adds what plain search misses (other languages, paraphrases). */
function entriesFor(turn: Turn, query: string, max: number): Entry[] {
  const { catalogue, matcher } = turn.deps;
  const exact = entryNamedBy(catalogue, query);
  const found = searchCatalogue(catalogue.entries, query);
  const matched = matcher.match(query, { top: max });
  const entries: Entry[] = [];
  for (const entry of [
    ...(exact ? [exact] : []),
    ...found,
    ...(matched.verdict === 'none' ? [] : matched.results.map((r) => r.entry)),
  ]) {
    if (entries.length < max && !entries.some((e) => e.id === entry.id)) entries.push(entry);
  }
  return entries;
}

/** A search is no paste: nothing was recognised, a person picked the entry. */
function searchMatch(turn: Turn, query: string): MatchContext {
  return {
    verdict: 'none',
    score: 0,
    codes: [],
    textHash: hashText(query),
    pastedAt: turn.deps.clock.now().toISOString(),
    locale: turn.locale,
  };
}

export async function handleSearch(turn: Turn, query: string): Promise<void> {
  if (query.length === 0) {
    await handleHelp(turn);
    return;
  }
  const entries = entriesFor(turn, query, MAX_HITS);
  turn.log.info({ event: 'search', hits: entries.length, chars: query.length }, 'catalogue search');
  await sendCard(
    turn.context,
    turn.deps.cards.searchCard({
      catalogue: turn.deps.catalogue,
      query,
      entries,
      locale: turn.locale,
      match: searchMatch(turn, query),
    }),
  );
}

/* The search message extension (manifest: composeExtensions command `searchErrors`, type query). */

export const SEARCH_COMMAND = 'searchErrors';
const MAX_EXTENSION_RESULTS = 8;

/** The words typed in the compose box ('' on the initial run, before anything is typed). */
export function queryText(query: MessagingExtensionQuery): string {
  const parameter = query.parameters?.find((p) => p.name === 'query') ?? query.parameters?.[0];
  if (!parameter || parameter.name === 'initialRun') return '';
  return typeof parameter.value === 'string' ? parameter.value.trim().slice(0, 200) : '';
}

export async function handleSearchExtension(
  turn: Turn,
  query: MessagingExtensionQuery,
): Promise<MessagingExtensionResponse> {
  const words = queryText(query);
  const { catalogue, cards } = turn.deps;
  const entries = words ? entriesFor(turn, words, MAX_EXTENSION_RESULTS) : [];
  turn.log.info(
    { event: 'search_extension', hits: entries.length, chars: words.length },
    'message extension query',
  );
  const match = searchMatch(turn, words);
  const attachments: MessagingExtensionAttachment[] = entries.map((entry) => {
    const card = cards.matchCard({ catalogue, entry, locale: turn.locale, match });
    // The preview is a short list item: the code as its title, the error's own name under it.
    const code = entry.codes[0];
    const title = localize(entry.title, turn.lang) ?? entry.title.en;
    const name = code ? title.replace(new RegExp(`^${escapeRegExp(code)}\\s*[-–—:·]\\s*`), '') : title;
    const preview = CardFactory.thumbnailCard(
      code ?? name,
      code ? name : (localize(entry.message, turn.lang) ?? ''),
    );
    return { ...CardFactory.adaptiveCard(card), preview };
  });
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
