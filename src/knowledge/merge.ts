/**
 * Merges the entry candidates of every file of every article into catalogue entries.
 *
 * Within an article, files are visited newest first. A candidate joins an existing group (one candidate per
 * file) when it is the same heading — a shared anchor: the English heading id is the anchor the translations
 * carry — or one anchor is the tail of the other ("vm-agent-unable-..." ↔ "usererror...---vm-agent-unable-..."),
 * they share an error code, the older heading states the newer message (or the other way round), or both list
 * the same causes. Table rows join the row of the same section that documents the same error (see rows.ts);
 * a row with no counterpart stays its own entry. Each language's newest candidate supplies that language's
 * text; older wording is kept as aliases and formerText, older code spellings as codes, every anchor as a ref.
 */
import type { Article, CatalogueData, Entry, Lang, LocalizedText, Step } from '../core/catalogue/schema';
import { CATALOGUE_SCHEMA_VERSION } from '../core/catalogue/schema';
import { uniqueCodes } from './codes';
import { IngestError } from './errors';
import { articleUrl, resolveAnchorLinks, resolveArticleLinks } from './links';
import type { ParsedArticle, ParsedStep, ParsedUnit } from './model';
import { alignRows } from './rows';
import { alignSteps } from './stepAlignment';
import { classifyStep, linkedEntry, negativeConditionTarget, opensWithNegativeCondition } from './stepKinds';
import type { SourceIndex } from './sourceIndex';
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
  return (
    shorter.split('-').filter(Boolean).length >= 3 && longer !== shorter && longer.endsWith(`-${shorter}`)
  );
}

function sameSection(a: ParsedUnit, b: ParsedUnit): boolean {
  return a.anchors.some((x) => b.anchors.includes(x));
}

/**
 * How strongly two heading candidates are the same entry: 3 same anchor, 2 anchor tail or shared code, 1 same
 * message or causes. Rows are joined separately (alignRows), never here.
 */
function similarity(unit: ParsedUnit, other: ParsedUnit): number {
  if (unit.row !== undefined || other.row !== undefined) return 0;
  if ((unit.kind === 'cause') !== (other.kind === 'cause')) return 0;
  if (sameSection(unit, other)) return 3;
  if (unit.anchors.some((a) => other.anchors.some((b) => tailOf(a, b) || tailOf(b, a)))) return 2;
  const codes = new Set(other.codes.map((c) => c.toLowerCase()));
  if (unit.codes.some((c) => codes.has(c.toLowerCase()))) return 2;
  const texts = (u: ParsedUnit) =>
    [u.heading, u.message].filter((t): t is string => Boolean(t)).map(normalizeText);
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
  return (
    b.version.localeCompare(a.version) ||
    LANG_ORDER.indexOf(a.lang) - LANG_ORDER.indexOf(b.lang) ||
    a.file.localeCompare(b.file)
  );
}

/** What one article contributes before ids are made unique across articles. */
interface MergedArticle {
  article: Article;
  groups: Group[];
  localIds: string[];
  files: ParsedArticle[];
}

/**
 * Articles in a fixed order: those index.json names first (in its order), then the others by id. When two
 * articles have an entry with the same anchor ("basic-troubleshooting"), the first keeps the bare id and the
 * others' ids are qualified with their article (`<article>:<anchor>`), so ids are unique and do not depend on
 * the order files are read in.
 */
function articleOrder(files: ParsedArticle[], index: SourceIndex): string[] {
  const listed: string[] = [];
  for (const record of index.sources) {
    const file = files.find((f) => f.file === record.file);
    if (file && !listed.includes(file.article)) listed.push(file.article);
  }
  const others = [...new Set(files.map((f) => f.article))].filter((a) => !listed.includes(a)).sort();
  return [...listed, ...others];
}

