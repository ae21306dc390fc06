/** Link targets of an article: in-article anchors, relative Docs paths made absolute, images dropped. */
const LEARN = 'https://learn.microsoft.com';

export type LinkTarget = { kind: 'anchor'; anchor: string } | { kind: 'url'; url: string };

/** docs.microsoft.com and learn.microsoft.com (with or without a locale) are the same site. */
const DOCS_HOST = /^https?:\/\/(docs|learn)\.microsoft\.com/i;

/** The learn.microsoft.com URL of an Azure Backup article, optionally in a locale (`ko-kr`). */
export function articleUrl(slug: string, locale?: string): string {
  return locale ? `${LEARN}/${locale}/azure/backup/${slug}` : `${LEARN}/azure/backup/${slug}`;
}

/** Prefix written for an in-article anchor until the anchor's entry id is known (see resolveAnchorLinks). */
export const ANCHOR_PLACEHOLDER = 'entry-anchor:';

/**
 * Where a link points. `articleSlug` is the article's own slug: a link to the article itself
 * (`slug.md#x`) is an in-article anchor too. Relative paths resolve against learn.microsoft.com/azure/backup/.
 */
export function resolveHref(href: string, articleSlug: string): LinkTarget {
  const trimmed = href.trim();
  if (trimmed.startsWith('#'))
    return { kind: 'anchor', anchor: decodeURIComponent(trimmed.slice(1)).toLowerCase() };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !DOCS_HOST.test(trimmed))
    return { kind: 'url', url: trimmed.replace(/^http:\/\/go\.microsoft\.com/, 'https://go.microsoft.com') };
  let url: URL;
  try {
    url = new URL(trimmed.replace(DOCS_HOST, LEARN), `${LEARN}/azure/backup/`);
  } catch {
    return { kind: 'url', url: trimmed };
  }
  // Docs links name a locale only by accident (/en-us/azure/...): the reader's locale is chosen when shown.
  url.pathname = url.pathname.replace(/^\/[a-z]{2}-[a-z]{2}\//i, '/').replace(/\.(md|yml)$/, '');
  const self = `/azure/backup/${articleSlug}`;
  if (url.pathname === self && url.hash)
    return { kind: 'anchor', anchor: decodeURIComponent(url.hash.slice(1)).toLowerCase() };
  return { kind: 'url', url: url.toString() };
}

/** Replaces the anchor placeholders in markdown with `entry:<id>` links, using the article's anchor → entry map. */
export function resolveAnchorLinks(markdown: string, targetOfAnchor: (anchor: string) => string): string {
  return markdown.replace(
    /\]\(entry-anchor:([^)\s]+)\)/g,
    (_all, anchor: string) => `](${targetOfAnchor(anchor)})`,
  );
}

/**
 * Links to sections of other ingested articles (`https://learn.microsoft.com/azure/backup/<slug>#<anchor>`)
 * become `entry:` links where `entryOf` knows the section; anything else stays as it is.
 */
export function resolveArticleLinks(
  markdown: string,
  entryOf: (slug: string, anchor: string) => string | undefined,
): string {
  return markdown.replace(
    /\]\(https:\/\/learn\.microsoft\.com\/azure\/backup\/([a-z0-9-]+)#([^)\s]+)\)/g,
    (all: string, slug: string, anchor: string) => {
      const id = entryOf(slug, decodeURIComponent(anchor).toLowerCase());
      return id === undefined ? all : `](entry:${id})`;
    },
  );
}
