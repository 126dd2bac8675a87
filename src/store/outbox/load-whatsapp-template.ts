import { personLanguage } from '../../domain/person-language.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { TemplatePurpose } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/**
 * The approved WhatsApp template of a person's (first) programme for this purpose, in the
 * person's language, else any language it has; null when the programme has none. An applicant,
 * not enrolled yet, gets those of the programme they applied to.
 */
export async function loadWhatsappTemplate(
  db: Database,
  request: { personId: string; purpose: TemplatePurpose; defaultLanguage: Language },
): Promise<{ name: string; language: string } | null> {
  const person = await db.person.findUniqueOrThrow({
    where: { id: request.personId },
    select: {
      locale: true,
      enrolments: {
        take: 1,
        orderBy: { createdAt: 'asc' },
        select: { cohort: { select: { programme: { select: { settings: true, defaultLocale: true } } } } },
      },
      applications: {
        take: 1,
        orderBy: { createdAt: 'desc' },
        select: { call: { select: { programme: { select: { settings: true, defaultLocale: true } } } } },
      },
    },
  });
  const programme = person.enrolments[0]?.cohort.programme ?? person.applications[0]?.call.programme;
  if (!programme) return null;
  const templates = parseProgrammeSettings(programme.settings).whatsappTemplates[request.purpose] ?? {};
  const language = personLanguage(person, programme, request.defaultLanguage);
  return templates[language] ?? Object.values(templates)[0] ?? null;
}
