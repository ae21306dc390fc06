/**
 * Merges the entry candidates of every file of an article into catalogue entries.
 *
 * Files are visited newest first. A candidate joins an existing group (one candidate per file) when it is the
 * same table row (section anchor + row), shares a heading anchor, one anchor is the tail of the other
 * ("vm-agent-unable-..." ↔ "usererror...---vm-agent-unable-..."), they share an error code, the older heading
 * states the newer message (or the other way round), or both list the same causes. Otherwise it starts a new
 * group. Each language's newest candidate supplies the content; older wording is kept as aliases, older code
 * spellings as codes, every anchor as a ref.
 */
import type { Article, CatalogueData, Entry, Lang, LocalizedText, Step } from '../core/catalogue/schema';
import { CATALOGUE_SCHEMA_VERSION } from '../core/catalogue/schema';
import { uniqueCodes } from './codes';
import { IngestError } from './errors';
import { resolveAnchorLinks } from './links';
import type { ParsedArticle, ParsedStep, ParsedUnit } from './model';
import { classifyStep, negativeConditionTarget, opensWithNegativeCondition } from './stepKinds';
import { englishTitle } from './titles';

const LANG_ORDER: readonly Lang[] = ['en', 'ko', 'nl'];

interface Member {
  file: ParsedArticle;
  unit: ParsedUnit;
}

interface Group {
  members: Member[];
}

/** Comparable form of a text: lowercase, no whitespace or punctuation (Korean spacing varies between versions). */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\*\*|_/g, '')
    .replace(/[\s.,:;!?"'“”‘’()[\]-]/g, '');
}

function tailOf(longer: string, shorter: string): boolean {
  return shorter.split('-').filter(Boolean).length >= 3 && longer !== shorter && longer.endsWith(`-${shorter}`);
}

function sameSection(a: ParsedUnit, b: ParsedUnit): boolean {
  return a.anchors.some((x) => b.anchors.includes(x));
}

/** How strongly two candidates are the same entry: 3 same anchor/row, 2 anchor tail or shared code, 1 same message or causes. */
function similarity(unit: ParsedUnit, other: ParsedUnit): number {
  if (other.kind !== unit.kind) return 0;
  if (unit.row !== undefined || other.row !== undefined) return unit.row === other.row && sameSection(unit, other) ? 3 : 0;
  if (sameSection(unit, other)) return 3;
  if (unit.anchors.some((a) => other.anchors.some((b) => tailOf(a, b) || tailOf(b, a)))) return 2;
  const codes = new Set(other.codes.map((c) => c.toLowerCase()));
  if (unit.codes.some((c) => codes.has(c.toLowerCase()))) return 2;
  const texts = (u: ParsedUnit) => [u.heading, u.message].filter((t): t is string => Boolean(t)).map(normalizeText);
  const mine = texts(unit);
  if (texts(other).some((t) => t.length >= 10 && mine.includes(t))) return 1;
  if (unit.causeAnchors.length >= 2 && sameSet(unit.causeAnchors, other.causeAnchors)) return 1;
  return 0;
}

/** The group a candidate belongs to: the one it is most strongly the same as (earliest on a tie), if any. */
function bestGroup(unit: ParsedUnit, file: ParsedArticle, groups: Group[]): Group | undefined {
  let best: Group | undefined;
  let bestScore = 0;
  for (const group of groups) {
    if (group.members.some((m) => m.file === file)) continue;
    const score = Math.max(...group.members.map((m) => similarity(unit, m.unit)));
    if (score > bestScore) {
      best = group;
      bestScore = score;
    }
  }
  return best;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function byNewest(a: ParsedArticle, b: ParsedArticle): number {
  return b.version.localeCompare(a.version) || LANG_ORDER.indexOf(a.lang) - LANG_ORDER.indexOf(b.lang) || a.file.localeCompare(b.file);
}

export function mergeArticles(files: ParsedArticle[]): CatalogueData {
  const articleIds = [...new Set(files.map((f) => f.article))];
  const articles: Article[] = [];
  const entries: Entry[] = [];
  for (const articleId of articleIds) {
    const articleFiles = files.filter((f) => f.article === articleId).sort(byNewest);
    const merged = mergeArticle(articleFiles);
    articles.push(merged.article);
    entries.push(...merged.entries);
  }
  linkCheckFixes(entries);
  return { schemaVersion: CATALOGUE_SCHEMA_VERSION, articles, entries };
}

function mergeArticle(files: ParsedArticle[]): { article: Article; entries: Entry[] } {
  const groups: Group[] = [];
  for (const file of files) {
    for (const unit of file.units) {
      const group = bestGroup(unit, file, groups);
      if (group) group.members.push({ file, unit });
      else groups.push({ members: [{ file, unit }] });
    }
  }

  // Anchors that some link points at: preferred as the entry id.
  const linked = new Set<string>();
  for (const file of files) for (const unit of file.units) for (const text of unitTexts(unit)) for (const m of text.matchAll(/entry-anchor:([^)\s]+)/g)) linked.add(m[1] ?? '');
  for (const file of files) for (const unit of file.units) for (const anchor of unit.causeAnchors) linked.add(anchor);

  const ids = groups.map((group) => entryId(group.members[0]!.unit, linked));
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) {
    const member = groups[ids.lastIndexOf(duplicate)]!.members[0]!;
    throw new IngestError(member.file.file, member.unit.line, `expected a section anchor used once in the article, ${duplicate} is used twice`);
  }

  // Per file: anchor → entry id, for in-article links.
  const entryOfAnchor = new Map<ParsedArticle, Map<string, string>>();
  groups.forEach((group, i) => {
    for (const { file, unit } of group.members) {
      const map = entryOfAnchor.get(file) ?? new Map<string, string>();
      for (const anchor of unit.innerAnchors) if (!map.has(anchor)) map.set(anchor, ids[i]!);
      entryOfAnchor.set(file, map);
    }
  });
  const resolverFor = (member: Member) => (anchor: string) => {
    const id = entryOfAnchor.get(member.file)?.get(anchor);
    if (!id) throw new IngestError(member.file.file, member.unit.line, `expected link target #${anchor} to be a section that becomes an entry`);
    return id;
  };

  const kinds = new Map(groups.map((g, i) => [ids[i]!, g.members[0]!.unit.kind] as const));
  const entries = groups.map((group, i) => buildEntry(group, ids[i]!, resolverFor, kinds));

  const newest = files[0]!;
  const titleByLang: LocalizedText = { en: englishTitle(newest.titleAnchor) };
  for (const file of files) if (file.lang !== 'en' || !titleByLang.en) titleByLang[file.lang] ??= file.title;
  const article: Article = {
    id: newest.article,
    title: titleByLang,
    url: `https://learn.microsoft.com/azure/backup/${newest.slug}`,
    sources: [...files]
      .sort((a, b) => a.file.localeCompare(b.file))
      .map((f) => ({ file: f.file, lang: f.lang, version: f.version, sha256: f.sha256 })),
  };
  return { article, entries };
}

