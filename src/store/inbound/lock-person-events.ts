import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/** The transaction a person's events are handled in, under their lock. */
export type PersonTransaction = Prisma.TransactionClient;

/**
 * Runs `work` in one transaction holding the person's lock (released at commit): whichever worker
 * takes it first handles all their pending events, and concurrent ones wait, then find none left.
 */
export function lockPersonEvents<T>(
  db: Database,
  personId: string,
  work: (tx: PersonTransaction) => Promise<T>,
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`person:${personId}`}))`;
      return work(tx);
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
