import type { ClaimMade } from '../store/outbox/release-claims.ts';
import { releaseClaims } from '../store/outbox/release-claims.ts';
import type { JobContext } from './job-definition.ts';

/** A claim whose send never started, given back (to the queue) as soon as PostgreSQL answers. */
export function giveBack(context: JobContext, claim: ClaimMade): void {
  const { db, now } = context;
  context.breaker?.whenBack(() => releaseClaims(db, [claim], now()));
}

/** A claim that failed may still have been written: given back once PostgreSQL answers, if it was. */
export async function claiming<T>(context: JobContext, claim: ClaimMade, statement: Promise<T>): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    context.breaker?.trip(error);
    giveBack(context, claim);
    throw error;
  }
}

/** A write that failed means PostgreSQL may be away: no new send starts in this process until it answers. */
export async function tripping<T>(context: JobContext, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    context.breaker?.trip(error);
    throw error;
  }
}
