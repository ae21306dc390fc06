/**
 * Step kinds, decided at ingest from the article's own wording in English, Korean and Dutch:
 * - `diagnostic`: the step gathers information for a person rather than changing anything — collect logs, turn on
 *   verbose logging (and the steps that finish that change), contact support, open a ticket or support request;
 * - `check`: the step asks whether something is so — "Verify / Ensure / Check / Make sure that X is …",
 *   "…인지 확인합니다", "Controleer of …", "Zorg ervoor dat …" — and says at most what to do when it is not;
 * - `fix`: anything else (the step changes something).
 * A check that points at the step fixing it ("If not, follow these [steps](#anchor)", or the next step starting
 * "If it isn't …") records that step as `fixStep` (see merge.ts).
 */
import { markdownPlainText } from '../markdown';
import type { Lang, StepKind } from '../core/catalogue/schema';
import { matchLabel } from './labels';

/**
 * The action of a sentence is a diagnostic: its main verb (first in English and Dutch, after an opening
 * condition; last in Korean) collects logs or contacts support, or it opens a ticket / support request.
 * "Delete some resource groups or contact Azure Support to increase the limits" is a fix.
 */
const LEAD = String.raw`^(?:(?:if|when|in case)\b[^,]{0,120},\s*(?:then\s+)?)?(?:please\s+)?`;
const DIAGNOSTIC: Readonly<Record<Lang, RegExp[]>> = {
  en: [
    new RegExp(String.raw`${LEAD}(?:collect|gather|capture|share|send|upload)\b[^.]{0,40}\blogs?\b`, 'i'),
    new RegExp(String.raw`${LEAD}(?:contact|reach out to|call)\b[^.]{0,30}\bsupport\b`, 'i'),
    new RegExp(
      String.raw`${LEAD}(?:open|create|file|raise|submit)\b[^.]{0,20}\b(?:support )?(?:ticket|support request|support case)\b`,
      'i',
    ),
  ],
  ko: [
    /로그를?\s*수집(합니다|하세요|하십시오|해야\s*합니다)?\s*[.:]?$/,
    /(지원|기술\s*지원)\s*(팀|부서|센터)?\s*에\s*문의(합니다|하세요|하십시오)?\s*[.:]?$/,
    /(지원|기술\s*지원)\s*(요청|티켓|사례)을?\s*(만들|열|제출|생성)/,
  ],
  nl: [
    /^(?:(?:als|indien|wanneer)\b[^,]{0,120},\s*)?(?:verzamel|upload|deel)\b[^.]{0,40}\b(?:logboeken|logs?)\b/i,
    /^(?:(?:als|indien|wanneer)\b[^,]{0,120},\s*)?neem\s+contact\s+op\s+met\b[^.]{0,30}\b(?:ondersteuning|support)/i,
    /(ondersteuningsaanvraag|supportticket|supportaanvraag)\s+(in|aan)/i,
  ],
};

/** "Check X, and allocate storage as required": a check sentence that also tells you to change something. */
const AND_DO: Readonly<Record<Lang, RegExp>> = {
  en: /,?\s+(?:and|then)\s+(?:then\s+)?(?:allocate|restart|install|reinstall|uninstall|remove|delete|set|run|update|retry|start|stop|enable|disable|change|move|re-?register|reset|create|add|configure|upgrade|assign|grant|increase)\b/i,
  ko: /$^/,
  nl: /\s+en\s+(?:start|installeer|verwijder|stel|voer|werk|wijzig|verplaats|maak|voeg|configureer)\b/i,
};

/** Turning on verbose logging, wherever the step says it: always a diagnostic. */
const VERBOSE_LOGGING =
  /\bverbose\b[^.]{0,20}\blog|\blogs\.verbose\b|자세한\s*정보\s*로깅|uitgebreide\s+logboekregistratie/i;

