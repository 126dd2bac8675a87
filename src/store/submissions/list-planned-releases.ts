import type { Database } from '../database.ts';

/** Planned submissions released before `until` (and after `after`, when given): what gets an exact-instant job. */
export async function listPlannedReleases(
  db: Database,
  window: { after?: Date; until: Date },
): Promise<{ id: string; releaseAt: Date }[]> {
  return db.submission.findMany({
    where: { status: 'planned', releaseAt: { ...(window.after ? { gt: window.after } : {}), lte: window.until } },
    select: { id: true, releaseAt: true },
  });
}
