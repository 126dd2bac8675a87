import type { Database } from '../database.ts';

/** Attendance recorded at sessions, by how ("code", "roll_call"), for the metrics scrape. */
export async function countSessionAttendance(db: Database): Promise<{ by: string; count: number }[]> {
  const rows = await db.sessionInvitation.groupBy({
    by: ['attendedBy'],
    where: { attendedAt: { not: null } },
    _count: true,
  });
  return rows.map((row) => ({ by: row.attendedBy ?? 'unknown', count: row._count }));
}
