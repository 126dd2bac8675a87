import type { DateTime } from 'luxon';
import { deadlineInstant, parseDeadlineRule, parseReleaseRule, weekRuleInstant } from '../calendar-rule.ts';
import { parseDuration } from '../duration.ts';
import { checkQuestion } from './check-question.ts';
import { crossCheckApplications } from './cross-check-applications.ts';
import { crossCheckSessions } from './cross-check-sessions.ts';
import { formatPath, type ProgrammeFilePath as Path } from './programme-file-path.ts';
import type { ProgrammeFile } from './programme-schema.ts';
import { planStartDate } from './plan-start-date.ts';

/** Rules that span several fields: unique ids, references, and a calendar that makes sense. */
export function crossCheckProgrammeFile(file: ProgrammeFile): [Path, string][] {
  const problems: [Path, string][] = [];
  const unique = (items: { id: string }[], at: Path, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const first = seen.get(item.id);
      if (first === undefined) seen.set(item.id, index);
      else
        problems.push([
          [...at, index, 'id'],
          `duplicate ${what} id "${item.id}" (already used by ${formatPath([...at, first])})`,
        ]);
    });
  };
  unique(file.hubs, ['hubs'], 'hub');
  unique(file.cohorts, ['cohorts'], 'cohort');
  unique(file.phases, ['phases'], 'phase');
  unique(file.exercises, ['exercises'], 'exercise');
  unique(file.action_plan?.milestones ?? [], ['action_plan', 'milestones'], 'milestone');
  unique(file.sessions, ['sessions'], 'session');

  file.phases.forEach((phase, index) => {
    if (phase.ends < phase.starts)
      problems.push([['phases', index, 'ends'], `ends (${phase.ends}) before it starts (${phase.starts})`]);
  });

  const phases = new Map(file.phases.map((phase) => [phase.id, phase]));
  const planStarts = file.action_plan?.starts;
  if (planStarts !== undefined && !phases.has(planStarts) && planStartDate(planStarts) === null) {
    problems.push([
      ['action_plan', 'starts'],
      `"${planStarts}" is neither a phase id (${file.phases.map((p) => p.id).join(', ')}) nor a date written YYYY-MM-DD`,
    ]);
  }
  file.exercises.forEach((exercise, index) => {
    const at: Path = ['exercises', index];
    unique(exercise.questions, [...at, 'questions'], 'question');
    exercise.questions.forEach((question, q) => problems.push(...checkQuestion(question, [...at, 'questions', q])));
    if ((parseDuration(exercise.closes_after) ?? 0) < (parseDuration(exercise.grace) ?? 0)) {
      problems.push([
        [...at, 'closes_after'],
        `closes ${exercise.closes_after} after the deadline, before its grace (${exercise.grace}) ends; answers within the grace are on time, so closes_after must be at least the grace`,
      ]);
    }

    const phase = phases.get(exercise.phase);
    if (!phase) {
      problems.push([
        [...at, 'phase'],
        `no phase has the id "${exercise.phase}" (phases: ${file.phases.map((p) => p.id).join(', ')})`,
      ]);
      return;
    }
    const release = parseReleaseRule(exercise.release);
    const deadline = parseDeadlineRule(exercise.deadline);
    if (!release.ok || !deadline.ok) return;
    // Calendar checks hold in any time zone; UTC stands for "local time" here.
    const releaseAt = weekRuleInstant(phase.starts, release.rule, 'UTC');
    const deadlineAt = deadlineInstant(phase.starts, deadline.rule, releaseAt, 'UTC');
    const releaseDay = releaseAt.toISODate() ?? '';
    if (releaseDay < phase.starts || releaseDay > phase.ends) {
      problems.push([
        [...at, 'release'],
        `falls on ${releaseDay}, outside its phase "${phase.id}" (${phase.starts} to ${phase.ends})`,
      ]);
    }
    if (deadlineAt <= releaseAt) {
      problems.push([
        [...at, 'deadline'],
        `the deadline (${formatLocal(deadlineAt)}) is not after the release (${formatLocal(releaseAt)})`,
      ]);
      return;
    }
    const window = deadlineAt.diff(releaseAt, 'minutes').minutes;
    exercise.reminders.forEach((reminder, r) => {
      if ((parseDuration(reminder) ?? 0) >= window) {
        problems.push([
          [...at, 'reminders', r],
          `a reminder ${reminder} before the deadline would come before the release`,
        ]);
      }
    });
  });

  for (const [purpose, byLanguage] of Object.entries(file.whatsapp_templates)) {
    for (const language of Object.keys(byLanguage ?? {})) {
      if (!(file.languages as string[]).includes(language)) {
        problems.push([
          ['whatsapp_templates', purpose, language],
          `"${language}" is not one of the programme's languages (${file.languages.join(', ')})`,
        ]);
      }
    }
  }
  problems.push(...crossCheckSessions(file));
  problems.push(...crossCheckApplications(file));
  const weights = file.scores?.weights;
  if (weights && Object.values(weights).every((weight) => weight === 0)) {
    problems.push([['scores', 'weights'], 'the weights cannot all be 0: give at least one score a weight above 0']);
  }
  if (new Set(file.languages).size !== file.languages.length)
    problems.push([['languages'], 'a language is listed twice']);
  return problems;
}

function formatLocal(instant: DateTime): string {
  return instant.toFormat('cccc yyyy-LL-dd HH:mm');
}
