/** Template registry: each card name → its template (cards/<name>.json) and the zod schema of its data. */
import { Template } from 'adaptivecards-templating';
import type { z } from 'zod';
import ambiguous from '../../cards/ambiguous.json';
import error from '../../cards/error.json';
import escalated from '../../cards/escalated.json';
import exhausted from '../../cards/exhausted.json';
import help from '../../cards/help.json';
import match from '../../cards/match.json';
import noMatch from '../../cards/no-match.json';
import resolved from '../../cards/resolved.json';
import search from '../../cards/search.json';
import stats from '../../cards/stats.json';
import step from '../../cards/step.json';
import {
  AmbiguousCardSchema,
  ErrorCardSchema,
  EscalationCardSchema,
  HelpCardSchema,
  MatchCardSchema,
  NoMatchCardSchema,
  ResolvedCardSchema,
  SearchCardSchema,
  StatsCardSchema,
  StepCardSchema,
} from './schemas';

export interface CardTemplate<S extends z.ZodType = z.ZodType> {
  template: Readonly<Record<string, unknown>>;
  schema: S;
}

function entry<S extends z.ZodType>(template: object, schema: S): CardTemplate<S> {
  return { template: template as Record<string, unknown>, schema };
}

/** Every card the bot sends, by name (the file name under cards/). */
export const CARD_TEMPLATES = {
  match: entry(match, MatchCardSchema),
  ambiguous: entry(ambiguous, AmbiguousCardSchema),
  'no-match': entry(noMatch, NoMatchCardSchema),
  step: entry(step, StepCardSchema),
  resolved: entry(resolved, ResolvedCardSchema),
  exhausted: entry(exhausted, EscalationCardSchema),
  escalated: entry(escalated, EscalationCardSchema),
  stats: entry(stats, StatsCardSchema),
  help: entry(help, HelpCardSchema),
  search: entry(search, SearchCardSchema),
  error: entry(error, ErrorCardSchema),
} as const;

export type CardName = keyof typeof CARD_TEMPLATES;
export const CARD_NAMES = Object.keys(CARD_TEMPLATES) as CardName[];
export type CardData<N extends CardName> = z.input<(typeof CARD_TEMPLATES)[N]['schema']>;

/** A registry instance: compiles each template once (on first use) and reuses it for every render. */
export interface CardRegistry {
  /** The template JSON and the data schema of a card. */
  entry<N extends CardName>(name: N): (typeof CARD_TEMPLATES)[N];
  /** The compiled template; the same instance on every call for a name (expand is synchronous and reentrant). */
  compiled(name: CardName): Template;
}

export function createCardRegistry(): CardRegistry {
  const compiled = new Map<CardName, Template>();
  return {
    entry: (name) => CARD_TEMPLATES[name],
    compiled(name) {
      let template = compiled.get(name);
      if (!template) {
        template = new Template(CARD_TEMPLATES[name].template);
        compiled.set(name, template);
      }
      return template;
    },
  };
}
