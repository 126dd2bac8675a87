import type { Database } from '../database.ts';

/** How many programmes have been imported. */
export async function countProgrammes(db: Database): Promise<number> {
  return db.programme.count();
}
