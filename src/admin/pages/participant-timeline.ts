import type { TimelineEvent } from '../charts/timeline-chart.ts';
import type { ParticipantRecord } from '../../store/people/load-participant-record.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Language } from '../../domain/programme/language.ts';

/**
 * The marks of a participant's timeline: each exercise's release (planned ones too), each
 * hand-in on time or late, each missed deadline, each answered check-in.
 */
export function participantTimeline(record: ParticipantRecord, t: AdminTranslate, language: Language): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const enrolment of record.enrolments) {
    for (const submission of enrolment.submissions) {
      const title = localizedText(submission.exercise.title, language);
      events.push({
        at: submission.releasedAt ?? submission.releaseAt,
        kind: 'release',
        // Not "sent" before it is: a planned release is named as one.
        label: t(
          submission.releasedAt
            ? 'dashboard-people:timeline_release_of'
            : 'dashboard-people:timeline_planned_release_of',
          { title },
        ),
      });
      if (submission.status === 'submitted' && submission.submittedAt) {
        const kind = submission.late ? 'late' : 'on_time';
        events.push({ at: submission.submittedAt, kind, label: t(`dashboard-people:timeline_${kind}_of`, { title }) });
      }
      if (submission.status === 'missed')
        events.push({
          at: submission.deadlineAt,
          kind: 'missed',
          label: t('dashboard-people:timeline_missed_of', { title }),
        });
    }
  }
  for (const checkIn of record.checkInsReceived) {
    if (checkIn.status !== 'answered' || !checkIn.answeredAt) continue;
    const signal = checkIn.signal ? t(`dashboard-people:signal_${checkIn.signal}`) : '';
    events.push({
      at: checkIn.answeredAt,
      kind: 'check_in',
      label: t('dashboard-people:timeline_check_in_by', { mentor: checkIn.mentor.displayName ?? '', signal }),
    });
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