export function mergeArticles(files: ParsedArticle[], index: SourceIndex = { sources: [] }): CatalogueData {
  const merged = articleOrder(files, index).map((articleId) =>
    groupArticle(files.filter((f) => f.article === articleId).sort(byNewest)),
  );

  // Unique ids across articles.
  const taken = new Set<string>();
  const finalIds = merged.map(({ article, localIds }) =>
    localIds.map((id) => {
      const unique = taken.has(id) ? `${article.id}:${id}` : id;
      taken.add(unique);
      return unique;
    }),
  );

  // Sections of each article (by slug and anchor, any language) → entry id, for links between articles.
  const bySlug = new Map<string, Map<string, string>>();
  merged.forEach(({ groups, files: articleFiles }, a) => {
    const anchors = new Map<string, string>();
    groups.forEach((group, g) => {
      const id = finalIds[a]?.[g];
      if (id === undefined) return;
      for (const anchor of group.members.flatMap(({ unit }) => unit.innerAnchors)) {
        if (!anchors.has(anchor)) anchors.set(anchor, id);
      }
    });
    for (const file of articleFiles) bySlug.set(file.slug, anchors);
  });
  const entryOf = (slug: string, anchor: string) => bySlug.get(slug)?.get(anchor);

  const entries: Entry[] = [];
  merged.forEach((article, a) => {
    entries.push(...buildArticleEntries(article, finalIds[a] ?? [], entryOf));
  });
  linkCheckFixes(entries);
  return { schemaVersion: CATALOGUE_SCHEMA_VERSION, articles: merged.map((m) => m.article), entries };
}

/** Groups the candidates of one article's files and chooses each group's id (unique within the article). */
function groupArticle(files: ParsedArticle[]): MergedArticle {
  const groups: Group[] = [];
  for (const file of files) {
    const units = foldRepeatedCodes(file.units);
    for (const unit of units.filter((u) => u.row === undefined)) {
      const group = bestGroup(unit, file, groups);
      if (group) group.members.push({ file, unit });
      else groups.push({ members: [{ file, unit }] });
    }
    joinRows(file, units, groups);
  }

  const linked = linkedAnchors(files);
  const localIds: string[] = [];
  for (const group of groups) {
    const base = entryId(group, linked);
    let id = base;
    // A row that no other version has may reuse a number its counterpart table already gives another row.
    const first = group.members[0];
    if (localIds.includes(id) && first?.unit.row !== undefined)
      id = `${base.replace(/\/\d+$/, '')}/${first.file.lang}-${first.unit.row}`;
    // Two sections of one article with the same explicit anchor: another anchor of the heading (its Docs id),
    // else numbered as Docs numbers repeated heading ids.
    if (localIds.includes(id) && first?.unit.row === undefined) {
      const other = group.members.flatMap((m) => m.unit.anchors).find((a) => !localIds.includes(a));
      if (other !== undefined) id = other;
    }
    for (let n = 1; localIds.includes(id); n++) id = `${base}-${n}`;
    localIds.push(id);
  }

  const newest = files[0];
  if (newest === undefined) throw new IngestError('index.json', 1, 'expected at least one file per article');
  const english = files.find((f) => f.lang === 'en');
  const title: LocalizedText = {};
  const urls: LocalizedText = {};
  for (const file of files) {
    title[file.lang] ??= file.title;
    urls[file.lang] ??= articleUrl(file.slug, file.locale);
  }
  const article: Article = {
    id: newest.article,
    title: english ? title : { ...title, en: englishTitle(newest.titleAnchor) },
    url: articleUrl(newest.slug),
    urls,
    sources: [...files]
      .sort((a, b) => a.file.localeCompare(b.file))
      .map((f) => ({ file: f.file, lang: f.lang, version: f.version, sha256: f.sha256 })),
  };
  return { article, groups, localIds, files };
}

/**
 * A file documenting the same code(s) in two sections (a sub-section repeated as a section of its own): the
 * later one folds into the first — its anchors still lead there, its wording is kept for matching.
 */
