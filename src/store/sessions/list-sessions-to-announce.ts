import type { Database } from '../database.ts';

/**
 * The sessions whose announcement is due and still worth making: scheduled, due to be announced
 * (`announceAt` passed, or none), and not started everywhere. Those already announced stay listed
 * until then, so that people who join the audience later are told too (only they are read again).
 */
export async function listSessionsToAnnounce(db: Database, now: Date): Promise<string[]> {
  const rows = await db.session.findMany({
    where: {
      status: 'scheduled',
      OR: [{ announceAt: null }, { announceAt: { lte: now } }],
      venues: { some: { startsAt: { gt: now } } },
    },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
