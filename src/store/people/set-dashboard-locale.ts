import type { Language } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';

/** Records the language a person chose to read the dashboard in; their chat language is left alone. */
export async function setDashboardLocale(db: Database, personId: string, language: Language): Promise<void> {
  await db.person.update({ where: { id: personId }, data: { dashboardLocale: language } });
}
