import type { Database } from '../database.ts';

/**
 * The sessions whose announcement is due and still worth making: scheduled, due to be announced
 * (`announceAt` passed, or none), and not started everywhere. Those already announced stay listed
 * until then, so that people who join the audience later are told too (only they are read again).
 * Soonest first, by their earliest venue's start: someone who joins hears first of what comes first.
 */
export async function listSessionsToAnnounce(db: Database, now: Date): Promise<string[]> {
  const rows = await db.session.findMany({
    where: {
      status: 'scheduled',
      OR: [{ announceAt: null }, { announceAt: { lte: now } }],
      venues: { some: { startsAt: { gt: now } } },
    },
    orderBy: { createdAt: 'asc' },
    select: { id: true, venues: { select: { startsAt: true }, orderBy: { startsAt: 'asc' }, take: 1 } },
  });
  const start = (row: (typeof rows)[number]) => row.venues[0]?.startsAt.getTime() ?? Infinity;
  return rows.sort((a, b) => start(a) - start(b)).map((row) => row.id);
}
