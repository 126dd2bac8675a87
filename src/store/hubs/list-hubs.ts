import type { Database } from '../database.ts';

/** Every hub, by key: its key, its name in each language and its time zone. */
export async function listHubs(db: Database) {
  return db.hub.findMany({ orderBy: { key: 'asc' }, select: { key: true, name: true, timeZone: true } });
}
