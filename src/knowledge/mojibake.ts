/**
 * Repairs characters that a wrong code page turned into CJK ideographs in machine-translated Latin-script
 * articles (the Dutch MABS article: "ge誰nstalleerd" → "geïnstalleerd"). Only applied to Latin-script languages.
 */
const MOJIBAKE: Readonly<Record<string, string>> = {
  誰: 'ï',
  旦: 'ö',
  辿: 'é',
};

const MOJIBAKE_PATTERN = new RegExp(`[${Object.keys(MOJIBAKE).join('')}]`, 'g');

export function repairMojibake(text: string): string {
  return text.replace(MOJIBAKE_PATTERN, (ch) => MOJIBAKE[ch] ?? ch);
}
