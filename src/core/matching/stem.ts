/**
 * Light, language-agnostic stemming for English and Dutch words: one common suffix off, then a doubled final
 * consonant undone. Aggressive enough that "configured/configuring/configure" and "taken/taak" meet, light
 * enough to keep words apart that differ in meaning.
 */
const SUFFIXES = [
  'ations',
  'ation',
  'ings',
  'ing',
  'ties',
  'tie',
  'ies',
  'ied',
  'heden',
  'heid',
  'ingen',
  'ed',
  'en',
  'es',
  'er',
  'e',
];
const MIN_STEM = 3;

export function stem(word: string): string {
  if (/\d/.test(word)) return word;
  // Dutch/English doubled vowels: taak/taken, gereed/gered meet after collapsing aa/ee/oo/uu.
  // A final consonant + y reads as i (Porter): policy/policies, entry/entries and Dutch referentie/referenties meet.
  // British spellings read as the articles' American ones: authorise/authorize, organisation, analyse, centre.
  const american = word
    .replace(/(?<=[a-z]{3})([iy])s(e|es|ed|ing|ation|ations)$/, '$1z$2')
    .replace(/(?<=[a-z]{2}[^aeiou])tre(s?)$/, 'ter$1');
  let out = american.replace(/([aeou])\1/g, '$1').replace(/([^aeiouy])y$/, '$1i');
  // A plural -s first, so that logs/log, jobs/job and writers/writer (then -er) meet; not ss/us/is (access, status).
  if (out.length > MIN_STEM && out.endsWith('s') && !/(?:ss|us|is)$/.test(out)) out = out.slice(0, -1);
  if (out.length <= MIN_STEM + 1) return out;
  // An adverb's -ly (read as -li above) off a word long enough to be one: actively/active, nightly/night,
  // currently/current; apply, supply and family keep theirs.
  if (out.endsWith('li') && out.length - 2 >= MIN_STEM + 2) out = out.slice(0, -2);
  for (const suffix of SUFFIXES) {
    if (out.endsWith(suffix) && out.length - suffix.length >= MIN_STEM) {
      out = out.slice(0, -suffix.length);
      if (suffix === 'ies' || suffix === 'ied') out += 'i';
      if (suffix === 'ties' || suffix === 'tie') out += 'ti';
      break;
    }
  }
  // running → runn → run; mappen → mapp → map; but keep "ss" (access).
  if (
    out.length > MIN_STEM &&
    /([b-df-hj-np-rtv-z])\1$/.test(out) &&
    !out.endsWith('ss') &&
    !out.endsWith('ll')
  )
    out = out.slice(0, -1);
  return out;
}

/** Words that carry no meaning for matching (English and Dutch function words, chat filler). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then else of to in on at by for with from into onto as is are was were be been being ' +
    'it its this that these those there here we you he she they i me my our your their them us his her ' +
    'do does did done have has had having not no yes so too very can could would should will shall may might must ' +
    'what which who whom whose when where why how all any some each every more most other such only own same ' +
    'than also just about after before again further once over under up down out off while during because until ' +
    'please pls guys hi hello thanks thank ok okay hey still even like get got see seeing seems ' +
    // negated auxiliaries as tokenized (apostrophe dropped): function words like "not" ("can't" is a glossary term)
    'isnt arent wasnt werent dont doesnt didnt wont wouldnt couldnt shouldnt hasnt havent hadnt ' +
    // pronoun contractions as tokenized: they're, I've, that's
    'im ive youre youve theyre theyve weve thats theres whats lets hes shes itll thatll whos heres wheres ' +
    'de het een en of maar als dan in op aan bij voor met van uit naar om over onder tot door is zijn was waren ' +
    'wordt worden werd ben bent heb hebt heeft hebben had kan kunt kunnen zal zullen moet moeten mag ' +
    'ik je jij u we wij ze zij hij het dit dat deze die er hier daar wat wie waar wanneer hoe waarom niet geen ' +
    'ook nog al wel zo te zich u uw mijn ons onze hun'
  ).split(' '),
);
