import type { Language } from '../../domain/programme/language.ts';
import type { Database } from '../../store/database.ts';
import type { Prisma } from '../../store/generated/client.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { toCsv } from './to-csv.ts';

/**
 * participants.csv: one row per participant of the cohort the viewer may see (`visible` is
 * `visibleEnrolments(viewer)`), with their hub, language, channels, mentor and status.
 */
export async function participantsCsv(
  db: Database,
  request: { cohortId: string; visible: Prisma.EnrolmentWhereInput; language: Language; t: AdminTranslate },
): Promise<string> {
  const { t, language } = request;
  const enrolments = await db.enrolment.findMany({
    where: { AND: [request.visible, { cohortId: request.cohortId, role: 'participant' }] },
    orderBy: [{ person: { displayName: 'asc' } }, { personId: 'asc' }],
    include: {
      person: {
        include: {
          hub: true,
          identities: { orderBy: { createdAt: 'asc' } },
          mentoredBy: {
            where: { cohortId: request.cohortId, endedAt: null },
            include: { mentor: { select: { displayName: true } } },
          },
        },
      },
    },
  });
  const header = [
    'person_id',
    'name',
    'status',
    'hub',
    'country',
    'time_zone',
    'language',
    'channels',
    'mentor',
    'enrolled_at',
    'status_changed_at',
  ].map((column) => t(`dashboard-broadcasts:csv_${column}`));
  const rows = enrolments.map(({ person, ...enrolment }) => [
    person.id,
    person.displayName,
    t(`dashboard-broadcasts:status_${enrolment.status}`),
    person.hub ? localizedText(person.hub.name, language) : null,
    person.hub?.country ?? null,
    person.timeZone ?? person.hub?.timeZone ?? null,
    person.locale,
    person.identities
      .map(
        (identity) => identity.channel + (identity.unreachableAt ? ` (${t('dashboard-broadcasts:unreachable')})` : ''),
      )
      .join('; '),
    person.mentoredBy.map((assignment) => assignment.mentor.displayName ?? assignment.mentorId).join('; '),
    enrolment.createdAt,
    enrolment.statusChangedAt,
  ]);
  return toCsv(header, rows);
}
