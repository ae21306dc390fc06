/**
 * Walking a guided fix in tests: answer the step cards until one offers "This fixed it".
 *
 *   const fixable = await untilFixable(stepCard, (action) => live.click(action, cardMessage)); // a bot process
 *   const fixable = await untilFixable(stepCard, clickIn(h, cardMessage)); // the TestAdapter harness
 */
import type { Activity } from 'botbuilder';
import { actionOf, cardClick, executeActions, type Card, type createHarness } from '../../teams/harness';

type Action = ReturnType<typeof actionOf>;

/** The verb that moves a step card on: "next" on a fix or diagnostic, "no" on a check. */
export function moveOnVerb(card: Card): string {
  const verbs = executeActions(card).map((a) => a.verb);
  return verbs.includes('next') ? 'next' : verbs.includes('no') ? 'no' : 'yes';
}

/** Clicks `moveOnVerb` until the card has a "fixed" action (at most 10 clicks); returns that card. */
export async function untilFixable(card: Card, click: (action: Action) => Promise<Card>): Promise<Card> {
  let current = card;
  for (let guard = 0; !executeActions(current).some((a) => a.verb === 'fixed'); guard++) {
    if (guard >= 10) throw new Error('no step with "This fixed it" within 10 clicks');
    current = await click(actionOf(current, moveOnVerb(current)));
  }
  return current;
}

/** untilFixable's `click` for the TestAdapter harness: each action a new invoke on `cardMessage`; its card. */
export function clickIn(
  h: Pick<ReturnType<typeof createHarness>, 'send' | 'nextId'>,
  cardMessage: Partial<Activity>,
): (action: Action) => Promise<Card> {
  return async (action) => {
    const result = await h.send(cardClick(h.nextId(), action, cardMessage));
    return result.invokeResponse?.body.value as Card;
  };
}
