import { parseDuration } from '../duration.ts';
import { checkQuestion } from './check-question.ts';
import { localDateTimeInstant, missingHourError, parseLocalDateTime } from './local-date-time.ts';
import { formatPath, type ProgrammeFilePath as Path } from './programme-file-path.ts';
import type { ProgrammeFile } from './programme-schema.ts';

/**
 * Rules of `applications:` that need the rest of the file: the cohort exists, the hours exist in
 * the programme's zone and the call closes after it opens, each reminder falls while it is open,
 * and the questions follow the exercises' rules.
 */
export function crossCheckApplications(file: ProgrammeFile): [Path, string][] {
  const call = file.applications;
  if (!call) return [];
  const problems: [Path, string][] = [];
  const at: Path = ['applications'];
  if (!file.cohorts.some((cohort) => cohort.id === call.cohort)) {
    problems.push([
      [...at, 'cohort'],
      `no cohort has the id "${call.cohort}" (cohorts: ${file.cohorts.map((c) => c.id).join(', ')})`,
    ]);
  }
  const instant = (field: 'opens' | 'closes'): Date | null => {
    const local = parseLocalDateTime(call[field]);
    if (local === null) return null;
    const at = localDateTimeInstant(local, file.time_zone);
    if (at === null) problems.push([['applications', field], missingHourError(local, file.time_zone)]);
    return at;
  };
  const opensAt = instant('opens');
  const closesAt = instant('closes');
  if (opensAt && closesAt) {
    if (closesAt <= opensAt) {
      problems.push([[...at, 'closes'], `the call closes (${call.closes}) before it opens (${call.opens})`]);
    } else {
      const openMinutes = (closesAt.getTime() - opensAt.getTime()) / 60_000;
      call.reminders.forEach((reminder, r) => {
        if ((parseDuration(reminder) ?? 0) >= openMinutes) {
          problems.push([
            [...at, 'reminders', r],
            `a reminder ${reminder} before the closing would come before the call opens (${call.opens})`,
          ]);
        }
      });
    }
  }
  const seen = new Map<string, number>();
  call.questions.forEach((question, q) => {
    const first = seen.get(question.id);
    if (first === undefined) seen.set(question.id, q);
    else
      problems.push([
        [...at, 'questions', q, 'id'],
        `duplicate question id "${question.id}" (already used by ${formatPath([...at, 'questions', first])})`,
      ]);
    problems.push(...checkQuestion(question, [...at, 'questions', q]));
    if (question.peer_feedback)
      problems.push([[...at, 'questions', q, 'peer_feedback'], 'an application question is not feedback to a peer']);
  });
  return problems;
}
