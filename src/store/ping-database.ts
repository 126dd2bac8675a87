import type { Database } from './database.ts';

/** Resolves when PostgreSQL answers a trivial query; rejects when it does not. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
