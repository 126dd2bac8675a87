import type { Database } from '../database.ts';

/** The venues whose change notice is due, and the cancelled sessions whose people were not told yet. */
export async function listDueSessionNotices(
  db: Database,
  now: Date,
): Promise<{ changes: { venueId: string; dueAt: Date }[]; cancellations: string[] }> {
  const venues = await db.sessionVenue.findMany({
    where: { changeNoticeDueAt: { lte: now } },
    orderBy: { changeNoticeDueAt: 'asc' },
    select: { id: true, changeNoticeDueAt: true },
  });
  const sessions = await db.session.findMany({
    where: { status: 'cancelled', cancelNoticeSentAt: null },
    orderBy: { cancelledAt: 'asc' },
    select: { id: true },
  });
  return {
    changes: venues.map((venue) => ({ venueId: venue.id, dueAt: venue.changeNoticeDueAt! })),
    cancellations: sessions.map((session) => session.id),
  };
}
