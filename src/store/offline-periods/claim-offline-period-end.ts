import type { Prisma } from '../generated/client.ts';

/** A period whose end was just claimed, as it stood. */
export interface ClaimedEnd {
  id: string;
  cohortId: string;
  hubId: string | null;
  personId: string | null;
  endsAt: Date | null;
  startedAt: Date | null;
}

/**
 * Claims a period's end with one conditional update (endedAt still null), so that two workers, or
 * a worker and a person resuming, never end it twice. Null: it had already ended (or is unknown).
 */
export async function claimOfflinePeriodEnd(
  tx: Prisma.TransactionClient,
  request: { periodId: string; endedById: string | null; now: Date },
): Promise<ClaimedEnd | null> {
  const [claimed] = await tx.$queryRaw<ClaimedEnd[]>`
    UPDATE "OfflinePeriod" SET "endedAt" = ${request.now}, "endedById" = ${request.endedById}
    WHERE id = ${request.periodId} AND "endedAt" IS NULL
    RETURNING id, "cohortId", "hubId", "personId", "endsAt", "startedAt"`;
  return claimed ?? null;
}