/** A step that finishes a diagnostic change ("Save the change, and then restart waagent"). */
const DIAGNOSTIC_FOLLOW_UP: Readonly<Record<Lang, RegExp>> = {
  en: /^save the changes?\b/i,
  ko: /^변경\s*(내용|사항)을?\s*저장/,
  nl: /^(sla|bewaar)\s+(de\s+)?wijziging/i,
};

const CHECK_START: Readonly<Record<Lang, RegExp>> = {
  en: /^(?:(?:if|when|in case)\b[^,]{0,120},\s*(?:then\s+)?|(?:open|go to|in|on|from)\b[^.]{0,120}?(?:>|,|\band)\s*)?(?:verify|ensure|check|make sure|confirm|determine whether|validate|see if|inspect|review)\b/i,
  ko: /(확인\s*(합니다|하세요|하십시오|해야\s*합니다|해\s*보세요|합니다\s*\.)?|확인)\s*[.)]?$/,
  nl: /^(?:(?:als|indien|wanneer)\b[^,]{0,120},\s*)?(?:controleer|zorg\b|verifieer|ga na|bevestig|kijk of|controleert u|zorgt u)/i,
};

/** After the check itself: what to do when it is not so ("If not, …", "그렇지 않은 경우 …", "Zo niet, …"). */
const CONDITIONAL: Readonly<Record<Lang, RegExp>> = {
  en: /^(if|otherwise|when|in case|also|for more|to learn more|learn more|see |follow (the|these) steps)/i,
  ko: /^(그렇지\s*않(은\s*경우|으면)|만약|또한|자세한\s*내용)|(경우|면|으면)\s*,?\s|참조/,
  nl: /^(als|zo niet|indien|anders|ook|zie |voor meer|meer informatie)/i,
};

