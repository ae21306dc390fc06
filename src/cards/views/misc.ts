/** Statistics, help, search results and the friendly error card. */
import type { Catalogue } from '../../core/catalogue/catalogue';
import type { Entry } from '../../core/catalogue/schema';
import { isDomainError } from '../../core/errors';
import type { EntryStats } from '../../core/outcomes/statistics';
import { buildPlan } from '../../core/remediation/plan';
import { packAction, type MatchContext } from '../actions';
import { formatDuration, uiLang, uiStrings } from '../i18n';
import type { ErrorCardData, HelpCardData, SearchCardData, StatsCardData } from '../schemas';
import { entryTitle, viewContext, type ViewContext, type ViewServices } from './context';
import { choiceOf, fixNumbers, fixStats } from './match';

export interface StatsViewInput extends ViewServices {
  catalogue: Catalogue;
  /** From computeStats (all entries) or [statsFor(...)] (one entry). */
  stats: readonly EntryStats[];
  locale: string | undefined;
  /** The one entry asked for (`stats CODE`): shown even before it has records. */
  entryId?: string;
  maxEntries?: number;
  maxBars?: number;
}

/** Bars are scaled to the step that resolved most (at most 12 block characters: fits a 360 px card). */
const BAR_UNITS = 12;

export function statsView(input: StatsViewInput): StatsCardData {
  const ctx = viewContext(input.catalogue, input.locale, input.md);
  const { t } = ctx;
  const asked = input.entryId !== undefined ? input.catalogue.get(input.entryId) : undefined;
  const rows = input.stats.slice(0, input.maxEntries ?? 5).map((stats) => {
    const entry = input.catalogue.get(stats.entryId);
    const plan = entry ? buildPlan(input.catalogue, entry) : undefined;
    const numbers = plan ? fixNumbers(plan) : new Map<string, number>();
    const summary = [
      t.sessions(stats.sessions),
      t.resolvedRate(Math.round(stats.resolutionRate * 100)),
      ...(stats.medianTimeToFixMs !== undefined
        ? [t.medianFix(formatDuration(stats.medianTimeToFixMs, ctx.lang))]
        : []),
    ].join(' · ');
    // Only fixes can have fixed the error: checks and diagnostics never get a bar.
    const steps = plan ? fixStats(plan, stats) : stats.steps;
    const shown = steps.filter((s) => s.resolved > 0).slice(0, input.maxBars ?? 5);
    const most = Math.max(1, ...shown.map((s) => s.resolved));
    const bars = shown.map((s) => {
      const fill = Math.max(1, Math.round((s.resolved / most) * BAR_UNITS));
      const number = numbers.get(s.stepId);
      return {
        label: number !== undefined ? stepShort(ctx.lang, number) : s.stepId,
        count: t.stepResolved(s.resolved, s.tried),
        bar: '█'.repeat(fill),
      };
    });
    return {
      ...heading(ctx, entry, stats.entryId),
      summary,
      bars,
      actions:
        input.stats.length > 1 ? [packAction('stats', { entryId: stats.entryId }, t.statsDetails)] : [],
    };
  });
  const entries =
    rows.length === 0 && asked
      ? [{ ...heading(ctx, asked, asked.id), summary: t.statsEntryEmpty, bars: [], actions: [] }]
      : rows;
  return {
    title: t.statsTitle,
    subtitle: '',
    empty: entries.length === 0 ? t.statsEmpty : '',
    entries,
  };
}

/** An entry's title, and its code only when the title does not already show it (once, not three times). */
function heading(
  ctx: ViewContext,
  entry: Entry | undefined,
  fallback: string,
): { title: string; code: string } {
  if (!entry) return { title: fallback, code: '' };
  const title = entryTitle(ctx, entry);
  return {
    title,
    code: entry.codes
      .filter((code) => !title.includes(code))
      .slice(0, 3)
      .join(', '),
  };
}

function stepShort(lang: 'en' | 'ko' | 'nl', n: number): string {
  return lang === 'ko' ? `${n}단계` : lang === 'nl' ? `Stap ${n}` : `Step ${n}`;
}

export function helpView(locale: string | undefined): HelpCardData {
  const t = uiStrings(uiLang(locale));
  return {
    title: t.helpTitle,
    intro: t.helpIntro,
    commands: t.helpCommands.map((c) => ({ ...c })),
    note: t.helpChannel,
  };
}

export interface SearchViewInput extends ViewServices {
  catalogue: Catalogue;
  query: string;
  entries: readonly Entry[];
  locale: string | undefined;
  /** Match context recorded if a result is chosen and a guided fix started from it. */
  match: MatchContext;
  maxResults?: number;
}

export function searchView(input: SearchViewInput): SearchCardData {
  const ctx = viewContext(input.catalogue, input.locale, input.md);
  const shown = input.entries.slice(0, input.maxResults ?? 6);
  return {
    title: ctx.t.searchTitle(input.query.slice(0, 80)),
    summary: shown.length > 0 ? ctx.t.searchCount(input.entries.length) : ctx.t.searchEmpty,
    results: shown.map((entry) =>
      choiceOf(ctx, entry, { ...input.match, codes: entry.codes.slice(0, 5) }, ctx.t.open),
    ),
  };
}

export interface ErrorViewInput {
  locale: string | undefined;
  /** A DomainError (its code picks the message) or anything else (a generic message). */
  error?: unknown;
  /** Correlation id to quote to the team that runs the bot (e.g. the activity id). */
  reference?: string;
}

export function errorView(input: ErrorViewInput): ErrorCardData {
  const t = uiStrings(uiLang(input.locale));
  const code = isDomainError(input.error) ? input.error.code : undefined;
  return {
    title: t.errorTitle,
    text: code ? t.errors[code] : t.errors.generic,
    reference: input.reference ? `${t.errorReference}: ${input.reference.slice(0, 100)}` : '',
    actions: [packAction('help', {}, t.help)],
  };
}