function foldRepeatedCodes(units: ParsedUnit[]): ParsedUnit[] {
  const kept: ParsedUnit[] = [];
  for (const unit of units) {
    const key = unit.codes
      .map((c) => c.toLowerCase())
      .sort()
      .join(' ');
    const earlier =
      key && unit.row === undefined
        ? kept.find(
            (k) =>
              k.row === undefined &&
              k.codes
                .map((c) => c.toLowerCase())
                .sort()
                .join(' ') === key,
          )
        : undefined;
    if (earlier === undefined) {
      kept.push(unit);
      continue;
    }
    earlier.innerAnchors.push(...unit.innerAnchors);
    earlier.alsoAnchors = [...(earlier.alsoAnchors ?? []), ...unit.anchors];
    earlier.messages.push(...[unit.message, ...unit.messages].filter((m): m is string => Boolean(m)));
  }
  return kept;
}

/** Table rows of a file join the rows of the same section already grouped (from newer files), see alignRows. */
function joinRows(file: ParsedArticle, units: ParsedUnit[], groups: Group[]): void {
  const sections = new Map<string, ParsedUnit[]>();
  for (const unit of units) {
    if (unit.row === undefined) continue;
    const key = unit.anchors.join(' ');
    sections.set(key, [...(sections.get(key) ?? []), unit]);
  }
  for (const rows of sections.values()) {
    const first = rows[0];
    if (first === undefined) continue;
    const existing = groups.filter((g) => {
      const lead = g.members[0]?.unit;
      return lead?.row !== undefined && sameSection(lead, first) && !g.members.some((m) => m.file === file);
    });
    const pairs = alignRows(
      existing.map((g) => g.members[0]?.unit).filter((u): u is ParsedUnit => u !== undefined),
      rows,
    );
    rows.forEach((unit, index) => {
      const target = pairs[index];
      const group = target === undefined ? undefined : existing[target];
      if (group) group.members.push({ file, unit });
      else groups.push({ members: [{ file, unit }] });
    });
  }
}

/** Anchors that some link or cause reference of the article points at: preferred as entry ids. */
function linkedAnchors(files: ParsedArticle[]): Set<string> {
  const linked = new Set<string>();
  for (const file of files) {
    for (const unit of file.units) {
      const targets = unitTexts(unit).flatMap((text) => [...text.matchAll(/entry-anchor:([^)\s]+)/g)]);
      for (const m of targets) linked.add(m[1] ?? '');
      for (const anchor of unit.causeAnchors) linked.add(anchor);
    }
  }
  return linked;
}

/**
 * An entry's id: an anchor of its lead file that some link points at, else that file's first anchor; a row
 * adds `/<n>`. The lead file is the newest translation when there is one — translations carry the heading ids
 * Docs gave the original when they were made, so ids stay what they were when an original is added — else the
 * newest file.
 */
function entryId(group: Group, linked: ReadonlySet<string>): string {
  const lead = group.members.find((m) => m.file.lang !== 'en') ?? group.members[0];
  const anchors = lead?.unit.anchors ?? [];
  const best = anchors.find((a) => linked.has(a)) ?? anchors[0] ?? 'entry';
  const row = group.members[0]?.unit.row;
  return row !== undefined ? `${best}/${lead?.unit.row ?? row}` : best;
}

function unitTexts(unit: ParsedUnit): string[] {
  return [...unit.description, ...unit.steps.flatMap((s) => [s.text, ...s.substeps])];
}

