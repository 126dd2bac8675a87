import type { Database } from '../database.ts';
import { hasPlatformIdentity } from './simulator-people.ts';

/** A simulator identity by its id, and whether the simulator may act for its person. */
export async function findSimulatorPerson(db: Database, platformId: string) {
  const identity = await db.channelIdentity.findUnique({
    where: { channel_platformId: { channel: 'simulator', platformId } },
    select: { id: true, username: true, person: { select: { id: true, displayName: true } } },
  });
  if (!identity) return { status: 'missing' as const };
  if (await hasPlatformIdentity(db, identity.person.id)) return { status: 'elsewhere' as const };
  return { status: 'ok' as const, identity };
}
