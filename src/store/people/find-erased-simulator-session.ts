import type { Database } from '../database.ts';

/** An erased simulator session's identity: it lost its id, but the erasure's confirmation still names it, for the page to show. */
export async function findErasedSimulatorSession(db: Database, person: string): Promise<{ id: string } | null> {
  const confirmation = await db.outboundMessage.findFirst({
    where: { channel: 'simulator', address: { path: ['platformId'], equals: person } },
    select: { channelIdentityId: true },
  });
  return confirmation && { id: confirmation.channelIdentityId };
}
