/**
 * Teams re-sends an activity when the bot answers slowly (~15 s). Each inbound activity is claimed once in the
 * ActivityLedger; a repeat gets no second reply and writes no second outcome.
 */
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { ActivityLedger, Clock } from '../core/ports';
import { logIdsOf } from './conversation';

export function ledgerKeyOf(activity: Partial<Activity>): string | undefined {
  if (!activity.id) return undefined;
  return [activity.channelId ?? '', activity.conversation?.id ?? '', activity.type ?? '', activity.id].join(
    '|',
  );
}

/** True when this activity is seen for the first time (or cannot be checked); false for a retry. */
export async function claimFirstDelivery(
  activity: Partial<Activity>,
  deps: { ledger: ActivityLedger; clock: Clock; logger: Logger },
): Promise<boolean> {
  const key = ledgerKeyOf(activity);
  if (!key) {
    deps.logger.debug({ ...logIdsOf(activity) }, 'activity has no id; cannot de-duplicate, processing it');
    return true;
  }
  try {
    const first = await deps.ledger.claim(key, deps.clock.now());
    if (!first)
      deps.logger.info({ event: 'duplicate_activity', ...logIdsOf(activity) }, 'repeated activity ignored');
    return first;
  } catch (error) {
    // Answering twice on a rare retry is better than not answering while the store is down.
    deps.logger.warn(
      { event: 'ledger_unavailable', err: error, ...logIdsOf(activity) },
      'activity ledger unavailable; processing without de-duplication',
    );
    return true;
  }
}