function buildArticleEntries(
  merged: MergedArticle,
  ids: string[],
  entryOf: (slug: string, anchor: string) => string | undefined,
): Entry[] {
  const { groups } = merged;
  // Per file: anchor → entry id, for in-article links (a folded sub-section's anchor leads to its entry).
  const entryOfAnchor = new Map<ParsedArticle, Map<string, string>>();
  groups.forEach((group, i) => {
    const id = ids[i];
    if (id === undefined) return;
    for (const { file, unit } of group.members) {
      const map = entryOfAnchor.get(file) ?? new Map<string, string>();
      for (const anchor of unit.innerAnchors) if (!map.has(anchor)) map.set(anchor, id);
      entryOfAnchor.set(file, map);
    }
  });
  // A link to a section that is no entry (a container, "Next steps") stays a link to that section's page.
  const targetFor = (member: Member) => (anchor: string) => {
    const id = entryOfAnchor.get(member.file)?.get(anchor) ?? entryOf(member.file.slug, anchor);
    return id === undefined ? `${articleUrl(member.file.slug)}#${anchor}` : `entry:${id}`;
  };
  const resolve = (member: Member, text: string) =>
    resolveArticleLinks(resolveAnchorLinks(text, targetFor(member)), entryOf);
  const kinds = new Map(groups.map((g, i) => [ids[i] ?? '', g.members[0]?.unit.kind] as const));
  return groups.map((group, i) => buildEntry(group, ids[i] ?? '', resolve, targetFor, kinds));
}

function buildEntry(
  group: Group,
  id: string,
  resolve: (m: Member, text: string) => string,
  targetFor: (m: Member) => (anchor: string) => string,
  kinds: ReadonlyMap<string, string | undefined>,
): Entry {
  const members = group.members;
  const newestByLang = new Map<Lang, Member>();
  for (const member of members)
    if (!newestByLang.has(member.file.lang)) newestByLang.set(member.file.lang, member);
  const langs = LANG_ORDER.filter((l) => newestByLang.has(l));
  const current = langs.map((l) => newestByLang.get(l)).filter((m): m is Member => m !== undefined);
  const primary = current[0];
  if (primary === undefined) throw new IngestError('index.json', 1, `expected entry ${id} to have a source`);
  const sectionId = id.replace(/\/(?:[a-z]{2}-)?\d+$/, '').replace(/^[a-z0-9-]+:/, '');

  const refs = unique([
    id,
    ...members.flatMap(({ unit }) =>
      [...unit.anchors, ...(unit.alsoAnchors ?? [])].map((a) =>
        unit.row !== undefined ? `${a}/${unit.row}` : a,
      ),
    ),
  ]);
  const codes = uniqueCodes(members.flatMap((m) => m.unit.codes));

  const title: Entry['title'] = { en: englishTitle(sectionId, { codes, heading: primary.unit.heading }) };
  const { row, rowCount } = primary.unit;
  // A row of a multi-row table: tell the rows apart in English by their code, else their position.
  if (row !== undefined && rowCount !== undefined && rowCount > 1 && primary.file.lang !== 'en')
    title.en += codes[0] ? `: ${codes[0]}` : ` (${row} of ${rowCount})`;
  const message: LocalizedText = {};
  const operation: LocalizedText = {};
  const description: LocalizedText = {};
  const urls: LocalizedText = {};
  for (const member of current) {
    const { unit, file } = member;
    title[file.lang] = unit.title;
    if (unit.message && primary.unit.kind !== 'guide') message[file.lang] = unit.message;
    if (unit.operation) operation[file.lang] = unit.operation;
    const text = resolve(member, unit.description.join('\n\n'));
    if (text) description[file.lang] = text;
    urls[file.lang] = `${articleUrl(file.slug, file.locale)}#${unit.anchors[0] ?? sectionId}`;
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
  if (!newestByLang.has('en'))
    for (const ref of refs) addAlias('en', englishTitle(ref.replace(/\/\d+$/, ''), { codes }));

  const steps = mergeSteps(id, current, resolve);
  const formerText = olderOnlyText(members, newestByLang);

  // Causes: the newest version's cause references, then (for an error) cause entries its steps link to.
  const toId = (anchor: string) => targetFor(primary)(anchor).replace(/^entry:/, '');
  const causeIds = primary.unit.causeAnchors.map(toId);
  if (primary.unit.kind === 'error') {
    for (const step of steps) {
      const texts = [step.text, ...step.substeps].flatMap((t) => Object.values(t));
      const linkedEntries = texts.flatMap((text) => [...text.matchAll(/\(entry:([^)\s]+)\)/g)]);
      causeIds.push(...linkedEntries.map((m) => m[1] ?? ''));
    }
  }
  const causes = unique(causeIds).filter((c) => c !== id && kinds.get(c) === 'cause');

  const sources = [...members]
    .sort((a, b) => a.file.file.localeCompare(b.file.file))
    .map(({ file, unit }) => ({
      file: file.file,
      lang: file.lang,
      version: file.version,
      line: unit.line,
      anchors: unit.anchors,
    }));
  const versions = unique(members.map((m) => m.file.version)).sort();

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
    url: urls[primary.file.lang] ?? `${articleUrl(primary.file.slug)}#${sectionId}`,
    urls,
  };
}

