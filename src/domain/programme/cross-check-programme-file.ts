import type { DateTime } from 'luxon';
import { deadlineInstant, parseDeadlineRule, parseReleaseRule, weekRuleInstant } from '../calendar-rule.ts';
import { parseDuration } from '../duration.ts';
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
  const weights = file.scores?.weights;
  if (weights && Object.values(weights).every((weight) => weight === 0)) {
    problems.push([['scores', 'weights'], 'the weights cannot all be 0: give at least one score a weight above 0']);
  }
  if (new Set(file.languages).size !== file.languages.length)
    problems.push([['languages'], 'a language is listed twice']);
  return problems;
}

function checkQuestion(question: ProgrammeFile['exercises'][number]['questions'][number], at: Path): [Path, string][] {
  const problems: [Path, string][] = [];
  const hasOptions = question.type === 'choice' || question.type === 'multi_choice';
  if (hasOptions) {
    const options = question.options ?? [];
    if (options.length < 2)
      problems.push([
        [...at, question.options ? 'options' : 'type'],
        `a ${question.type} question needs at least two options`,
      ]);
    const seen = new Set<string>();
    options.forEach((option, index) => {
      if (seen.has(option.id)) problems.push([[...at, 'options', index, 'id'], `duplicate option id "${option.id}"`]);
      seen.add(option.id);
    });
  } else if (question.options) {
    problems.push([[...at, 'options'], `a ${question.type} question has no options`]);
  }
  const boundable = question.type === 'scale' || question.type === 'number' || question.type === 'multi_choice';
  if (!boundable && (question.min !== undefined || question.max !== undefined)) {
    problems.push([
      [...at, question.min !== undefined ? 'min' : 'max'],
      `a ${question.type} question takes no min or max`,
    ]);
  }
  if (question.type === 'scale') {
    if (question.min === undefined || question.max === undefined) {
      problems.push([[...at, 'type'], 'a scale question needs min and max (for example 1 and 5)']);
    } else if (!Number.isInteger(question.min) || !Number.isInteger(question.max) || question.max - question.min > 10) {
      problems.push([[...at, 'max'], 'a scale goes between two whole numbers at most 10 apart']);
    }
  }
  if (question.min !== undefined && question.max !== undefined && question.min >= question.max) {
    problems.push([[...at, 'max'], `max (${question.max}) must be greater than min (${question.min})`]);
  }
  return problems;
}

function formatLocal(instant: DateTime): string {
  return instant.toFormat('cccc yyyy-LL-dd HH:mm');
}
