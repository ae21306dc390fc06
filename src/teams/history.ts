/** Reading outcome records for the cards ("Step 3 fixed this 7 of 10 times"); a store outage degrades, never fails. */
import { isDomainError } from '../core/errors';
import { usualFix, type EntryStats, type StepStats } from '../core/outcomes/statistics';
import type { OutcomeFilter } from '../core/ports';
import { tenantIdOf } from './conversation';
import type { Turn } from './turn';

export interface EntryHistory {
  stats?: EntryStats;
  usual?: StepStats;
  /** True when the records could not be read (the card says so instead of failing). */
  unavailable: boolean;
}

/** Tenant of the turn: statistics never mix tenants. */
function tenantFilter(turn: Turn): OutcomeFilter {
  const tenantId = tenantIdOf(turn.context.activity);
  return tenantId ? { tenantId } : {};
}

export async function entryHistory(turn: Turn, entryId: string): Promise<EntryHistory> {
  try {
    // Counters kept by the store: the same cost with 1 or 1,000,000 records.
    const [stats] = await turn.deps.outcomes.stats({ ...tenantFilter(turn), entryId });
    const usual = stats ? usualFix(stats) : undefined;
    const history: EntryHistory = { unavailable: false };
    if (stats) history.stats = stats;
    if (usual) history.usual = usual;
    return history;
  } catch (error) {
    if (!isDomainError(error, 'STORE_UNAVAILABLE')) throw error;
    turn.log.warn(
      { event: 'history_unavailable', err: error, entryId },
      'outcome log unavailable; card shown without statistics',
    );
    return { unavailable: true };
  }
}

/** Statistics of every entry of this tenant, most sessions first; a store outage propagates to the error boundary. */
export async function allStats(turn: Turn, entryId?: string): Promise<EntryStats[]> {
  const filter = { ...tenantFilter(turn), ...(entryId ? { entryId } : {}) };
  return turn.deps.outcomes.stats(filter);
}
