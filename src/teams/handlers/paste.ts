/**
 * A pasted error: match it and answer with the match card (confident), the "which one?" card (ambiguous) or the
 * no-match reply (none). When nobody addressed the bot (channel, no mention) only a confident match is answered.
 */
import type { MatchContext } from '../../cards';
import type { Entry } from '../../core/catalogue/schema';
import { hashText } from '../hashing';
import { entryHistory } from '../history';
import { notice } from '../notices';
import { sendCard } from '../replies';
import type { MatchResponse } from '../../core/matching';
import type { Turn } from '../turn';

export interface PasteInput {
  text: string;
  /** Personal chat or @-mentioned: someone asked, so every verdict is answered. */
  addressed: boolean;
  truncated: boolean;
}

/** How many choices the "which one did you mean?" card offers. */
const MAX_CHOICES = 4;

/** The entry's codes that occur in the pasted text (the "matched code" an outcome keeps instead of the text). */
export function codesIn(text: string, entry: Entry): string[] {
  const lower = text.toLowerCase();
  return entry.codes.filter((code) => lower.includes(code.toLowerCase())).slice(0, 20);
}

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

/** The conversation a rate limit applies to: the channel or chat, not the thread. */
export function rateKeyOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

export async function handlePaste(turn: Turn, input: PasteInput): Promise<void> {
  const { deps, context } = turn;
  const conversationId = context.activity.conversation?.id ?? '';
  if (deps.rateLimiter && !deps.rateLimiter.tryAcquire(rateKeyOf(conversationId))) {
    turn.log.warn({ event: 'paste_rate_limited' }, 'paste refused by the per-conversation rate limit');
    if (input.addressed) await context.sendActivity(notice('rateLimited', turn.lang));
    return;
  }
  const response: MatchResponse = deps.matcher.match(input.text, { top: MAX_CHOICES });
  const best = response.results[0];
  const textHash = hashText(input.text);
  turn.log.info(
    {
      event: 'paste_matched',
      verdict: response.verdict,
      entryId: best?.id,
      score: best?.score,
      textHash,
      chars: input.text.length,
      truncated: input.truncated,
      addressed: input.addressed,
    },
    'paste matched',
  );
  const pastedAt = deps.clock.now().toISOString();

  if (response.verdict === 'confident' && best) {
    const history = await entryHistory(turn, best.entry.id);
    const match: MatchContext = {
      verdict: 'confident',
      score: clamp01(best.score),
      codes: codesIn(input.text, best.entry),
      textHash,
      pastedAt,
      locale: turn.locale,
    };
    await sendCard(
      context,
      deps.cards.matchCard({
        catalogue: deps.catalogue,
        entry: best.entry,
        locale: turn.locale,
        match,
        ...(history.stats ? { stats: history.stats } : {}),
      }),
    );
    if (history.unavailable) await context.sendActivity(notice('storeUnavailable', turn.lang));
    if (input.truncated) await context.sendActivity(notice('truncated', turn.lang));
    return;
  }
  if (!input.addressed) {
    turn.log.debug(
      { event: 'paste_not_answered', verdict: response.verdict },
      'not addressed and not confident: staying silent',
    );
    return;
  }
  if (response.verdict === 'ambiguous' && best) {
    const match: MatchContext = {
      verdict: 'ambiguous',
      score: clamp01(best.score),
      codes: [],
      textHash,
      pastedAt,
      locale: turn.locale,
    };
    const entries = response.results.slice(0, MAX_CHOICES).map((r) => r.entry);
    await sendCard(
      context,
      deps.cards.ambiguousCard({ catalogue: deps.catalogue, entries, locale: turn.locale, match }),
    );
    return;
  }
  await sendCard(context, deps.cards.noMatchCard(turn.locale));
  if (input.truncated) await context.sendActivity(notice('truncated', turn.lang));
}
