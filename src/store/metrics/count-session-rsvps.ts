import type { Database } from '../database.ts';

/** Session invitations by answer ("yes", "maybe", "no", "none" for no answer yet), for the metrics scrape. */
export async function countSessionRsvps(db: Database): Promise<{ answer: string; count: number }[]> {
  const rows = await db.sessionInvitation.groupBy({ by: ['rsvp'], _count: true });
  return rows.map((row) => ({ answer: row.rsvp ?? 'none', count: row._count }));
}
