/**
 * Recognising an error in a message, end to end: a pasted message, or any message someone points the
 * "Troubleshoot with Remedy" message action at. The answer is the match card (confident), the "which one did you
 * mean?" card (ambiguous; `choose` then shows the picked entry's match card), "`X` is not in my catalogue" (a code
 * shaped like an Azure Backup code that no entry has) or the no-match reply. When nobody addressed the bot
 * (channel, no mention) only a confident match is answered.
 */
import {
  CardFactory,
  TurnContext,
  type Activity,
  type ConversationAccount,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
} from 'botbuilder';
import type { MatchContext } from '../../cards';
import { codesIn } from '../../core/catalogue/queries';
import type { MatchResponse } from '../../core/matching';
import { unknownEntry, type AdaptiveCardJson, type CardActionHandler } from '../cardActions';
import { hashText } from '../../privacy';
import { entryHistory } from '../history';
import { MAX_PASTE_CHARS, scopeOf } from '../inbound';
import { notice } from '../replies';
import { sessionIdOfCardMessage } from '../sessionIds';
import type { Turn } from '../turn';
import { currentSessionCard } from './stepAction';

export interface PasteInput {
  text: string;
  /** Personal chat, @-mentioned, or the message action: someone asked, so every verdict is answered. */
  addressed: boolean;
  truncated: boolean;
}

/** Where the answer goes: the turn's conversation (a paste), or the thread of the message acted on. */
export interface Answer {
  card(card: AdaptiveCardJson): Promise<void>;
  text(text: string): Promise<void>;
}

/** How many choices the "which one did you mean?" card offers. */
const MAX_CHOICES = 4;

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

/** The conversation a rate limit applies to: the channel or chat, not the thread. */
export function rateKeyOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** Answers in the turn's own conversation (the thread a message came from). */
function replyHere(context: TurnContext): Answer {
  return {
    card: async (card) => {
      await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
    },
    text: async (text) => {
      await context.sendActivity(text);
    },
  };
}

