/**
 * Characters that a wrong code page turned into CJK ideographs in machine-translated Latin-script text (the Dutch
 * MABS article: "ge誰nstalleerd" → "geïnstalleerd"). One table for ingestion (whole Latin-script articles) and
 * matching (pastes copied from such a page, where only ideographs inside a Latin word are read as mojibake).
 */
const MOJIBAKE: Readonly<Record<string, string>> = {
  誰: 'ï',
  旦: 'ö',
  辿: 'é',
};

const ANY = new RegExp(`[${Object.keys(MOJIBAKE).join('')}]`, 'g');
const INSIDE_LATIN_WORD = new RegExp(
  `(?<=[A-Za-z])[${Object.keys(MOJIBAKE).join('')}]|[${Object.keys(MOJIBAKE).join('')}](?=[A-Za-z])`,
  'g',
);

export function repairMojibake(text: string, options: { insideLatinWordsOnly?: boolean } = {}): string {
  const pattern = options.insideLatinWordsOnly ? INSIDE_LATIN_WORD : ANY;
  return text.replace(pattern, (ch) => MOJIBAKE[ch] ?? ch);
}
