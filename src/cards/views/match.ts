/** The match card (an error recognised), the "which one did you mean?" card and the no-match reply. */
import type { Catalogue } from '../../core/catalogue/catalogue';
import type { Entry } from '../../core/catalogue/schema';
import { usualFix, type EntryStats, type StepStats } from '../../core/outcomes/statistics';
import { buildPlan, type Plan } from '../../core/remediation/plan';
import { packAction, type MatchContext } from '../actions';
import { uiLang, uiStrings } from '../i18n';
import type { AmbiguousCardData, CardAction, Fact, MatchCardData, NoMatchCardData } from '../schemas';
import { toCardBlocks } from './blocks';
import {
  codesLine,
  docUrl,
  englishTitle,
  entryTitle,
  langNote,
  text,
  viewContext,
  type ViewContext,
  type ViewServices,
} from './context';

export interface MatchViewInput extends ViewServices {
  catalogue: Catalogue;
  entry: Entry;
  locale: string | undefined;
  match: MatchContext;
  /** Outcome statistics of this entry, when there are records. */
  stats?: EntryStats;
  /** How many step statistics lines to show at most. */
  maxStatLines?: number;
}

/** Step numbers of the plan's fix steps: only a fix can be what fixed an error, so only fixes have statistics. */
export function fixNumbers(plan: Plan): Map<string, number> {
  return new Map(plan.steps.filter((s) => s.kind === 'fix').map((s) => [s.stepId, s.index + 1]));
}

/** The entry's step statistics that count: fix steps that are still in its plan. */
export function fixStats(plan: Plan, stats: EntryStats | undefined): StepStats[] {
  const fixes = fixNumbers(plan);
  return (stats?.steps ?? []).filter((s) => fixes.has(s.stepId));
}

export function matchView(input: MatchViewInput): MatchCardData {
  const ctx = viewContext(input.catalogue, input.locale, input.md);
  const { entry, match } = input;
  const { t } = ctx;
  const plan = buildPlan(input.catalogue, entry);
  const stepNumber = fixNumbers(plan);
  const counted = fixStats(plan, input.stats);

  const facts: Fact[] = [];
  if (entry.codes.length > 0)
    facts.push({ title: entry.codes.length > 1 ? t.codes : t.code, value: codesLine(entry, 4) });
  const operation = text(ctx, entry.operation);
  if (operation) facts.push({ title: t.operation, value: operation });

  const stats = counted
    .filter((s) => s.resolved > 0)
    .slice(0, input.maxStatLines ?? 4)
    .map((s) => ({ text: t.stepFixedThis(stepNumber.get(s.stepId) as number, s.resolved, s.tried) }));

  const actions: CardAction[] = [];
  let jumpNote = '';
  if (plan.steps.length > 0) {
    actions.push(packAction('start', { entryId: entry.id, match }, t.startGuidedFix, 'positive'));
    const usual = input.stats ? usualFix({ ...input.stats, steps: counted }) : undefined;
    const usualNumber = usual ? stepNumber.get(usual.stepId) : undefined;
    if (usual && usualNumber !== undefined && usualNumber > 1) {
      actions.push(
        packAction('jump', { entryId: entry.id, stepId: usual.stepId, match }, t.jumpToUsual(usualNumber)),
      );
      jumpNote = t.jumpNote(usualNumber, usual.resolved, usual.tried);
    }
  }
  const url = docUrl(ctx, entry);
  actions.push({ type: 'Action.OpenUrl', title: t.openArticle, url });

  const message = text(ctx, entry.message);
  return {
    eyebrow: t.azureBackupError,
    title: entryTitle(ctx, entry),
    titleEn: englishTitle(ctx, entry),
    facts,
    message: message ? toCardBlocks(ctx.md.toBlocks(message, ctx.markdown)) : [],
    langNote: langNote(ctx, Object.keys(entry.message).length ? entry.message : entry.title),
    causesLabel: t.causes,
    causes: input.catalogue
      .causesOf(entry)
      .map((cause, i) => ({ label: `${i + 1}.`, title: entryTitle(ctx, cause) })),
    statsLabel: t.history,
    stats,
    jumpNote,
    source: { label: articleLabel(ctx, entry), url },
    actions,
  };
}

