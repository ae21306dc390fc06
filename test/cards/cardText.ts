/** What a user sees of a rendered card: its texts in order and its buttons. */
import type { AdaptiveCard } from '../../src/cards';

export interface Button {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  url?: string;
}

/** Every TextBlock text, RichTextBlock text (its runs joined) and FactSet "title: value" of the card, in order. */
export function texts(card: AdaptiveCard): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') out.push(element.text);
    if (element.type === 'RichTextBlock' && Array.isArray(element.inlines))
      out.push((element.inlines as Array<{ text: string }>).map((run) => run.text).join(''));
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const fact of element.facts as Array<{ title: string; value: string }>)
        out.push(`${fact.title}: ${fact.value}`);
    }
    for (const [key, child] of Object.entries(element))
      if (key !== 'actions' && key !== 'refresh') walk(child);
  };
  walk(card.body);
  return out;
}

/** The card's buttons (top-level actions and ActionSet actions in the body), in order. */
export function buttons(card: AdaptiveCard): Button[] {
  const out: Button[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (
      typeof element.type === 'string' &&
      element.type.startsWith('Action.') &&
      typeof element.title === 'string'
    ) {
      out.push(element as unknown as Button);
      return;
    }
    Object.values(element).forEach(walk);
  };
  walk(card.body);
  walk(card.actions ?? []);
  return out;
}

/** The TextRuns of every RichTextBlock of the card, one array per block, in document order. */
export function richTexts(card: AdaptiveCard): Array<Array<Record<string, unknown> & { text: string }>> {
  const out: Array<Array<Record<string, unknown> & { text: string }>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'RichTextBlock' && Array.isArray(element.inlines))
      out.push(element.inlines as Array<Record<string, unknown> & { text: string }>);
    Object.values(element).forEach(walk);
  };
  walk(card.body);
  return out;
}
