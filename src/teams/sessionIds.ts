/** Session ids. A start click is keyed on the card it came from, so two people pressing Start on the same card
 * (or a retried click) get the same session instead of two. */
import { createHash, randomUUID } from 'node:crypto';

export function sessionIdForCard(
  conversationId: string,
  cardActivityId: string | undefined,
  newId: () => string = randomUUID,
): string {
  if (!cardActivityId) return newId();
  const digest = createHash('sha256')
    .update(conversationId)
    .update('\u0000')
    .update(cardActivityId)
    .digest('hex');
  return `s-${digest.slice(0, 32)}`;
}
