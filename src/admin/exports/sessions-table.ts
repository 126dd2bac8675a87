import { DateTime } from 'luxon';
import type { Language } from '../../domain/programme/language.ts';
import type { SessionInvitationForExport } from '../../store/sessions/list-sessions-for-export.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { LocalTime, type ExportTable } from './export-table.ts';

/**
 * sessions.csv and sessions.xlsx: one row per person and session, with their venue and its local
 * start (the hour shown in the room, its zone next to it), their answer, whether they waited for a
 * seat, whether and how their attendance was recorded, and their feedback.
 */
export function sessionsTable(
  invitations: SessionInvitationForExport[],
  { language, t }: { language: Language; t: AdminTranslate },
): ExportTable {
  const header = [
    'session',
    'title',
    'kind',
    'status',
    'venue',
    'local_start',
    'time_zone',
    'person_id',
    'person',
    'hub',
    'rsvp',
    'waitlisted',
    'attended',
    'attended_how',
    'feedback_score',
    'feedback_comment',
  ].map((column) => t(`dashboard-sessions:export.col_${column}`));
  const rows = invitations.map((invitation) => [
    invitation.session.key,
    localizedText(invitation.session.title, language),
    t(`dashboard-sessions:list.kind.${invitation.session.kind}`),
    t(`dashboard-sessions:export.status_${invitation.session.status}`),
    invitation.venue.hubName === null
      ? t('dashboard-sessions:export.online')
      : localizedText(invitation.venue.hubName, language),
    new LocalTime(
      DateTime.fromJSDate(invitation.venue.startsAt, { zone: invitation.venue.timeZone }).toFormat('yyyy-MM-dd HH:mm'),
    ),
    invitation.venue.timeZone,
    invitation.person.id,
    invitation.person.name,
    invitation.person.hubName === null ? null : localizedText(invitation.person.hubName, language),
    invitation.rsvp === null ? null : t(`dashboard-sessions:export.rsvp_${invitation.rsvp}`),
    t(`dashboard-sessions:export.${invitation.waitlistedAt !== null ? 'yes' : 'no'}`),
    t(`dashboard-sessions:export.${invitation.attendedAt !== null ? 'yes' : 'no'}`),
    invitation.attendedBy === 'code' || invitation.attendedBy === 'roll_call'
      ? t(`dashboard-sessions:export.how_${invitation.attendedBy}`)
      : null,
    invitation.feedbackScore,
    invitation.feedbackComment,
  ]);
  return { header, rows };
}
