import type { Database } from '../database.ts';

/** The hub name of each person given who has a hub, by person id. */
export async function listPeopleHubs(db: Database, personIds: string[]): Promise<Map<string, unknown>> {
  const people = await db.person.findMany({
    where: { id: { in: personIds }, hubId: { not: null } },
    select: { id: true, hub: { select: { name: true } } },
  });
  return new Map(people.flatMap((person) => (person.hub ? [[person.id, person.hub.name] as const] : [])));
}
