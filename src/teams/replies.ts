/**
 * What the bot sends: Adaptive Card messages (a reply uses the turn's conversation id, so it stays in the thread),
 * card updates, and short text notices (not card UI strings, which live in src/cards/i18n.ts) in English, Korean
 * and Dutch.
 */
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Lang } from '../core/catalogue/schema';
import type { AdaptiveCardJson } from './cardActions';

export function cardMessage(card: AdaptiveCardJson): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

/** Sends a card as a reply in the current conversation (thread); resolves to the new message's id. */
export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  const response = await context.sendActivity(cardMessage(card));
  return response?.id;
}

/**
 * Replaces the card message `activityId` (the invoke's replyToId) so that everyone in the thread sees the
 * current state; the invoke response alone updates the card only for whoever clicked. A failed update is
 * logged, not thrown: the clicker already gets the card in the invoke response.
 */
export async function updateCard(
  context: TurnContext,
  activityId: string | undefined,
  card: AdaptiveCardJson,
  log: Logger,
): Promise<boolean> {
  if (!activityId) {
    log.debug(
      { event: 'card_update_skipped' },
      'invoke has no replyToId; only the clicker sees the new card',
    );
    return false;
  }
  try {
    await context.updateActivity({
      ...cardMessage(card),
      id: activityId,
      conversation: context.activity.conversation,
    });
    return true;
  } catch (error) {
    log.warn(
      { event: 'card_update_failed', err: error, cardActivityId: activityId },
      'could not update the card message for the thread',
    );
    return false;
  }
}

/* Notices */

export type NoticeKey =
  | 'storeUnavailable'
  | 'outcomePending'
  | 'rateLimited'
  | 'attachmentsOnly'
  | 'truncated'
  | 'outdatedCard'
  | 'thanks'
  | 'hello'
  | 'ok'
  | 'actionAnswered';

const NOTICES: Readonly<Record<Lang, Readonly<Record<NoticeKey, string>>>> = {
  en: {
    storeUnavailable:
      'The guided fix could not be saved right now (storage is unavailable). The documented steps are shown; try the buttons again in a moment.',
    outcomePending:
      'Saved on this server; it will be recorded in the statistics as soon as the database is reachable again.',
    rateLimited: 'Too many messages in this conversation right now; I will answer again in a moment.',
    attachmentsOnly: 'I can only read text. Paste the error code or the error message as text.',
    truncated: 'Your message was very long; I read only its beginning.',
    outdatedCard: 'That card is outdated. Paste the error again to start over.',
    thanks: 'You’re welcome! Paste another error any time.',
    hello:
      'Hello! Paste an Azure Backup error (a code or the message) and I’ll walk you through the fix. Type **help** for more.',
    ok: '👍 I’m here when you need me: paste an error to start.',
    actionAnswered: 'Done: I answered in the thread of that message.',
  },
  ko: {
    storeUnavailable:
      '지금은 안내 세션을 저장할 수 없습니다(저장소를 사용할 수 없음). 문서화된 단계를 표시합니다. 잠시 후 버튼을 다시 눌러 주세요.',
    outcomePending: '이 서버에 저장했습니다. 데이터베이스에 다시 연결되면 바로 통계에 기록됩니다.',
    rateLimited: '지금 이 대화에 메시지가 너무 많습니다. 잠시 후 다시 답변하겠습니다.',
    attachmentsOnly: '텍스트만 읽을 수 있습니다. 오류 코드나 오류 메시지를 텍스트로 붙여 넣어 주세요.',
    truncated: '메시지가 너무 길어 앞부분만 읽었습니다.',
    outdatedCard: '오래된 카드입니다. 오류를 다시 붙여 넣어 새로 시작하세요.',
    thanks: '천만에요! 다른 오류가 있으면 언제든 붙여 넣어 주세요.',
    hello:
      '안녕하세요! Azure Backup 오류(코드 또는 메시지)를 붙여 넣으면 해결 방법을 안내해 드립니다. 자세한 내용은 **help**를 입력하세요.',
    ok: '👍 필요할 때 오류를 붙여 넣어 주세요.',
    actionAnswered: '완료: 해당 메시지의 스레드에 답했습니다.',
  },
  nl: {
    storeUnavailable:
      'De begeleide oplossing kan nu niet worden opgeslagen (opslag niet beschikbaar). De gedocumenteerde stappen worden getoond; probeer de knoppen zo opnieuw.',
    outcomePending:
      'Opgeslagen op deze server; het wordt in de statistieken vastgelegd zodra de database weer bereikbaar is.',
    rateLimited: 'Er komen nu te veel berichten binnen in dit gesprek; ik antwoord zo weer.',
    attachmentsOnly: 'Ik kan alleen tekst lezen. Plak de foutcode of de foutmelding als tekst.',
    truncated: 'Uw bericht was erg lang; ik heb alleen het begin gelezen.',
    outdatedCard: 'Deze kaart is verouderd. Plak de fout opnieuw om opnieuw te beginnen.',
    thanks: 'Graag gedaan! Plak gerust een volgende fout.',
    hello:
      'Hallo! Plak een Azure Backup-fout (een code of de melding) en ik help u stap voor stap. Typ **help** voor meer.',
    ok: '👍 Ik ben er als u me nodig hebt: plak een fout om te beginnen.',
    actionAnswered: 'Klaar: ik heb geantwoord in de thread van dat bericht.',
  },
};

export function notice(key: NoticeKey, lang: Lang): string {
  return NOTICES[lang][key];
}
