/**
 * The bold labels Microsoft Docs troubleshooting articles put in front of text, in the languages the seeds use
 * (English, Korean, Dutch), and the other small word lists the parser needs. Each matcher works on one line.
 */
const LABELS = {
  code: ['오류 코드', 'Foutcodes', 'Foutcode', 'Error codes', 'Error code', 'ErrorCode'],
  message: ['오류 메시지', 'Foutbericht', 'Foutmelding', 'Error messages', 'Error message'],
  cause: [
    '가능한 원인',
    '근본 원인',
    '원인',
    'Mogelijke oorzaken',
    'Mogelijke oorzaak',
    'Oorzaken',
    'Oorzaak',
    'Possible causes',
    'Possible cause',
    'Root cause',
    'Causes',
    'Cause',
    'Reasons',
    'Reason',
    // "**Description**: The selected recovery point is already in archive." explains the error, as a cause does
    'Description',
  ],
  action: [
    '해결 방법',
    '권장 작업',
    '권장 조치',
    '솔루션',
    '해결',
    'Tijdelijke oplossing',
    'Aanbevolen acties',
    'Aanbevolen actie',
    'Oplossing',
    'Recommended actions',
    'Recommended action',
    'Recommendations',
    'Mitigation steps',
    'Mitigation',
    'Workaround',
    'Solution',
    'Resolution',
  ],
} as const;
export type LabelKind = keyof typeof LABELS;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LABEL_PATTERNS = (Object.keys(LABELS) as LabelKind[]).map((kind) => {
  const names = LABELS[kind].map(escape).join('|');
  // "**Label**: rest", "**Label:** rest", "Label: rest", "**Label** rest", "**Label** - rest", and the colon
  // mistyped as a quote ('**Label**" rest': a quote followed by a space opens no quotation)
  return {
    kind,
    pattern: new RegExp(
      `^(?:\\*\\*\\s*(?:${names})\\s*(?::\\s*\\*\\*|\\*\\*\\s*(?:[:\\-–—]|"(?=\\s))?)|(?:${names})\\s*:)\\s*(.*)$`,
      'is',
    ),
  };
});

/** A labelled line: which label and the text after it (may be empty). */
export function matchLabel(line: string): { kind: LabelKind; rest: string } | undefined {
  const text = line.trim();
  for (const { kind, pattern } of LABEL_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { kind, rest: (match[1] ?? '').trim() };
  }
  return undefined;
}

/** "(OR)", "또는", "(OF)" standing alone: the next step is an alternative to the previous one. */
export function isOrMarker(text: string): boolean {
  return /^\(?\s*(또는|or|of)\s*\)?$/i.test(text.replace(/\*/g, '').trim());
}

/** "a. text", "b) text", Korean "가. text": a sub-step. */
export function matchSubstep(line: string): string | undefined {
  const match = /^([a-h]|[가나다라마바사아])[.)]\s+(.*)$/s.exec(line.trim());
  return match ? (match[2] ?? '').trim() : undefined;
}

/** "1. text": a numbered step. */
export function matchNumbered(line: string): string | undefined {
  const match = /^\d{1,2}[.)]\s+(.*)$/s.exec(line.trim());
  return match ? (match[1] ?? '').trim() : undefined;
}

/** A line that introduces the steps after it rather than being one. */
export function isIntroLine(line: string): boolean {
  const text = line.trim();
  if (text.endsWith(':')) return true;
  if (/^\*\*[^*]+\*\*$/.test(text)) return true;
  return /다음 단계|아래 단계|다음 방법|following steps|steps below|following methods|volgende stappen|onderstaande stappen|als volgt/i.test(
    text,
  );
}

/** "Cause 1:", "원인 2:", "Step 1:", "1단계:", "Oorzaak 3:": the label of a cause or step reference line. */
export function isReferenceLabel(text: string): boolean {
  return /^(?:(?:cause|step|oorzaak|stap|원인)\s*\d+|\d+\s*단계)\s*:?$/i.test(text.replace(/\*/g, '').trim());
}

/** What a table column holds, from its header (English, Korean, Dutch). */
export type ColumnRole = 'operation' | 'code' | 'message' | 'cause' | 'action' | 'severity';

const COLUMN_ROLES: ReadonlyArray<[ColumnRole, RegExp]> = [
  ['code', /^(error ?codes?|foutcodes?|오류 코드)$/i],
  ['severity', /^(severity|ernst|심각도)$/i],
  ['operation', /^(operation|bewerking|작업)(\s*\(operation\))?$/i],
  ['action', /(workaround|action|recommend|solution|resolution|mitigation|oplossing|actie|해결|권장|조치)/i],
  ['cause', /(cause|reason|oorza|reden|원인|이유)/i],
  ['message', /(error|message|details|description|symptom|fout|bericht|beschrijving|오류|메시지|세부|설명)/i],
];

export function columnRole(header: string): ColumnRole | undefined {
  const text = header.replace(/\*\*/g, '').trim();
  return COLUMN_ROLES.find(([, pattern]) => pattern.test(text))?.[0];
}
