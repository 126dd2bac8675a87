import type { InvitationCounts } from '../../domain/sessions/count-invitations.ts';
import type { Database } from '../../store/database.ts';
import { sessionReport } from '../../store/sessions/session-report.ts';
import { sessionStatus, sessionTitle, venueStart } from '../format-session.ts';
import type { Output } from '../output.ts';

/**
 * `compagnon session report <id>`: venue by venue, who is invited, what they answered, who waits
 * for a seat, who attended (by code, by roll call) and the feedback, then the whole session.
 */
export async function runSessionReport(
  reference: string,
  options: { programme?: string },
  deps: { db: Database; out: Output },
): Promise<void> {
  const report = await sessionReport(deps.db, reference, options.programme ? { programme: options.programme } : {});
  deps.out.info(
    `session ${report.key} (${report.kind}, programme ${report.programmeKey}): "${sessionTitle(report)}" — ${sessionStatus(report)}`,
  );
  if (!report.rsvp) deps.out.info('no RSVP asked: everyone invited counts as "no answer"');
  for (const venue of report.venues) {
    const seats = venue.capacity === null ? '' : `, ${venue.capacity} seats`;
    deps.out.info(`${venueStart(venue)}  (attendance code ${venue.attendanceCode}${seats})`);
    for (const line of countLines(venue.counts)) deps.out.info(`  ${line}`);
  }
  if (report.venues.length > 1) {
    deps.out.info(`all ${report.venues.length} venues`);
    for (const line of countLines(report.counts)) deps.out.info(`  ${line}`);
  }
}

/**
 * "invited 12: yes 5, maybe 2, no 1, no answer 3, waiting list 1",
 * "attended 4 (code 3, roll call 1)", "feedback 4.5 average from 2 answers".
 */
function countLines(counts: InvitationCounts): string[] {
  const { feedback } = counts;
  return [
    `invited ${counts.invited}: yes ${counts.yes}, maybe ${counts.maybe}, no ${counts.no}, no answer ${counts.noAnswer}, waiting list ${counts.waitlisted}`,
    `attended ${counts.attended} (code ${counts.attendedBy.code}, roll call ${counts.attendedBy.rollCall})`,
    feedback.average === null
      ? 'feedback: none yet'
      : `feedback ${feedback.average.toFixed(1)} average from ${feedback.count} answer${feedback.count === 1 ? '' : 's'}`,
  ];
}