function unitTexts(unit: ParsedUnit): string[] {
  return [...unit.description, ...unit.steps.flatMap((s) => [s.text, ...s.substeps])];
}

function entryId(unit: ParsedUnit, linked: ReadonlySet<string>): string {
  const anchor = unit.anchors.find((a) => linked.has(a)) ?? unit.anchors[0]!;
  return unit.row !== undefined ? `${anchor}/${unit.row}` : anchor;
}

function buildEntry(group: Group, id: string, resolverFor: (m: Member) => (anchor: string) => string, kinds: ReadonlyMap<string, string>): Entry {
  const members = group.members;
  const newestByLang = new Map<Lang, Member>();
  for (const member of members) if (!newestByLang.has(member.file.lang)) newestByLang.set(member.file.lang, member);
  const langs = LANG_ORDER.filter((l) => newestByLang.has(l));
  const primary = newestByLang.get(langs[0]!)!;
  const sectionId = id.replace(/\/\d+$/, '');
  const resolve = (member: Member, text: string) => resolveAnchorLinks(text, resolverFor(member));

  const refs = unique([
    id,
    ...members.flatMap(({ unit }) => unit.anchors.map((a) => (unit.row !== undefined ? `${a}/${unit.row}` : a))),
  ]);
  const codes = uniqueCodes(members.flatMap((m) => m.unit.codes));

  const title: Entry['title'] = { en: englishTitle(sectionId, { codes, heading: primary.unit.heading }) };
  const { row, rowCount } = primary.unit;
  // A row of a multi-row table: tell the rows apart in English by their code, else their position.
  if (row !== undefined && rowCount !== undefined && rowCount > 1) title.en += codes[0] ? `: ${codes[0]}` : ` (${row} of ${rowCount})`;
  const message: LocalizedText = {};
  const operation: LocalizedText = {};
  const description: LocalizedText = {};
  for (const lang of langs) {
    const { unit } = newestByLang.get(lang)!;
    const member = newestByLang.get(lang)!;
    title[lang] = unit.title;
    if (unit.message) message[lang] = unit.message;
    if (unit.operation) operation[lang] = unit.operation;
    const text = resolve(member, unit.description.join('\n\n'));
    if (text) description[lang] = text;
  }

  // Aliases: every other wording of the title and message, older versions included, plus English titles of older anchors.
  const seen = new Set<string>([...Object.values(title), ...Object.values(message)].map(normalizeText));
  const aliases: Entry['aliases'] = [];
  const addAlias = (lang: Lang, text: string | undefined) => {
    const clean = text?.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
    if (!clean || seen.has(normalizeText(clean))) return;
    seen.add(normalizeText(clean));
    aliases.push({ lang, text: clean });
  };
  for (const { file, unit } of members) {
    addAlias(file.lang, unit.heading);
    addAlias(file.lang, unit.message);
    for (const m of unit.messages) addAlias(file.lang, m);
  }
  for (const ref of refs) addAlias('en', englishTitle(ref.replace(/\/\d+$/, ''), { codes }));

  const steps = mergeSteps(id, langs.map((l) => newestByLang.get(l)!), resolve);
  const formerText = olderOnlyText(members, newestByLang);

  // Causes: the newest version's cause references, then (for an error) cause entries its steps link to.
  const causeIds = primary.unit.causeAnchors.map((a) => resolverFor(primary)(a));
  if (primary.unit.kind === 'error') for (const step of steps) for (const text of [step.text, ...step.substeps].flatMap((t) => Object.values(t))) {
    for (const m of text.matchAll(/\(entry:([^)\s]+)\)/g)) causeIds.push(m[1] ?? '');
  }
  const causes = unique(causeIds).filter((c) => c !== id && kinds.get(c) === 'cause');

  const sources = [...members]
    .sort((a, b) => a.file.file.localeCompare(b.file.file))
    .map(({ file, unit }) => ({ file: file.file, lang: file.lang, version: file.version, line: unit.line, anchors: unit.anchors }));
  const versions = unique(members.map((m) => m.file.version)).sort();
  const url = `https://learn.microsoft.com/${primary.file.locale}/azure/backup/${primary.file.slug}#${sectionId}`;

  return {
    id,
    kind: primary.unit.kind,
    article: primary.file.article,
    refs,
    codes,
    title,
    message,
    operation,
    description,
    aliases,
    ...(formerText.length > 0 ? { formerText } : {}),
    steps,
    causes,
    sources,
    versions,
    url,
  };
}

