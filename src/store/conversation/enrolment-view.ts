import type { EnrolmentView } from '../../conversation/stores/account-store.ts';
import { isLanguage, type LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Prisma } from '../generated/client.ts';

/** What an enrolment is loaded with to make an `EnrolmentView`. */
export const enrolmentInclude = {
  cohort: { select: { name: true, programme: { select: { id: true, name: true, locales: true, settings: true } } } },
} as const;

/** An enrolment with its cohort and programme, as the conversation reads it. */
export function enrolmentView(row: Prisma.EnrolmentGetPayload<{ include: typeof enrolmentInclude }>): EnrolmentView {
  const settings = parseProgrammeSettings(row.cohort.programme.settings);
  return {
    id: row.id,
    cohortId: row.cohortId,
    cohortName: row.cohort.name as LocalizedText,
    role: row.role,
    status: row.status,
    pausedUntil: row.pausedUntil,
    joinedAt: row.joinedAt,
    programme: {
      id: row.cohort.programme.id,
      name: row.cohort.programme.name as LocalizedText,
      languages: row.cohort.programme.locales.filter(isLanguage),
      timeZone: settings.timeZone,
      consent: settings.consent,
    },
  };
}
