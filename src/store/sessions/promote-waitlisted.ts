import type { Prisma } from '../generated/client.ts';

/**
 * Gives the venue's free seats to those waiting for one, first come first served, and returns
 * the invitations promoted. Locks the venue's row (until the transaction ends), so that seats are
 * counted once at a time; to call after a seat was freed or the capacity grew.
 */
export async function promoteWaitlisted(tx: Prisma.TransactionClient, venueId: string): Promise<string[]> {
  const [venue] = await tx.$queryRaw<{ capacity: number | null }[]>`
    SELECT capacity FROM "SessionVenue" WHERE id = ${venueId} FOR UPDATE`;
  if (!venue) return [];
  const waiting = { venueId, rsvp: 'yes', waitlistedAt: { not: null } } as const;
  let free: number | undefined;
  if (venue.capacity !== null) {
    const taken = await tx.sessionInvitation.count({ where: { venueId, rsvp: 'yes', waitlistedAt: null } });
    free = venue.capacity - taken;
    if (free <= 0) return [];
  }
  const next = await tx.sessionInvitation.findMany({
    where: waiting,
    orderBy: [{ waitlistedAt: 'asc' }, { rsvpAt: 'asc' }, { id: 'asc' }],
    ...(free !== undefined && { take: free }),
    select: { id: true },
  });
  const ids = next.map((invitation) => invitation.id);
  if (ids.length > 0)
    await tx.sessionInvitation.updateMany({ where: { id: { in: ids } }, data: { waitlistedAt: null } });
  return ids;
}
