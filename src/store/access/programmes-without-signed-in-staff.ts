import type { Database } from '../database.ts';

/**
 * The keys of the programmes when nobody can sign in to the dashboard as staff yet (no staff
 * member with a staff enrolment that is not stopped, neither erased nor opted out), so that the
 * start can say how to make the first one; null as soon as there is one.
 */
export async function programmesWithoutSignedInStaff(db: Database): Promise<string[] | null> {
  const staff = await db.person.findFirst({
    where: {
      roles: { has: 'staff' },
      erasedAt: null,
      optedOutAt: null,
      enrolments: { some: { role: 'staff', status: { not: 'stopped' } } },
    },
    select: { id: true },
  });
  if (staff) return null;
  const programmes = await db.programme.findMany({ select: { key: true }, orderBy: { createdAt: 'asc' } });
  return programmes.map((programme) => programme.key);
}
