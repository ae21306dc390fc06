/**
 * Exactly-once turns under Teams' retries (Teams re-sends an activity when the bot answers slowly or fails).
 * A turn claims its activity key with a lease (renewed while it runs); only a completed turn marks the key done.
 * - a retry of a finished turn repeats nothing;
 * - a retry of an unfinished turn (the process died, or the turn failed and released its claim) does the work;
 * - a retry arriving while the original still holds a live lease waits for it: when the original completes, the
 *   retry repeats nothing; when it releases (its reply failed), the retry takes over and answers.
 * The effects of a turn are idempotent (versioned session writes, one outcome per session), so a turn killed
 * after its effect and before its completion is safely done again by the retry.
 */
import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ActivityLedger, Clock, TurnDone } from '../core/ports';
import { logIdsOf } from './conversation';

export function ledgerKeyOf(activity: Partial<Activity>): string | undefined {
  if (!activity.id) return undefined;
  return [activity.channelId ?? '', activity.conversation?.id ?? '', activity.type ?? '', activity.id].join(
    '|',
  );
}

export interface TurnClaimOptions {
  ledger: ActivityLedger;
  clock: Clock;
  logger: Logger;
  /** Lease of a claim; renewed every third of it while the turn runs (default 10 s). */
  turnLeaseMs?: number;
  /** How long a retry waits for the original turn holding the claim before giving up (default 30 s). */
  turnWaitMs?: number;
}

/** A claimed turn: complete it when its work is done, release it when the work failed. */
export interface TurnClaim {
  /** What a store write needs to complete this claim in the same transaction as the turn's effect. */
  doneAt(at: Date): TurnDone;
  complete(): Promise<void>;
  release(reason: unknown): Promise<void>;
}

export type ClaimedTurn =
  /** Do the work (claim absent: the activity has no id, or the ledger failed; processed without de-duplication). */
  | { first: true; claim: TurnClaim | undefined }
  /** A repeat of a handled activity (or of one still in flight after waiting): answer nothing new. */
  | { first: false; reason: 'done' | 'in_flight' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function holdClaim(
  key: string,
  owner: string,
  options: TurnClaimOptions,
  log: Record<string, unknown>,
): TurnClaim {
  const leaseMs = options.turnLeaseMs ?? 10_000;
  const { ledger, clock, logger } = options;
  let finished = false;
  const renew = setInterval(
    () => {
      ledger.extend(key, owner, clock.now(), leaseMs).then(
        (kept) => {
          if (!kept && !finished)
            logger.warn(
              { event: 'turn_lease_lost', ...log },
              'turn lost its claim (lease expired and taken over)',
            );
        },
        (error: unknown) =>
          logger.warn(
            { event: 'turn_lease_renew_failed', err: error, ...log },
            'could not renew the turn lease',
          ),
      );
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  renew.unref();
  const stop = () => {
    finished = true;
    clearInterval(renew);
  };
  return {
    doneAt: (at) => ({ key, owner, at }),
    async complete() {
      stop();
      await ledger.complete(key, owner, clock.now());
    },
    async release(reason) {
      stop();
      try {
        await ledger.release(key, owner);
        logger.info(
          { event: 'turn_released', reason: (reason as Error)?.message, ...log },
          'turn failed; claim released so that a retry does the work',
        );
      } catch (error) {
        logger.error(
          { event: 'turn_release_failed', err: error, ...log },
          'turn failed and its claim could not be released; a retry does the work once the lease expires',
        );
      }
    },
  };
}

/** Claims the activity for this turn (waiting for a live original), see the module comment. */
export async function claimTurn(
  activity: Partial<Activity>,
  options: TurnClaimOptions,
): Promise<ClaimedTurn> {
  const { ledger, clock, logger } = options;
  const key = ledgerKeyOf(activity);
  const ids = logIdsOf(activity);
  if (!key) {
    logger.debug({ ...ids }, 'activity has no id; cannot de-duplicate, processing it');
    return { first: true, claim: undefined };
  }
  const owner = randomUUID();
  const leaseMs = options.turnLeaseMs ?? 10_000;
  const giveUpAt = clock.now().getTime() + (options.turnWaitMs ?? 30_000);
  let waited = false;
  for (;;) {
    let result;
    try {
      result = await ledger.claim(key, owner, clock.now(), leaseMs);
    } catch (error) {
      // The stores already fall back to a local ledger during outages; this is an unexpected failure.
      logger.error(
        { event: 'ledger_failed', err: error, ...ids },
        'activity ledger failed; processing without de-duplication',
      );
      return { first: true, claim: undefined };
    }
    if (result.status === 'claimed') {
      if (waited)
        logger.info(
          { event: 'turn_taken_over', ...ids },
          'the original turn did not finish; this retry does the work',
        );
      return { first: true, claim: holdClaim(key, owner, options, ids) };
    }
    if (result.status === 'done') {
      logger.info({ event: 'duplicate_activity', ...ids }, 'repeated activity ignored (already handled)');
      return { first: false, reason: 'done' };
    }
    const now = clock.now().getTime();
    if (now >= giveUpAt) {
      logger.info(
        { event: 'duplicate_activity_in_flight', ...ids },
        'repeated activity ignored: the original turn is still running',
      );
      return { first: false, reason: 'in_flight' };
    }
    if (!waited) logger.info({ event: 'turn_waiting', ...ids }, 'retry waits for the original turn');
    waited = true;
    await sleep(Math.max(20, Math.min(250, result.until.getTime() - now + 5, giveUpAt - now)));
  }
}

/** Turn state: the claim of the running turn (set by the bot; read by handlers whose write is the turn's effect). */
export const TURN_CLAIM = Symbol('remedy.turnClaim');

/** The running turn's completion for a store write (undefined when the turn has no claim). */
export function turnDoneOf(context: TurnContext, at: Date): TurnDone | undefined {
  const claim = context.turnState.get(TURN_CLAIM) as TurnClaim | undefined;
  return claim?.doneAt(at);
}

/**
 * Thrown out of the bot when a turn's reply could not be delivered and its claim was released: the transport must
 * answer 5xx (not 200) so that Teams retries. `retryable` is what the adapter's error handler looks for.
 */
export class RetryableTurnError extends Error {
  readonly retryable = true;
  constructor(readonly cause: unknown) {
    super(
      `the reply could not be delivered; Teams should retry: ${(cause as Error)?.message ?? String(cause)}`,
    );
    this.name = 'RetryableTurnError';
  }
}

/**
 * True when a turn failed because its reply could not be delivered (the Bot Connector kept answering 429/5xx, or
 * could not be reached): the claim is then released and the transport answers 5xx, so Teams' retry gets the answer.
 */
export function isReplyFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, statusCode, status, code } = e as {
      name?: unknown;
      statusCode?: unknown;
      status?: unknown;
      code?: unknown;
    };
    if (name === 'OutboundGaveUpError') return true;
    const http =
      typeof statusCode === 'number' ? statusCode : typeof status === 'number' ? status : undefined;
    if (http !== undefined && (http === 429 || http >= 500)) return true;
    if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|UND_ERR_.*)$/.test(code))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
