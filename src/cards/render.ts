/** renderCard(name, data): validates the data, binds it into the template, checks the result's limits. */
import { DomainError } from '../core/errors';
import { describeIssues } from '../core/validation';
import { createCardRegistry, type CardData, type CardName, type CardRegistry } from './registry';

/** Teams rejects messages over ~40 KB. */
export const MAX_CARD_BYTES = 40 * 1024;

/** An Adaptive Card as sent in an attachment (`application/vnd.microsoft.card.adaptive`). */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Renders a card. Pass a long-lived `registry` (see createCardRegistry / createCards) so that the template is
 * compiled once; without one, the template is compiled for this call only.
 */
export function renderCard<N extends CardName>(
  name: N,
  data: CardData<N>,
  registry: CardRegistry = createCardRegistry(),
): AdaptiveCard {
  const { schema } = registry.entry(name);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new DomainError(
      'CARD_INVALID',
      `card ${name}: invalid data: ${describeIssues(parsed.error, { max: 3, root: 'data' })}`,
      {
        card: name,
      },
    );
  }
  const expanded: unknown = registry.compiled(name).expand({ $root: parsed.data });
  const card = dropNulls(expanded) as AdaptiveCard;
  const json = JSON.stringify(card);
  const unbound = /\$\{[^}]*\}/.exec(JSON.stringify(stripDataStrings(card, parsed.data)));
  if (unbound)
    throw new DomainError('CARD_INVALID', `card ${name}: unbound expression ${unbound[0]}`, { card: name });
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_CARD_BYTES) {
    throw new DomainError(
      'CARD_INVALID',
      `card ${name} is ${bytes} bytes, over the ${MAX_CARD_BYTES}-byte limit`,
      { card: name },
    );
  }
  return card;
}

/** Removes null values and `$schema` (a `$when` that was false leaves a null behind). */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(dropNulls);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (child === null || child === undefined || key === '$schema') continue;
      out[key] = dropNulls(child);
    }
    return out;
  }
  return value;
}

/** Blanks strings that came verbatim from the data (a documented message may contain `${...}` itself). */
function stripDataStrings(card: unknown, data: unknown): unknown {
  const fromData = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') fromData.add(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(data);
  const strip = (v: unknown): unknown => {
    if (typeof v === 'string') return fromData.has(v) ? '' : v;
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, strip(c)]));
    return v;
  };
  return strip(card);
}
