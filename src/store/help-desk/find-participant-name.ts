import type { Database } from '../database.ts';

/** A person's display name (the caller has checked the viewer may see them); null when they have none. */
export async function findParticipantName(db: Database, personId: string): Promise<string | null> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { displayName: true } });
  return person?.displayName ?? null;
}
