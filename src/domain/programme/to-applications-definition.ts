import type { ApplicationsDefinition } from '../applications/application-call.ts';
import { parseCalendarDuration, parseDuration } from '../duration.ts';
import { localDateTimeInstant, parseLocalDateTime } from './local-date-time.ts';
import type { ProgrammeFile } from './programme-schema.ts';
import { toQuestionDefinition } from './to-question-definition.ts';

/** Days in a year of `keep_declined` (a call's retention is counted in days, not calendar years). */
const DAYS_PER_YEAR = 365;

/** The checked `applications:` in the programme's terms: hours as instants of its zone, reminders in minutes. */
export function toApplicationsDefinition(file: ProgrammeFile): ApplicationsDefinition {
  const call = file.applications;
  if (!call) throw new Error('unreachable: the file has no applications section');
  const instant = (text: string) => {
    const local = parseLocalDateTime(text);
    const at = local === null ? null : localDateTimeInstant(local, file.time_zone);
    if (at === null) throw new Error('unreachable: the hours were checked');
    return at;
  };
  const keep = parseCalendarDuration(call.keep_declined);
  if (!keep) throw new Error('unreachable: keep_declined was checked');
  return {
    cohortKey: call.cohort,
    opensAt: instant(call.opens),
    closesAt: instant(call.closes),
    // Sent in the order they come: the earliest (longest before the closing) first.
    reminderOffsets: [...new Set(call.reminders.map((text) => parseDuration(text) ?? 0))].sort((a, b) => b - a),
    intro: call.intro,
    thanks: call.thanks,
    consent: { version: call.consent.version, text: call.consent.text },
    notices: {
      ...(call.notices?.accepted && { accepted: call.notices.accepted }),
      ...(call.notices?.declined && { declined: call.notices.declined }),
      ...(call.notices?.waiting_list && { waiting_list: call.notices.waiting_list }),
    },
    keepDeclinedDays: keep.years * DAYS_PER_YEAR + keep.weeks * 7 + keep.days,
    questions: call.questions.map(toQuestionDefinition),
  };
}