/** Paragraphs and steps of older versions whose wording the newest version of that language no longer has. */
function olderOnlyText(
  members: readonly Member[],
  newestByLang: ReadonlyMap<Lang, Member>,
): Array<{ lang: Lang; text: string }> {
  const current = new Set(
    [...newestByLang.values()].flatMap(({ unit }) => unitTexts(unit)).map(normalizeText),
  );
  const out: Array<{ lang: Lang; text: string }> = [];
  for (const member of members) {
    if (newestByLang.get(member.file.lang) === member) continue;
    for (const text of unitTexts(member.unit)) {
      const plain = text
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\*\*/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      const key = normalizeText(plain);
      if (!plain || current.has(normalizeText(text)) || current.has(key)) continue;
      current.add(key);
      out.push({ lang: member.file.lang, text: plain });
    }
  }
  return out;
}

/**
 * The entry's steps: each language's newest list, aligned into one list (stepAlignment.ts). The step id
 * `<entry id>#s<n>` names one documented action whichever language shows it: n is the step's place in the
 * aligned list, where a translation's step joins the step it translates (same position when the lists are
 * equally long, else matched by the links, commands, code and numbers both carry). A step that only one
 * language documents gets its own id with text in that language only, so "step 3 fixed this 7 of 10 times"
 * never counts two different actions as one.
 */
function mergeSteps(id: string, members: Member[], resolve: (m: Member, text: string) => string): Step[] {
  const slots = alignSteps(members.map((m) => ({ lang: m.file.lang, steps: m.unit.steps })));
  const merged = slots.map((slot, index) => {
    const text: LocalizedText = {};
    const substeps: LocalizedText[] = [];
    let alternative = false;
    let first = true;
    for (const member of members) {
      const own: ParsedStep | undefined = slot.get(member.file.lang);
      if (own === undefined) continue;
      const lang = member.file.lang;
      if (own.text) text[lang] = resolve(member, own.text);
      if (first) {
        alternative = own.alternative;
        own.substeps.forEach((s, i) => (substeps[i] = { [lang]: resolve(member, s) }));
        first = false;
      } else {
        const base = substeps.length;
        if (own.substeps.length === base)
          own.substeps.forEach((s, i) => Object.assign(substeps[i] ?? {}, { [lang]: resolve(member, s) }));
      }
    }
    if (Object.keys(text).length === 0) {
      const lead = members[0];
      throw new IngestError(
        lead?.file.file ?? 'index.json',
        lead?.unit.line ?? 1,
        `expected step ${index + 1} to have text`,
      );
    }
    return {
      id: `${id}#s${index + 1}`,
      text,
      substeps: substeps.filter((s) => Object.keys(s).length > 0),
      alternative: index > 0 && alternative,
    };
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
      const target = negativeConditionTarget(step.text) ?? linkedEntry(step.text);
      const fix = target === undefined || target === entry.id ? undefined : firstStep.get(target);
      if (fix !== undefined) step.fixStep = fix;
    }
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
