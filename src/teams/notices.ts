/** Short bot-side notices (not card UI strings, which live in src/cards/i18n.ts), in English, Korean and Dutch. */
import type { Lang } from '../core/catalogue/schema';

export type NoticeKey = 'storeUnavailable' | 'rateLimited' | 'attachmentsOnly' | 'truncated' | 'outdatedCard';

const NOTICES: Readonly<Record<Lang, Readonly<Record<NoticeKey, string>>>> = {
  en: {
    storeUnavailable:
      'The guided fix could not be saved right now (storage is unavailable). The documented steps are shown; try the buttons again in a moment.',
    rateLimited: 'Too many messages in this conversation right now; I will answer again in a moment.',
    attachmentsOnly: 'I can only read text. Paste the error code or the error message as text.',
    truncated: 'Your message was very long; I read only its beginning.',
    outdatedCard: 'That card is outdated. Paste the error again to start over.',
  },
  ko: {
    storeUnavailable:
      '지금은 안내 세션을 저장할 수 없습니다(저장소를 사용할 수 없음). 문서화된 단계를 표시합니다. 잠시 후 버튼을 다시 눌러 주세요.',
    rateLimited: '지금 이 대화에 메시지가 너무 많습니다. 잠시 후 다시 답변하겠습니다.',
    attachmentsOnly: '텍스트만 읽을 수 있습니다. 오류 코드나 오류 메시지를 텍스트로 붙여 넣어 주세요.',
    truncated: '메시지가 너무 길어 앞부분만 읽었습니다.',
    outdatedCard: '오래된 카드입니다. 오류를 다시 붙여 넣어 새로 시작하세요.',
  },
  nl: {
    storeUnavailable:
      'De begeleide oplossing kan nu niet worden opgeslagen (opslag niet beschikbaar). De gedocumenteerde stappen worden getoond; probeer de knoppen zo opnieuw.',
    rateLimited: 'Er komen nu te veel berichten binnen in dit gesprek; ik antwoord zo weer.',
    attachmentsOnly: 'Ik kan alleen tekst lezen. Plak de foutcode of de foutmelding als tekst.',
    truncated: 'Uw bericht was erg lang; ik heb alleen het begin gelezen.',
    outdatedCard: 'Deze kaart is verouderd. Plak de fout opnieuw om opnieuw te beginnen.',
  },
};

export function notice(key: NoticeKey, lang: Lang): string {
  return NOTICES[lang][key];
}
