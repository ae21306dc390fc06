/** The match card (an error recognised), the "which one did you mean?" card and the no-match reply. */
import type { Catalogue } from '../../core/catalogue/catalogue';
import type { Entry } from '../../core/catalogue/schema';
import { usualFix, type EntryStats } from '../../core/outcomes/statistics';
import { buildPlan } from '../../core/remediation/plan';
import { packAction, type MatchContext } from '../actions';
import { uiLang, uiStrings } from '../i18n';
import type { AmbiguousCardData, CardAction, Fact, MatchCardData, NoMatchCardData } from '../schemas';
import {
  codesLine,
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

export function matchView(input: MatchViewInput): MatchCardData {
  const ctx = viewContext(input.catalogue, input.locale, input.md);
  const { entry, match } = input;
  const { t } = ctx;
  const plan = buildPlan(input.catalogue, entry);
  const stepNumber = new Map(plan.steps.map((s) => [s.stepId, s.index + 1]));

  const facts: Fact[] = [];
  if (entry.codes.length > 0)
    facts.push({ title: entry.codes.length > 1 ? t.codes : t.code, value: codesLine(entry, 4) });
  const operation = text(ctx, entry.operation);
  if (operation) facts.push({ title: t.operation, value: operation });

  const stats = (input.stats?.steps ?? [])
    .filter((s) => s.resolved > 0 && stepNumber.has(s.stepId))
    .slice(0, input.maxStatLines ?? 4)
    .map((s) => ({ text: t.stepFixedThis(stepNumber.get(s.stepId) as number, s.resolved, s.tried) }));

  const actions: CardAction[] = [];
  if (plan.steps.length > 0) {
    actions.push(packAction('start', { entryId: entry.id, match }, t.startGuidedFix, 'positive'));
    const usual = input.stats ? usualFix(input.stats) : undefined;
    const usualNumber = usual ? stepNumber.get(usual.stepId) : undefined;
    if (usual && usualNumber !== undefined && usualNumber > 1) {
      actions.push(
        packAction('jump', { entryId: entry.id, stepId: usual.stepId, match }, t.jumpToUsual(usualNumber)),
      );
    }
  }
  actions.push({ type: 'Action.OpenUrl', title: t.openArticle, url: entry.url });

  const message = text(ctx, entry.message);
  return {
    eyebrow: t.azureBackupError,
    title: entryTitle(ctx, entry),
    titleEn: englishTitle(ctx, entry),
    facts,
    message,
    langNote: langNote(ctx, Object.keys(entry.message).length ? entry.message : entry.title),
    causesLabel: t.causes,
    causes: input.catalogue
      .causesOf(entry)
      .map((cause, i) => ({ label: `${i + 1}.`, title: entryTitle(ctx, cause) })),
    statsLabel: t.history,
    stats,
    source: { label: articleLabel(ctx, entry), url: entry.url },
    actions,
  };
}

/** "Article: <article title>" in the UI language. */
export function articleLabel(ctx: ViewContext, entry: Entry): string {
  const article = ctx.catalogue.data.articles.find((a) => a.id === entry.article);
  const title = article ? text(ctx, article.title) : '';
  return `${ctx.t.article}: ${title || entry.article}`;
}

/** One choice: code, title, one line of the message, and a button. */
export function choiceOf(ctx: ViewContext, entry: Entry, match: MatchContext, buttonTitle: string) {
  const message = text(ctx, entry.message) || text(ctx, entry.description);
  const title = entryTitle(ctx, entry);
  return {
    // Codes that the title already shows are not repeated under it.
    code: entry.codes
      .filter((code) => !title.includes(code))
      .slice(0, 3)
      .join(', '),
    title,
    line: message ? ctx.md.summaryLine(message, 160, ctx.markdown) : '',
    actions: [packAction('choose', { entryId: entry.id, match }, buttonTitle, 'positive')],
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
      .map((entry) =>
        choiceOf(ctx, entry, { ...input.match, codes: entry.codes.slice(0, 5) }, ctx.t.thisOne),
      ),
  };
}

export function noMatchView(locale: string | undefined): NoMatchCardData {
  const t = uiStrings(uiLang(locale));
  return {
    title: t.noMatchTitle,
    text: t.noMatchText,
    tips: [...t.noMatchTips],
    actions: [packAction('help', {}, t.help)],
  };
}