/** A sentence opening "If not / If it isn't …": the step (or link) that follows fixes what a check found. */
export const NEGATIVE_CONDITION: Readonly<Record<Lang, RegExp>> = {
  en: /^(if not\b|otherwise\b|if (it|this|that|they|the [\w\s-]{1,40}?) (isn't|is not|aren't|are not|doesn't|does not|wasn't|isn't in|is stopped)\b)/i,
  ko: /^(그렇지\s*않|[^.,]{0,40}(않으면|않는\s*경우|않은\s*경우))/,
  nl: /^(zo niet\b|anders\b|als (dat|dit|het|deze|de [\w\s-]{1,40}?) niet\b)/i,
};

/** Running a test backup or retrying: a step opening this way and then collecting logs is a diagnostic. */
const RETRY: Readonly<Record<Lang, RegExp>> = {
  en: /^(run|trigger|start|retry|try)\b[^.]{0,30}\b(backup|operation|again)\b/i,
  ko: /(테스트\s*백업|다시\s*시도|백업을\s*(실행|시작))/,
  nl: /(test-?back-?up|opnieuw|back-?up\s+(uit|starten))/i,
};

const NOTE_LINE = /^\*\*(NOTE|IMPORTANT|TIP|WARNING|CAUTION):\*\*/i;

/** A line after the first one wholly in italics: an aside ("_The default location … is C:\…\Scratch_."). */
const ASIDE_LINE = /^(?:_[^_]+_|\*[^*]+\*)\.?$/;

/**
 * The instruction of a step: without "Step 1:" prefixes, notes and italic asides, and after a "Workaround:" label
 * when it has one.
 */
function instruction(markdown: string): string {
  const lines = markdown
    .split('\n')
    .filter((line, i) => !NOTE_LINE.test(line) && !(i > 0 && ASIDE_LINE.test(line.trim())));
  const labelled = lines.map((line) => matchLabel(line)).find((label) => label?.kind === 'action');
  const text = markdownPlainText(labelled ? labelled.rest : lines.join('\n'));
  return text.replace(/^(step\s*\d+|stap\s*\d+|\d+\s*단계)\s*[:.]\s*/i, '');
}

function sentences(text: string, lang: Lang): string[] {
  const split = lang === 'ko' ? /(?<=[.!?]|다\.)\s+/ : /(?<=[.!?])\s+(?=[A-Z\d"'(])/;
  return text
    .split(split)
    .map((s) => s.trim())
    .filter(Boolean);
}

function isDiagnostic(text: string, lang: Lang): boolean {
  return DIAGNOSTIC[lang].some((pattern) => pattern.test(text));
}

function isCheckSentence(sentence: string, lang: Lang): boolean {
  if (lang === 'ko') return CHECK_START.ko.test(sentence.replace(/[.。]\s*$/, ''));
  return CHECK_START[lang].test(sentence);
}

/** The kind of one language's wording of a step. */
export function classifyText(markdown: string, lang: Lang): StepKind {
  const text = instruction(markdown);
  if (!text) return 'fix';
  const [first, ...rest] = sentences(text, lang);
  if (first === undefined) return 'fix';
  if (isDiagnostic(first, lang) || VERBOSE_LOGGING.test(text)) return 'diagnostic';
  if (RETRY[lang].test(first) && rest.some((sentence) => isDiagnostic(sentence, lang))) return 'diagnostic';
  if (!isCheckSentence(first, lang) || AND_DO[lang].test(first)) return 'fix';
  const onlyConditions = rest.every(
    (sentence) => isCheckSentence(sentence, lang) || CONDITIONAL[lang].test(sentence),
  );
  return onlyConditions ? 'check' : 'fix';
}

/**
 * The kind of a step from all its languages: diagnostic when any language's wording is; otherwise the kind of
 * the first language in `order` that has text. `previous` is the kind of the step before it in the same list.
 */
export function classifyStep(
  text: Partial<Record<Lang, string>>,
  order: readonly Lang[],
  previous: StepKind | undefined,
): StepKind {
  const present = order.filter((lang) => text[lang] !== undefined);
  const kinds = present.map((lang) => classifyText(text[lang] ?? '', lang));
  if (kinds.includes('diagnostic')) return 'diagnostic';
  if (
    previous === 'diagnostic' &&
    present.some((lang) => DIAGNOSTIC_FOLLOW_UP[lang].test(instruction(text[lang] ?? '')))
  )
    return 'diagnostic';
  return kinds[0] ?? 'fix';
}

/** True when a step's wording opens with "If not / If it isn't …" in any of its languages. */
export function opensWithNegativeCondition(text: Partial<Record<Lang, string>>): boolean {
  return (Object.keys(text) as Lang[]).some((lang) =>
    NEGATIVE_CONDITION[lang].test(instruction(text[lang] ?? '')),
  );
}

/** The entry a check step sends the reader to when the check fails ("If not, follow these [steps](entry:x)"). */
export function negativeConditionTarget(text: Partial<Record<Lang, string>>): string | undefined {
  for (const lang of Object.keys(text) as Lang[]) {
    const markdown = text[lang] ?? '';
    for (const sentence of markdown.split(/(?<=[.!?])\s+/)) {
      const plain = markdownPlainText(sentence);
      if (!NEGATIVE_CONDITION[lang].test(plain) && !/(그렇지\s*않|않은\s*경우|zo niet)/i.test(plain))
        continue;
      const link = /\]\(entry:([^)\s]+)\)/.exec(sentence);
      if (link?.[1]) return link[1];
    }
  }
  return undefined;
}

/** A check that is one link to an entry ("[Ensure the storage is sufficient](entry:x)"): the entry it points at. */
export function linkedEntry(text: Partial<Record<Lang, string>>): string | undefined {
  for (const markdown of Object.values(text)) {
    const whole = /^\[[^\]]+\]\(entry:([^)\s]+)\)\.?$/.exec((markdown ?? '').trim());
    if (whole?.[1]) return whole[1];
  }
  return undefined;
}
