/**
 * UI strings of the cards (buttons, labels) in English, Korean and Dutch; entry text comes from the catalogue.
 * Each table is a complete `UiStrings` (no table starts from another), so a key missing in Korean or Dutch is a
 * compile error rather than English shown to a Korean reader. Error texts are keyed by the error codes.
 */
import type { Lang } from '../core/catalogue/schema';
import type { ErrorCode } from '../core/errors';

/** One friendly text per error code, and one for anything else. */
export type ErrorTexts = Readonly<Record<ErrorCode | 'generic', string>>;

/** The UI language for a Teams locale ('ko-KR' → ko, 'nl-NL'/'nl-BE' → nl, anything else → en). */
export function uiLang(locale: string | undefined): Lang {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'ko') return 'ko';
  if (primary === 'nl') return 'nl';
  return 'en';
}

/** "1 fix", "9 fixes". */
const fixes = (m: number): string => `${m} ${m === 1 ? 'fix' : 'fixes'}`;

const en = {
  appName: 'Remedy',
  azureBackupError: 'Azure Backup error',
  code: 'Code',
  codes: 'Codes',
  message: 'Message',
  operation: 'Operation',
  article: 'Article',
  causes: 'Possible causes, in the order to check them',
  causeN: (n: number) => `Cause ${n}`,
  stepNofM: (n: number, m: number) => `Step ${n} of ${m}`,
  fixNofM: (n: number, m: number) => `Step ${n} of ${fixes(m)}`,
  checkBefore: (n: number, m: number) =>
    n > m ? `Check · after all ${fixes(m)}` : `Check · before step ${n} of ${fixes(m)}`,
  diagnosticAt: (n: number, m: number) =>
    n > m ? `Diagnostic · after all ${fixes(m)}` : `Diagnostic · before step ${n} of ${fixes(m)}`,

  checkPrompt: 'Check this, then answer: is it so?',
  diagnosticHint:
    'This step gathers information for the next steps or for support; it does not fix the error itself.',
  yes: 'Yes — next',
  noToFix: (step: number) => `No — go to step ${step}`,
  no: 'No — next',
  done: 'Done — next',
  doneLast: 'Done — no more steps',
  optionNofM: (n: number, m: number) => `Option ${n} of ${m}`,
  stepFixedThis: (step: number, resolved: number, tried: number) =>
    `Step ${step} fixed this ${resolved} of ${tried} ${tried === 1 ? 'time' : 'times'}`,
  thisStepFixed: (resolved: number, tried: number) =>
    `This step fixed this error ${resolved} of ${tried} ${tried === 1 ? 'time' : 'times'} before`,
  history: 'What fixed it before',
  startGuidedFix: 'Start guided fix',
  jumpToUsual: (step: number) => `Jump to step ${step} (usually works)`,
  jumpNote: (step: number, resolved: number, tried: number) =>
    `Step ${step} fixed this error ${resolved} of ${tried} ${tried === 1 ? 'time' : 'times'} here, more than any other step: “Jump to step ${step}” starts the guided fix there.`,
  openArticle: 'Open the article',
  fixedIt: 'This fixed it',
  nextStep: 'Didn’t help — next',
  lastStep: 'Didn’t help — no more steps',
  back: 'Back',
  escalate: 'Escalate',
  noSteps: 'The article documents no steps for this error. Read the article or escalate.',
  langNote: (langNames: string) => `The documentation for this error exists in ${langNames} only.`,
  langName: { en: 'English', ko: 'Korean', nl: 'Dutch' } as Record<Lang, string>,
  and: (items: readonly string[]) =>
    items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`,
  ambiguousTitle: 'Which one did you mean?',
  ambiguousIntro: 'Your message matches more than one documented error. Pick the one you see:',
  thisOne: 'This one',
  choose: (label: string) => `It’s ${label}`,
  noDescription: (article: string) => `Documented in “${article}”.`,
  noMatchTitle: 'I could not recognise that error',
  unknownCodeTitle: (codes: string) => `${codes}: not in my catalogue`,
  unknownCodeText: (codes: string) =>
    `${codes} looks like an Azure Backup error code, but none of the troubleshooting articles I know documents it. Microsoft Learn may have it.`,
  searchLearn: 'Search Microsoft Learn',
  noMatchText: 'Nothing in the Azure Backup troubleshooting articles matches your message.',
  noMatchTips: [
    'Paste the error code, e.g. **UserErrorGuestAgentStatusUnavailable** or **0x29834**.',
    'Or paste the full error message from the portal or the job log.',
    'Type **search** and a few words to browse the documented errors.',
  ],
  help: 'Help',
  resolvedTitle: 'Fixed',
  resolvedBy: 'Confirmed by',
  someone: 'A team member',
  timeToFix: 'Time to fix',
  elapsed: 'Time since the paste',
  fixedBy: 'Fixed by',
  stepsTried: 'Steps tried before',
  none: 'none',
  exhaustedTitle: 'All documented steps tried',
  exhaustedIntro: (who: string) =>
    `${who} went through every documented step; none fixed this. Open a support request: the summary below lists what was tried.`,
  escalatedTitle: 'Escalated',
  escalatedIntro: (who: string) => `${who} escalated this. The summary below lists what was already tried.`,
  ticketSummary: 'Summary for the support ticket (copy it)',
  ticketHeader: 'Azure Backup error',
  ticketTried: 'Steps already tried',
  ticketSource: 'Documentation',
  ticketNoneTried: '(no step confirmed or tried)',
  ticketStatusEscalated: (who: string, at: string) => `Status: escalated by ${who}, ${at}`,
  ticketStatusExhausted: (who: string, at: string) =>
    `Status: every documented step tried; last answer by ${who}, ${at}`,
  ticketPasted: (at: string) => `Error pasted: ${at}`,
  ticketSession: 'Remedy session',
  answer: {
    next: 'didn’t help',
    back: 'went back',
    fixed: 'fixed it',
    escalate: 'escalated',
    yes: 'yes',
    no: 'no',
  } as Record<'next' | 'back' | 'fixed' | 'escalate' | 'yes' | 'no', string>,
  kindLabel: { fix: 'Fix', check: 'Check', diagnostic: 'Diagnostic' } as Record<
    'fix' | 'check' | 'diagnostic',
    string
  >,
  statsTitle: 'Resolution statistics',
  statsDetails: 'Details of this error',
  statsEmpty: 'No guided fix has finished yet. Statistics appear after the first one.',
  statsEntryEmpty: 'No guided fix of this error has finished yet.',
  sessions: (n: number) => `${n} ${n === 1 ? 'session' : 'sessions'}`,
  resolvedRate: (pct: number) => `${pct}% resolved`,
  medianFix: (d: string) => `median time to fix ${d}`,
  stepResolved: (resolved: number, tried: number) => `${resolved} of ${tried}`,
  helpTitle: 'Remedy — Azure Backup troubleshooting',
  helpIntro:
    'Paste a failing backup’s error (code, portal message or log excerpt) and I walk you through the documented fix, one step at a time.',
  helpCommands: [
    { command: 'help', description: 'this message' },
    { command: 'stats', description: 'which steps fixed which errors' },
    { command: 'stats CODE', description: 'statistics of one error, e.g. stats 0x29834' },
    { command: 'search WORDS', description: 'browse the documented errors, e.g. search vault credentials' },
  ],
  helpChannel:
    'In a channel, @-mention me in the incident thread; I also answer errors I recognise with certainty.',
  searchTitle: (q: string) => `Search: ${q}`,
  searchEmpty: 'No documented error matches these words.',
  searchCount: (n: number) => `${n} documented ${n === 1 ? 'error' : 'errors'}`,
  open: 'Open',
  errorTitle: 'Something went wrong',
  errorReference: 'Reference',
  errors: {
    CATALOGUE_INVALID:
      'My catalogue of documented errors could not be read. Please tell the team that runs me.',
    SCHEMA_TOO_NEW: 'My storage was written by a newer version of me. Please tell the team that runs me.',
    CONFIG_INVALID: 'I am not configured correctly. Please tell the team that runs me.',
    CARD_INVALID:
      'I could not draw that card. Please try again; if it keeps happening, tell the team that runs me.',
    SESSION_FOREIGN:
      'This card belongs to another conversation. Paste the error here to start a guided fix in this one.',
    SESSION_NOT_FOUND: 'This guided fix is no longer available. Paste the error again to start over.',
    SESSION_ENDED: 'This guided fix has already ended.',
    SESSION_CONFLICT: 'Someone else moved this guided fix on; here is the current step.',
    ACTION_INVALID: 'That button is not valid any more. Paste the error again to start over.',
    ENTRY_NOT_FOUND: 'That error is no longer in the catalogue. Paste the error again.',
    STORE_UNAVAILABLE: 'Your fix could not be saved right now; the steps still work.',
    generic: 'Something went wrong on my side. Please try again in a moment.',
  } satisfies ErrorTexts as ErrorTexts,
  duration: { lessThanMinute: 'under a minute', min: 'min', h: 'h', d: 'd' },
};

export type UiStrings = typeof en;

const ko: UiStrings = {
  appName: 'Remedy',
  azureBackupError: 'Azure Backup 오류',
  code: '코드',
  codes: '코드',
  message: '메시지',
  operation: '작업',
  article: '문서',
  causes: '가능한 원인 (확인할 순서대로)',
  causeN: (n) => `원인 ${n}`,
  stepNofM: (n, m) => `${m}단계 중 ${n}단계`,
  fixNofM: (n, m) => `해결 단계 ${m}개 중 ${n}번째`,
  checkBefore: (n, m) => (n > m ? `확인 · 해결 단계 ${m}개 이후` : `확인 · 해결 단계 ${m}개 중 ${n}번째 전`),
  diagnosticAt: (n, m) => (n > m ? `진단 · 해결 단계 ${m}개 이후` : `진단 · 해결 단계 ${m}개 중 ${n}번째 전`),
  checkPrompt: '확인한 후 답하세요: 그렇습니까?',
  diagnosticHint:
    '이 단계는 다음 단계나 지원 요청을 위한 정보를 수집합니다. 오류 자체를 해결하지는 않습니다.',
  yes: '예 — 다음',
  noToFix: (step) => `아니요 — ${step}단계로`,
  no: '아니요 — 다음',
  done: '완료 — 다음',
  doneLast: '완료 — 더 이상 단계 없음',
  optionNofM: (n, m) => `방법 ${m}개 중 ${n}번째`,
  stepFixedThis: (step, resolved, tried) => `${step}단계로 ${tried}번 중 ${resolved}번 해결됨`,
  thisStepFixed: (resolved, tried) => `이 단계로 이전에 ${tried}번 중 ${resolved}번 해결됨`,
  history: '이전에 해결한 단계',
  startGuidedFix: '단계별 해결 시작',
  jumpToUsual: (step) => `${step}단계로 이동 (주로 해결됨)`,
  jumpNote: (step, resolved, tried) =>
    `이 팀에서 ${step}단계가 ${tried}번 중 ${resolved}번 이 오류를 해결했습니다(다른 단계보다 많음). “${step}단계로 이동”을 누르면 그 단계부터 시작합니다.`,
  openArticle: '문서 열기',
  fixedIt: '해결됨',
  nextStep: '해결 안 됨 — 다음',
  lastStep: '해결 안 됨 — 더 이상 단계 없음',
  back: '이전',
  escalate: '에스컬레이션',
  noSteps: '이 오류에 대해 문서화된 단계가 없습니다. 문서를 읽거나 에스컬레이션하세요.',
  langNote: (langName) => `이 오류의 문서는 ${langName}로만 제공됩니다.`,
  langName: { en: '영어', ko: '한국어', nl: '네덜란드어' },
  and: (items) => items.join(' 및 '),
  ambiguousTitle: '어떤 오류를 말씀하신 건가요?',
  ambiguousIntro: '메시지가 문서화된 오류 여러 개와 일치합니다. 보고 계신 오류를 선택하세요.',
  thisOne: '이 오류',
  choose: (label) => `${label} 선택`,
  noDescription: (article) => `“${article}” 문서에 설명되어 있습니다.`,
  noMatchTitle: '오류를 인식하지 못했습니다',
  unknownCodeTitle: (codes) => `${codes}: 카탈로그에 없음`,
  unknownCodeText: (codes) =>
    `${codes}은(는) Azure Backup 오류 코드처럼 보이지만, 제가 아는 문제 해결 문서에는 설명이 없습니다. Microsoft Learn에서 찾아보세요.`,
  searchLearn: 'Microsoft Learn에서 검색',
  noMatchText: 'Azure Backup 문제 해결 문서에서 메시지와 일치하는 항목이 없습니다.',
  noMatchTips: [
    '오류 코드를 붙여 넣으세요. 예: **UserErrorGuestAgentStatusUnavailable** 또는 **0x29834**',
    '또는 포털이나 작업 로그의 전체 오류 메시지를 붙여 넣으세요.',
    '**search** 와 검색어를 입력하면 문서화된 오류를 찾아볼 수 있습니다.',
  ],
  help: '도움말',
  resolvedTitle: '해결됨',
  resolvedBy: '확인한 사람',
  someone: '팀원',
  timeToFix: '해결까지 걸린 시간',
  elapsed: '오류 게시 후 경과 시간',
  fixedBy: '해결한 단계',
  stepsTried: '먼저 시도한 단계',
  none: '없음',
  exhaustedTitle: '문서화된 단계를 모두 시도했습니다',
  exhaustedIntro: (who) =>
    `${who}님이 문서화된 단계를 모두 시도했지만 해결되지 않았습니다. 지원 요청을 여세요. 아래 요약에 시도한 내용이 있습니다.`,
  escalatedTitle: '에스컬레이션됨',
  escalatedIntro: (who) => `${who}님이 에스컬레이션했습니다. 아래 요약에 이미 시도한 내용이 있습니다.`,
  ticketSummary: '지원 티켓용 요약 (복사하세요)',
  ticketHeader: 'Azure Backup 오류',
  ticketTried: '이미 시도한 단계',
  ticketSource: '문서',
  ticketNoneTried: '(시도한 단계 없음)',
  ticketStatusEscalated: (who, at) => `상태: ${who}님이 에스컬레이션함, ${at}`,
  ticketStatusExhausted: (who, at) => `상태: 문서화된 단계를 모두 시도함, 마지막 응답 ${who}님, ${at}`,
  ticketPasted: (at) => `오류 게시: ${at}`,
  ticketSession: 'Remedy 세션',
  answer: {
    next: '해결 안 됨',
    back: '이전으로',
    fixed: '해결됨',
    escalate: '에스컬레이션',
    yes: '예',
    no: '아니요',
  },
  kindLabel: { fix: '해결', check: '확인', diagnostic: '진단' },
  statsTitle: '해결 통계',
  statsDetails: '이 오류의 자세한 통계',
  statsEmpty: '아직 완료된 단계별 해결이 없습니다. 첫 번째 기록 후에 통계가 표시됩니다.',
  statsEntryEmpty: '이 오류의 단계별 해결이 아직 완료되지 않았습니다.',
  sessions: (n) => `세션 ${n}개`,
  resolvedRate: (pct) => `${pct}% 해결`,
  medianFix: (d) => `해결 시간 중앙값 ${d}`,
  stepResolved: (resolved, tried) => `${tried}번 중 ${resolved}번`,
  helpTitle: 'Remedy — Azure Backup 문제 해결',
  helpIntro:
    '실패한 백업의 오류(코드, 포털 메시지 또는 로그)를 붙여 넣으면 문서화된 해결 방법을 한 단계씩 안내합니다.',
  helpCommands: [
    { command: 'help', description: '이 도움말' },
    { command: 'stats', description: '어떤 단계가 어떤 오류를 해결했는지' },
    { command: 'stats 코드', description: '오류 하나의 통계 (예: stats 0x29834)' },
    { command: 'search 검색어', description: '문서화된 오류 찾아보기 (예: search 자격 증명)' },
  ],
  helpChannel: '채널에서는 인시던트 스레드에서 저를 @멘션하세요. 확실히 인식한 오류에는 직접 답합니다.',
  searchTitle: (q) => `검색: ${q}`,
  searchEmpty: '검색어와 일치하는 문서화된 오류가 없습니다.',
  searchCount: (n) => `문서화된 오류 ${n}개`,
  open: '열기',
  errorTitle: '문제가 발생했습니다',
  errorReference: '참조',
  errors: {
    CATALOGUE_INVALID: '문서화된 오류 카탈로그를 읽을 수 없습니다. 봇 운영 팀에 알려 주세요.',
    SCHEMA_TOO_NEW: '저장소가 더 새로운 버전으로 작성되었습니다. 봇 운영 팀에 알려 주세요.',
    CONFIG_INVALID: '봇 구성이 올바르지 않습니다. 봇 운영 팀에 알려 주세요.',
    CARD_INVALID: '카드를 표시할 수 없습니다. 다시 시도하고, 계속되면 봇 운영 팀에 알려 주세요.',
    SESSION_FOREIGN:
      '이 카드는 다른 대화의 카드입니다. 이 대화에서 단계별 해결을 시작하려면 여기에 오류를 붙여 넣으세요.',
    SESSION_NOT_FOUND: '이 단계별 해결은 더 이상 사용할 수 없습니다. 오류를 다시 붙여 넣어 시작하세요.',
    SESSION_ENDED: '이 단계별 해결은 이미 끝났습니다.',
    SESSION_CONFLICT: '다른 사람이 이미 다음 단계로 진행했습니다. 현재 단계입니다.',
    ACTION_INVALID: '이 버튼은 더 이상 유효하지 않습니다. 오류를 다시 붙여 넣어 시작하세요.',
    ENTRY_NOT_FOUND: '이 오류는 더 이상 카탈로그에 없습니다. 오류를 다시 붙여 넣으세요.',
    STORE_UNAVAILABLE: '지금은 해결 기록을 저장할 수 없습니다. 단계는 계속 사용할 수 있습니다.',
    generic: '문제가 발생했습니다. 잠시 후 다시 시도하세요.',
  },
  duration: { lessThanMinute: '1분 미만', min: '분', h: '시간', d: '일' },
};

const nl: UiStrings = {
  appName: 'Remedy',
  azureBackupError: 'Azure Backup-fout',
  code: 'Code',
  codes: 'Codes',
  message: 'Melding',
  operation: 'Bewerking',
  article: 'Artikel',
  causes: 'Mogelijke oorzaken, in de volgorde om ze te controleren',
  causeN: (n) => `Oorzaak ${n}`,
  stepNofM: (n, m) => `Stap ${n} van ${m}`,
  fixNofM: (n, m) => `Stap ${n} van ${m} ${m === 1 ? 'oplossing' : 'oplossingen'}`,
  checkBefore: (n, m) =>
    n > m ? `Controle · na alle ${m} oplossingen` : `Controle · vóór stap ${n} van ${m} oplossingen`,
  diagnosticAt: (n, m) =>
    n > m ? `Diagnose · na alle ${m} oplossingen` : `Diagnose · vóór stap ${n} van ${m} oplossingen`,
  checkPrompt: 'Controleer dit en antwoord: klopt het?',
  diagnosticHint:
    'Deze stap verzamelt informatie voor de volgende stappen of voor support; de fout zelf lost hij niet op.',
  yes: 'Ja — volgende',
  noToFix: (step) => `Nee — naar stap ${step}`,
  no: 'Nee — volgende',
  done: 'Klaar — volgende',
  doneLast: 'Klaar — geen stappen meer',
  optionNofM: (n, m) => `Optie ${n} van ${m}`,
  stepFixedThis: (step, resolved, tried) => `Stap ${step} loste dit ${resolved} van de ${tried} keer op`,
  thisStepFixed: (resolved, tried) => `Deze stap loste deze fout eerder ${resolved} van de ${tried} keer op`,
  history: 'Wat het eerder oploste',
  startGuidedFix: 'Begeleide oplossing starten',
  jumpToUsual: (step) => `Naar stap ${step} (werkt meestal)`,
  jumpNote: (step, resolved, tried) =>
    `Stap ${step} loste deze fout hier ${resolved} van de ${tried} keer op, vaker dan elke andere stap: “Naar stap ${step}” begint de begeleide oplossing daar.`,
  openArticle: 'Artikel openen',
  fixedIt: 'Dit loste het op',
  nextStep: 'Hielp niet — volgende',
  lastStep: 'Hielp niet — geen stappen meer',
  back: 'Terug',
  escalate: 'Escaleren',
  noSteps: 'Het artikel beschrijft geen stappen voor deze fout. Lees het artikel of escaleer.',
  langNote: (langName) => `De documentatie van deze fout bestaat alleen in het ${langName}.`,
  langName: { en: 'Engels', ko: 'Koreaans', nl: 'Nederlands' },
  and: (items) =>
    items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`,
  ambiguousTitle: 'Welke bedoelt u?',
  ambiguousIntro: 'Uw bericht past bij meer dan één gedocumenteerde fout. Kies de fout die u ziet:',
  thisOne: 'Deze',
  choose: (label) => `Het is ${label}`,
  noDescription: (article) => `Beschreven in “${article}”.`,
  noMatchTitle: 'Ik herken deze fout niet',
  unknownCodeTitle: (codes) => `${codes}: niet in mijn catalogus`,
  unknownCodeText: (codes) =>
    `${codes} lijkt een Azure Backup-foutcode, maar geen van de artikelen over probleemoplossing die ik ken beschrijft hem. Microsoft Learn heeft hem misschien wel.`,
  searchLearn: 'Zoeken op Microsoft Learn',
  noMatchText: 'Niets in de Azure Backup-artikelen over probleemoplossing past bij uw bericht.',
  noMatchTips: [
    'Plak de foutcode, bijvoorbeeld **UserErrorGuestAgentStatusUnavailable** of **0x29834**.',
    'Of plak de volledige foutmelding uit de portal of het takenlogboek.',
    'Typ **search** en een paar woorden om de gedocumenteerde fouten te doorzoeken.',
  ],
  help: 'Help',
  resolvedTitle: 'Opgelost',
  resolvedBy: 'Bevestigd door',
  someone: 'een teamlid',
  timeToFix: 'Tijd tot oplossing',
  elapsed: 'Tijd sinds het plakken',
  fixedBy: 'Opgelost met',
  stepsTried: 'Eerder geprobeerde stappen',
  none: 'geen',
  exhaustedTitle: 'Alle gedocumenteerde stappen geprobeerd',
  exhaustedIntro: (who) =>
    `${who} heeft alle gedocumenteerde stappen geprobeerd; geen ervan loste dit op. Open een ondersteuningsaanvraag: de samenvatting hieronder noemt wat is geprobeerd.`,
  escalatedTitle: 'Geëscaleerd',
  escalatedIntro: (who) =>
    `${who} heeft dit geëscaleerd. De samenvatting hieronder noemt wat al is geprobeerd.`,
  ticketSummary: 'Samenvatting voor het supportticket (kopieer deze)',
  ticketHeader: 'Azure Backup-fout',
  ticketTried: 'Al geprobeerde stappen',
  ticketSource: 'Documentatie',
  ticketNoneTried: '(geen stap geprobeerd)',
  ticketStatusEscalated: (who, at) => `Status: geëscaleerd door ${who}, ${at}`,
  ticketStatusExhausted: (who, at) =>
    `Status: alle gedocumenteerde stappen geprobeerd; laatste antwoord van ${who}, ${at}`,
  ticketPasted: (at) => `Fout geplakt: ${at}`,
  ticketSession: 'Remedy-sessie',
  answer: {
    next: 'hielp niet',
    back: 'terug',
    fixed: 'loste het op',
    escalate: 'geëscaleerd',
    yes: 'ja',
    no: 'nee',
  },
  kindLabel: { fix: 'Oplossing', check: 'Controle', diagnostic: 'Diagnose' },
  statsTitle: 'Oplossingsstatistieken',
  statsDetails: 'Details van deze fout',
  statsEmpty: 'Er is nog geen begeleide oplossing afgerond. Statistieken verschijnen na de eerste.',
  statsEntryEmpty: 'Er is nog geen begeleide oplossing van deze fout afgerond.',
  sessions: (n) => `${n} ${n === 1 ? 'sessie' : 'sessies'}`,
  resolvedRate: (pct) => `${pct}% opgelost`,
  medianFix: (d) => `mediane tijd tot oplossing ${d}`,
  stepResolved: (resolved, tried) => `${resolved} van ${tried}`,
  helpTitle: 'Remedy — probleemoplossing voor Azure Backup',
  helpIntro:
    'Plak de fout van een mislukte back-up (code, portalmelding of logboekfragment) en ik loop stap voor stap met u door de gedocumenteerde oplossing.',
  helpCommands: [
    { command: 'help', description: 'dit bericht' },
    { command: 'stats', description: 'welke stappen welke fouten oplosten' },
    { command: 'stats CODE', description: 'statistieken van één fout, bijv. stats 0x29834' },
    {
      command: 'search WOORDEN',
      description: 'de gedocumenteerde fouten doorzoeken, bijv. search kluisreferenties',
    },
  ],
  helpChannel:
    'Noem mij met @ in de incidentthread van een kanaal; fouten die ik zeker herken beantwoord ik ook zonder vermelding.',
  searchTitle: (q) => `Zoeken: ${q}`,
  searchEmpty: 'Geen gedocumenteerde fout past bij deze woorden.',
  searchCount: (n) => `${n} gedocumenteerde ${n === 1 ? 'fout' : 'fouten'}`,
  open: 'Openen',
  errorTitle: 'Er ging iets mis',
  errorReference: 'Referentie',
  errors: {
    CATALOGUE_INVALID:
      'Mijn catalogus van gedocumenteerde fouten kon niet worden gelezen. Meld het aan het team dat mij beheert.',
    SCHEMA_TOO_NEW:
      'Mijn opslag is geschreven door een nieuwere versie van mij. Meld het aan het team dat mij beheert.',
    CONFIG_INVALID: 'Ik ben niet goed geconfigureerd. Meld het aan het team dat mij beheert.',
    CARD_INVALID:
      'Ik kon die kaart niet tekenen. Probeer het opnieuw; gebeurt het vaker, meld het dan aan het team dat mij beheert.',
    SESSION_FOREIGN:
      'Deze kaart hoort bij een ander gesprek. Plak de fout hier om in dit gesprek een begeleide oplossing te starten.',
    SESSION_NOT_FOUND:
      'Deze begeleide oplossing is niet meer beschikbaar. Plak de fout opnieuw om opnieuw te beginnen.',
    SESSION_ENDED: 'Deze begeleide oplossing is al afgerond.',
    SESSION_CONFLICT: 'Iemand anders is al verder gegaan; dit is de huidige stap.',
    ACTION_INVALID: 'Deze knop is niet meer geldig. Plak de fout opnieuw om opnieuw te beginnen.',
    ENTRY_NOT_FOUND: 'Deze fout staat niet meer in de catalogus. Plak de fout opnieuw.',
    STORE_UNAVAILABLE: 'Uw oplossing kon nu niet worden opgeslagen; de stappen werken nog wel.',
    generic: 'Er ging aan mijn kant iets mis. Probeer het zo opnieuw.',
  },
  duration: { lessThanMinute: 'minder dan een minuut', min: 'min', h: 'u', d: 'd' },
};

const STRINGS: Readonly<Record<Lang, UiStrings>> = { en, ko, nl };

export function uiStrings(lang: Lang): UiStrings {
  return STRINGS[lang];
}

/** "under a minute", "14 min", "2 h 5 min", "3 d 4 h" in the UI language. */
export function formatDuration(ms: number, lang: Lang): string {
  const d = STRINGS[lang].duration;
  const sep = lang === 'ko' ? '' : ' ';
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) return d.lessThanMinute;
  if (minutes < 60) return `${minutes}${sep}${d.min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours}${sep}${d.h} ${rest}${sep}${d.min}` : `${hours}${sep}${d.h}`;
  }
  const days = Math.floor(hours / 24);
  const restH = hours % 24;
  return restH ? `${days}${sep}${d.d} ${restH}${sep}${d.h}` : `${days}${sep}${d.d}`;
}