/** "Article: <article title>" in the UI language. */
export function articleLabel(ctx: ViewContext, entry: Entry): string {
  return `${ctx.t.article}: ${articleTitle(ctx, entry)}`;
}

function articleTitle(ctx: ViewContext, entry: Entry): string {
  const article = ctx.catalogue.data.articles.find((a) => a.id === entry.article);
  return (article ? text(ctx, article.title) : '') || entry.article;
}

/**
 * What a choice button says: the error's code, else its title, short enough for one line of a button on a phone
 * (360 px); the full title is the choice's heading just above it.
 */
function choiceLabel(entry: Entry, title: string): string {
  const label = entry.codes[0] ?? title;
  return label.length <= 38 ? label : `${label.slice(0, 25).trimEnd()}…`;
}

/**
 * One choice: title, the codes the title does not show, a description (the documented message, else the
 * entry's description, else its first step, else where it is documented) and a button naming the error.
 */
export function choiceOf(ctx: ViewContext, entry: Entry, match: MatchContext, buttonTitle?: string) {
  const title = entryTitle(ctx, entry);
  const firstStep = entry.steps[0];
  const described =
    text(ctx, entry.message) || text(ctx, entry.description) || (firstStep ? text(ctx, firstStep.text) : '');
  return {
    // Codes that the title already shows are not repeated under it.
    code: entry.codes
      .filter((code) => !title.includes(code))
      .slice(0, 3)
      .join(', '),
    title,
    line: described
      ? ctx.md.summaryLine(described, 200, ctx.markdown)
      : ctx.t.noDescription(articleTitle(ctx, entry)),
    actions: [
      packAction(
        'choose',
        { entryId: entry.id, match },
        buttonTitle ?? ctx.t.choose(choiceLabel(entry, title)),
        'positive',
      ),
    ],
  };
}

export interface AmbiguousViewInput extends ViewServices {
  catalogue: Catalogue;
  entries: readonly Entry[];
  locale: string | undefined;
  /** The match context of the paste (verdict 'ambiguous'); each choice records it when chosen. */
  match: MatchContext;
  maxChoices?: number;
}

export function ambiguousView(input: AmbiguousViewInput): AmbiguousCardData {
  const ctx = viewContext(input.catalogue, input.locale, input.md);
  return {
    title: ctx.t.ambiguousTitle,
    intro: ctx.t.ambiguousIntro,
    choices: input.entries
      .slice(0, input.maxChoices ?? 4)
      .map((entry) => choiceOf(ctx, entry, { ...input.match, codes: entry.codes.slice(0, 5) })),
  };
}

export interface NoMatchViewInput {
  locale: string | undefined;
  /** Codes shaped like Azure Backup codes that no entry has: "`X` is not in my catalogue", with a search link. */
  unknownCodes?: readonly string[];
}

/** The Microsoft Learn search for a code. */
export function learnSearchUrl(code: string): string {
  return `https://learn.microsoft.com/search/?terms=${encodeURIComponent(code)}`;
}

export function noMatchView(input: NoMatchViewInput): NoMatchCardData {
  const t = uiStrings(uiLang(input.locale));
  const codes = [...new Set(input.unknownCodes ?? [])].slice(0, 3);
  if (codes.length > 0) {
    const named = t.and(codes.map((code) => `**${code}**`));
    return {
      title: t.unknownCodeTitle(t.and(codes)),
      text: t.unknownCodeText(named),
      tips: [],
      // One search for every code (the card names them); a button title short enough for a phone.
      actions: [
        { type: 'Action.OpenUrl', title: t.searchLearn, url: learnSearchUrl(codes.join(' ')) },
        packAction('help', {}, t.help),
      ],
    };
  }
  return {
    title: t.noMatchTitle,
    text: t.noMatchText,
    tips: [...t.noMatchTips],
    actions: [packAction('help', {}, t.help)],
  };
}
