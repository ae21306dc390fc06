/** `search <words>`: browse the catalogue; each hit is a button that opens its match card. */
import type { Entry } from '../../core/catalogue/schema';
import { hashText } from '../hashing';
import { sendCard } from '../replies';
import type { Turn } from '../turn';
import { handleHelp } from './help';

const MAX_HITS = 6;

function haystackOf(entry: Entry): string {
  const texts = [
    entry.id,
    ...entry.codes,
    ...entry.refs,
    ...Object.values(entry.title),
    ...Object.values(entry.message),
  ];
  return texts.join('\n').toLowerCase();
}

/** Entries whose codes, refs, titles or messages contain every word (errors and guides before causes). */
export function searchCatalogue(entries: readonly Entry[], query: string): Entry[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return [];
  const hits = entries.filter((entry) => {
    const haystack = haystackOf(entry);
    return words.every((word) => haystack.includes(word));
  });
  const rank = (e: Entry) => (e.kind === 'cause' ? 1 : 0);
  return [...hits].sort((a, b) => rank(a) - rank(b));
}

export async function handleSearch(turn: Turn, query: string): Promise<void> {
  if (query.length === 0) {
    await handleHelp(turn);
    return;
  }
  const { catalogue, matcher, clock } = turn.deps;
  const found = searchCatalogue(catalogue.entries, query);
  // The matcher adds what plain substring search misses (other languages, paraphrases).
  const matched = matcher.match(query, { top: MAX_HITS });
  const entries: Entry[] = [];
  for (const entry of [
    ...found,
    ...(matched.verdict === 'none' ? [] : matched.results.map((r) => r.entry)),
  ]) {
    if (entries.length < MAX_HITS && !entries.some((e) => e.id === entry.id)) entries.push(entry);
  }
  turn.log.info({ event: 'search', hits: entries.length, chars: query.length }, 'catalogue search');
  const match = {
    verdict: 'none' as const,
    score: 0,
    codes: [],
    textHash: hashText(query),
    pastedAt: clock.now().toISOString(),
  };
  await sendCard(
    turn.context,
    turn.deps.cards.searchCard({ catalogue, query, entries, locale: turn.locale, match }),
  );
}
