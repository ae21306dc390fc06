/** What every view builder needs: the catalogue (titles, links), the UI language, localized entry text. */
import { languageOf, localize, type Catalogue } from '../../core/catalogue/catalogue';
import { LANGS, type Entry, type Lang, type LocalizedText } from '../../core/catalogue/schema';
import { uiLang, uiStrings, type UiStrings } from '../i18n';
import { createMarkdownConverter, type MarkdownConverter, type MarkdownOptions } from '../markdown';

export interface ViewContext {
  catalogue: Catalogue;
  /** UI language (buttons, labels) and preferred entry language. */
  lang: Lang;
  t: UiStrings;
  markdown: MarkdownOptions;
  /** The markdown converter (one parser, reused). */
  md: MarkdownConverter;
}

/** Optional shared services of a view input: pass the converter of a `createCards()` instance to reuse it. */
export interface ViewServices {
  md?: MarkdownConverter;
}

export function viewContext(
  catalogue: Catalogue,
  locale: string | undefined,
  md: MarkdownConverter = createMarkdownConverter(),
): ViewContext {
  const lang = uiLang(locale);
  return {
    catalogue,
    lang,
    t: uiStrings(lang),
    // An in-article link opens the linked section in the reader's language where the catalogue has it.
    markdown: {
      resolveEntry: (id) => {
        const entry = catalogue.get(id);
        return entry ? (entry.urls[lang] ?? learnUrl(entry.url, lang)) : undefined;
      },
    },
    md,
  };
}

/** Entry text in the UI language, falling back to the language the entry has; '' when absent. */
export function text(ctx: ViewContext, value: LocalizedText): string {
  return localize(value, ctx.lang) ?? '';
}

/** The entry's title in the UI language (always present: `en` is required). */
export function entryTitle(ctx: ViewContext, entry: Entry): string {
  return localize(entry.title, ctx.lang) ?? entry.title.en;
}

/** The English title when the shown title differs from it, else ''. */
export function englishTitle(ctx: ViewContext, entry: Entry): string {
  const shown = entryTitle(ctx, entry);
  return shown !== entry.title.en ? entry.title.en : '';
}

/**
 * "The documentation for this error exists in Korean and Dutch only" when the text is not in the UI language,
 * naming exactly the languages the text has; '' when it is shown in the UI language.
 */
export function langNote(ctx: ViewContext, value: LocalizedText): string {
  const shownIn = languageOf(value, ctx.lang);
  if (!shownIn || shownIn === ctx.lang) return '';
  const has = LANGS.filter((lang) => value[lang] !== undefined);
  return ctx.t.langNote(ctx.t.and(has.map((lang) => ctx.t.langName[lang])));
}

const LEARN_LOCALE: Readonly<Record<Lang, string>> = { en: 'en-us', ko: 'ko-kr', nl: 'nl-nl' };

/** A learn.microsoft.com URL in `lang` (its locale path segment set or replaced); other URLs unchanged. */
export function learnUrl(url: string, lang: Lang): string {
  const match = /^(https:\/\/learn\.microsoft\.com)\/(?:[a-z]{2}-[a-z]{2,4}\/)?(.*)$/i.exec(url);
  return match ? `${match[1]}/${LEARN_LOCALE[lang]}/${match[2]}` : url;
}

/** The entry's documentation link in the language its text is shown in (Korean text → the ko-kr page). */
export function docUrl(ctx: ViewContext, entry: Entry, shown: LocalizedText = entry.message): string {
  const value = Object.keys(shown).length > 0 ? shown : entry.title;
  const lang = languageOf(value, ctx.lang) ?? ctx.lang;
  return entry.urls[lang] ?? learnUrl(entry.url, lang);
}

/** First codes of an entry, for headers ("UserErrorX, 0x1234"). */
export function codesLine(entry: Entry, max = 3): string {
  return entry.codes.slice(0, max).join(', ');
}

/** "UserErrorX · VM agent unable to communicate": the small line above a card's heading. */
export function eyebrow(ctx: ViewContext, entry: Entry): string {
  const code = entry.codes[0];
  const title = entryTitle(ctx, entry);
  return code && !title.includes(code) ? `${code} · ${title}` : title;
}
