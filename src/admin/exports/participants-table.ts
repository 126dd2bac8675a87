import type { Language } from '../../domain/programme/language.ts';
import type { ParticipantForExport } from '../../store/people/list-participants-for-export.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { ExportTable } from './export-table.ts';

/**
 * participants.csv and participants.xlsx: one row per participant of the cohort the viewer may see, with their hub,
 * time zone, language, channels, mentor and status.
 */
export function participantsTable(
  participants: ParticipantForExport[],
  { language, t }: { language: Language; t: AdminTranslate },
): ExportTable {
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
  const rows = participants.map((participant) => [
    participant.personId,
    participant.name,
    t(`dashboard-broadcasts:status_${participant.status}`),
    participant.hub ? localizedText(participant.hub.name, language) : null,
    participant.country,
    participant.timeZone,
    participant.locale,
    participant.channels
      .map(({ channel, unreachable }) => channel + (unreachable ? ` (${t('dashboard-broadcasts:unreachable')})` : ''))
      .join('; '),
    participant.mentors.join('; '),
    participant.enrolledAt,
    participant.statusChangedAt,
  ]);
  return { header, rows };
}