/** Paragraphs and steps of older versions whose wording the newest version of that language no longer has. */
function olderOnlyText(members: readonly Member[], newestByLang: ReadonlyMap<Lang, Member>): Array<{ lang: Lang; text: string }> {
  const current = new Set([...newestByLang.values()].flatMap(({ unit }) => unitTexts(unit)).map(normalizeText));
  const out: Array<{ lang: Lang; text: string }> = [];
  for (const member of members) {
    if (newestByLang.get(member.file.lang) === member) continue;
    for (const text of unitTexts(member.unit)) {
      const plain = text.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
      const key = normalizeText(plain);
      if (!plain || current.has(normalizeText(text)) || current.has(key)) continue;
      current.add(key);
      out.push({ lang: member.file.lang, text: plain });
    }
  }
  return out;
}

/** Steps of each language's newest candidate, joined by position; a language whose steps do not line up is left out. */
function mergeSteps(id: string, members: Member[], resolve: (m: Member, text: string) => string): Step[] {
  const primary = members[0]!;
  const base = primary.unit.steps;
  const aligned = members.filter((m) => m.unit.steps.length === base.length);
  const merged = base.map((step, index) => {
    const text: LocalizedText = {};
    const substeps: LocalizedText[] = step.substeps.map(() => ({}));
    for (const member of aligned) {
      const own: ParsedStep = member.unit.steps[index]!;
      const lang = member.file.lang;
      if (own.text) text[lang] = resolve(member, own.text);
      if (own.substeps.length === step.substeps.length) own.substeps.forEach((s, i) => (substeps[i]![lang] = resolve(member, s)));
    }
    if (Object.keys(text).length === 0) throw new IngestError(primary.file.file, primary.unit.line, `expected step ${index + 1} to have text`);
    return { id: `${id}#s${index + 1}`, text, substeps: substeps.filter((s) => Object.keys(s).length > 0), alternative: step.alternative };
  });
  return withKinds(merged);
}

/** Step kinds (stepKinds.ts) and, for a check followed by its "If not …" step, that step as its fix. */
function withKinds(steps: Array<Omit<Step, 'kind'>>): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    const kind = classifyStep(step.text, LANG_ORDER, out[out.length - 1]?.kind);
    out.push({ ...step, kind });
  }
  out.forEach((step, index) => {
    const next = out[index + 1];
    if (step.kind === 'check' && next?.kind === 'fix' && opensWithNegativeCondition(next.text))
      step.fixStep = next.id;
  });
  return out;
}

/** A check whose "If not, follow these [steps](entry:x)" names another entry: its first step is the fix. */
export function linkCheckFixes(entries: Entry[]): void {
  const firstStep = new Map(entries.map((entry) => [entry.id, entry.steps[0]?.id] as const));
  for (const entry of entries) {
    for (const step of entry.steps) {
      if (step.kind !== 'check' || step.fixStep !== undefined) continue;
      const target = negativeConditionTarget(step.text);
      const fix = target === undefined || target === entry.id ? undefined : firstStep.get(target);
      if (fix !== undefined) step.fixStep = fix;
    }
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
