import type { Prisma } from '../generated/client.ts';
import { canBePromoted, holdsSeat } from './session-reach.ts';

/**
 * Gives the venue's free seats to those waiting for one who can be given one (session-reach.ts),
 * first come first served, and returns the invitations promoted. Seats are counted by the same
 * rule: one held by someone erased, opted out or stopped is free. Locks the venue's row (until
 * the transaction ends), so that seats are counted once at a time; to call after a seat was freed
 * or the capacity grew.
 */
export async function promoteWaitlisted(tx: Prisma.TransactionClient, venueId: string): Promise<string[]> {
  const [venue] = await tx.$queryRaw<{ capacity: number | null; programmeId: string }[]>`
    SELECT v.capacity, s."programmeId" FROM "SessionVenue" v JOIN "Session" s ON s.id = v."sessionId"
    WHERE v.id = ${venueId} FOR UPDATE OF v`;
  if (!venue) return [];
  let free: number | undefined;
  if (venue.capacity !== null) {
    const taken = await tx.sessionInvitation.count({ where: { venueId, ...holdsSeat(venue.programmeId) } });
    free = venue.capacity - taken;
    if (free <= 0) return [];
  }
  const next = await tx.sessionInvitation.findMany({
    where: { venueId, ...canBePromoted(venue.programmeId) },
    orderBy: [{ waitlistedAt: 'asc' }, { rsvpAt: 'asc' }, { id: 'asc' }],
    ...(free !== undefined && { take: free }),
    select: { id: true },
  });
  const ids = next.map((invitation) => invitation.id);
  if (ids.length > 0)
    await tx.sessionInvitation.updateMany({ where: { id: { in: ids } }, data: { waitlistedAt: null } });
  return ids;
}