export async function handlePaste(
  turn: Turn,
  input: PasteInput,
  answer = replyHere(turn.context),
): Promise<void> {
  const { deps, context } = turn;
  const conversationId = context.activity.conversation?.id ?? '';
  const rateKey = rateKeyOf(conversationId);
  if (deps.rateLimiter && !deps.rateLimiter.tryAcquire(rateKey)) {
    // One notice per window: a flood of refused pastes must not become a flood of notices.
    const noticeDue = input.addressed && (deps.rateLimiter.noticeDue?.(rateKey) ?? true);
    turn.log.warn(
      { event: 'paste_rate_limited', noticed: noticeDue },
      'paste refused by the per-conversation rate limit',
    );
    if (noticeDue) await answer.text(notice('rateLimited', turn.lang));
    return;
  }
  const response: MatchResponse = deps.matcher.match(input.text, { top: MAX_CHOICES });
  const best = response.results[0];
  const unknownCodes = response.unknownCodes ?? [];
  const textHash = hashText(input.text);
  turn.log.info(
    {
      event: 'paste_matched',
      verdict: response.verdict,
      entryId: best?.id,
      score: best?.score,
      unknownCodes: unknownCodes.length,
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
    await answer.card(
      deps.cards.matchCard({
        catalogue: deps.catalogue,
        entry: best.entry,
        locale: turn.locale,
        match,
        ...(history.stats ? { stats: history.stats } : {}),
      }),
    );
    if (history.unavailable) await answer.text(notice('storeUnavailable', turn.lang));
    if (input.truncated) await answer.text(notice('truncated', turn.lang));
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
    await answer.card(
      deps.cards.ambiguousCard({ catalogue: deps.catalogue, entries, locale: turn.locale, match }),
    );
    return;
  }
  await answer.card(deps.cards.noMatchCard({ locale: turn.locale, unknownCodes }));
  if (input.truncated) await answer.text(notice('truncated', turn.lang));
}

/**
 * `choose` (a button of the "which one did you mean?" or search card): the match card of that entry, in place
 * of the choice card, so the thread sees what was picked and can start the guided fix from there.
 */
export const handleChoose: CardActionHandler<'choose'> = async (turn, input) => {
  const { catalogue } = turn.deps;
  const entry = catalogue.get(input.data.entryId);
  if (!entry) return unknownEntry(turn, input.data.entryId);
  // A guided fix already runs from this card: a late click on the old choice must not replace its step card.
  if (input.replyToId) {
    const running = await turn.deps.sessions.get(
      sessionIdOfCardMessage(turn.deps.userHashSalt, turn.context.activity, input.replyToId),
    );
    if (running) return { card: await currentSessionCard(turn, running), updateThread: false };
  }
  const history = await entryHistory(turn, entry.id);
  if (history.unavailable && !input.repeated)
    await turn.context.sendActivity(notice('storeUnavailable', turn.lang));
  const card = turn.deps.cards.matchCard({
    catalogue,
    entry,
    locale: turn.locale,
    match: input.data.match,
    ...(history.stats ? { stats: history.stats } : {}),
  });
  return { card, updateThread: true };
};

/* The "Troubleshoot with Remedy" message action (manifest: composeExtensions command `troubleshoot`, context
 * ["message"], fetchTask false): Teams sends `composeExtension/submitAction` with the message in messagePayload. */

export const TROUBLESHOOT_COMMAND = 'troubleshoot';

/** The text of a message as Teams hands it to a message action (HTML body → text with line breaks). */
export function messageText(action: MessagingExtensionAction): string {
  const body = action.messagePayload?.body;
  const content = typeof body?.content === 'string' ? body.content : '';
  if (body?.contentType !== 'html') return content.trim();
  return content
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/**
 * The conversation id of the thread the acted-on message is in: in a channel, the root message's thread
 * (`<channel>;messageid=<root>`); in a chat, the chat itself.
 */
export function threadOf(activity: Partial<Activity>, action: MessagingExtensionAction): string {
  const conversationId = activity.conversation?.id ?? '';
  const payload = action.messagePayload;
  if (scopeOf(activity) !== 'channel' || !payload?.id) return conversationId;
  const root = payload.replyToId || payload.id;
  return `${rateKeyOf(conversationId)};messageid=${root}`;
}

/** The dialog's closing words after a message action. */
export function actionAnswer(text: string): MessagingExtensionActionResponse {
  return { task: { type: 'message', value: text } };
}

/** Posts into `conversationId` (a thread of the turn's channel) rather than the turn's own conversation. */
function replyInThread(context: TurnContext, conversationId: string): Answer {
  const post = async (activity: Partial<Activity>) => {
    const reference = TurnContext.getConversationReference(context.activity);
    const outgoing = TurnContext.applyConversationReference({ ...activity }, reference);
    outgoing.conversation = { ...(reference.conversation as ConversationAccount), id: conversationId };
    delete outgoing.replyToId;
    await context.adapter.sendActivities(context, [outgoing]);
  };
  return {
    card: (card) => post({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] }),
    text: (text) => post({ type: 'message', text }),
  };
}

/**
 * Answers about the message the action was used on, in its thread; the action's dialog then says where the answer
 * went (a `message` task response, which Teams shows in the dialog).
 */
export async function handleTroubleshootAction(
  turn: Turn,
  action: MessagingExtensionAction,
): Promise<MessagingExtensionActionResponse> {
  const extra = typeof action.data?.extra === 'string' ? action.data.extra.trim() : '';
  const text = [messageText(action), extra].filter(Boolean).join('\n');
  const thread = threadOf(turn.context.activity, action);
  const answer =
    thread === turn.context.activity.conversation?.id
      ? replyHere(turn.context)
      : replyInThread(turn.context, thread);
  turn.log.info(
    {
      event: 'message_action',
      chars: text.length,
      messagePayload: action.messagePayload
        ? (action.messagePayload.body?.contentType ?? 'no body')
        : 'absent',
      inThread: thread !== turn.context.activity.conversation?.id,
    },
    'troubleshoot message action',
  );
  if (text.length === 0) return actionAnswer(notice('attachmentsOnly', turn.lang));
  await handlePaste(
    turn,
    { text: text.slice(0, MAX_PASTE_CHARS), addressed: true, truncated: text.length > MAX_PASTE_CHARS },
    answer,
  );
  return actionAnswer(notice('actionAnswered', turn.lang));
}
