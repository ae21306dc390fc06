/** Link targets of an article: in-article anchors, relative Docs paths made absolute, images dropped. */
const LEARN = 'https://learn.microsoft.com';

export type LinkTarget = { kind: 'anchor'; anchor: string } | { kind: 'url'; url: string };

/** Prefix written for an in-article anchor until the anchor's entry id is known (see resolveAnchorLinks). */
export const ANCHOR_PLACEHOLDER = 'entry-anchor:';

/**
 * Where a link points. `articleSlug` is the article's own slug: a relative link to the article itself
 * (`slug.md#x`) is an in-article anchor too. Relative paths resolve against learn.microsoft.com/azure/backup/.
 */
export function resolveHref(href: string, articleSlug: string): LinkTarget {
  const trimmed = href.trim();
  if (trimmed.startsWith('#')) return { kind: 'anchor', anchor: decodeURIComponent(trimmed.slice(1)).toLowerCase() };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return { kind: 'url', url: trimmed.replace(/^http:\/\/go\.microsoft\.com/, 'https://go.microsoft.com') };
  const url = new URL(trimmed, `${LEARN}/azure/backup/`);
  url.pathname = url.pathname.replace(/\.md$/, '');
  const self = `/azure/backup/${articleSlug}`;
  if (url.pathname === self && url.hash) return { kind: 'anchor', anchor: decodeURIComponent(url.hash.slice(1)).toLowerCase() };
  return { kind: 'url', url: url.toString() };
}

/** Replaces the anchor placeholders in markdown with `entry:<id>` links, using the article's anchor → entry map. */
export function resolveAnchorLinks(markdown: string, entryOfAnchor: (anchor: string) => string): string {
  return markdown.replace(/\]\(entry-anchor:([^)\s]+)\)/g, (_all, anchor: string) => `](entry:${entryOfAnchor(anchor)})`);
}
