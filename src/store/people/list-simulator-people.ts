import type { Database } from '../database.ts';
import { SIMULATOR_ONLY } from './simulator-people.ts';

/** The simulator's people, oldest first. */
export async function listSimulatorPeople(db: Database) {
  const identities = await db.channelIdentity.findMany({
    where: { channel: 'simulator', person: SIMULATOR_ONLY },
    orderBy: { createdAt: 'asc' },
    select: {
      platformId: true,
      username: true,
      person: { select: { id: true, displayName: true, roles: true, hub: { select: { key: true } } } },
    },
  });
  return identities.map(({ platformId, username, person }) => ({
    id: platformId,
    personId: person.id,
    name: person.displayName ?? username,
    roles: person.roles,
    hub: person.hub?.key ?? null,
  }));
}
