import type { Database } from '../database.ts';

/** The person's own language choices, for `dashboardLanguage`: the dashboard's and the chat's. */
export async function findDashboardLocale(
  db: Database,
  personId: string,
): Promise<{ dashboardLocale: string | null; locale: string | null }> {
  return db.person.findUniqueOrThrow({ where: { id: personId }, select: { dashboardLocale: true, locale: true } });
}
