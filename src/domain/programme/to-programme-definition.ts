import { parseDeadlineRule, parseReleaseRule } from '../calendar-rule.ts';
import { parseDuration } from '../duration.ts';
import { DEFAULT_ESCALATE_AFTER } from '../help-desk/help-routing.ts';
import { DEFAULT_RUBRIC_SCALE, DEFAULT_SCORE_WEIGHTS } from '../scores/score-weights.ts';
import { DEFAULT_ATTENDANCE_SCORING } from '../scores/session-attendance-score.ts';
import type { ExerciseDefinition, ProgrammeDefinition, ProgrammeSettings } from './programme-definition.ts';
import { planStartDate } from './plan-start-date.ts';
import { toApplicationsDefinition } from './to-applications-definition.ts';
import { toQuestionDefinition } from './to-question-definition.ts';
import type { ProgrammeFile } from './programme-schema.ts';
import { toSessionDefinitions } from './to-session-definitions.ts';

/** The checked file in the programme's own terms: durations in minutes, rules parsed, defaults filled in. */
export function toProgrammeDefinition(file: ProgrammeFile): ProgrammeDefinition {
  const minutes = (text: string) => parseDuration(text) ?? 0;
  const settings: ProgrammeSettings = {
    timeZone: file.time_zone,
    consent: {
      version: file.consent.version,
      text: file.consent.text,
      ...(file.consent.mentor && { mentor: file.consent.mentor }),
      ...(file.consent.staff && { staff: file.consent.staff }),
    },
    quietHours: file.quiet_hours ?? null,
    retention: file.retention ? { eraseAfterEnd: file.retention.erase_after_end } : null,
    checkIns: file.check_ins
      ? {
          everyMinutes: minutes(file.check_ins.every),
          firstAfterMinutes: minutes(file.check_ins.first_after ?? file.check_ins.every),
        }
      : null,
    slipping: {
      missedInARow: file.slipping?.missed_in_a_row ?? 2,
      silentForMinutes: minutes(file.slipping?.silent_for ?? '10d'),
    },
    helpDesk: { escalateAfterMinutes: minutes(file.help_desk?.escalate_after ?? DEFAULT_ESCALATE_AFTER) },
    pauses: { moveDeadlines: file.pauses?.move_deadlines ?? false },
    actionPlan: {
      startsOn: planStartsOn(file),
      reminderOffsetsMinutes: (file.action_plan?.reminders ?? ['3d']).map(minutes),
      followUpAfterMinutes: minutes(file.action_plan?.follow_up_after ?? '1d'),
      milestones: (file.action_plan?.milestones ?? []).map((m) => ({
        key: m.id,
        title: m.title,
        afterMinutes: minutes(m.after),
      })),
    },
    scores: {
      weights: file.scores?.weights ?? DEFAULT_SCORE_WEIGHTS,
      rubricScale: file.scores?.rubric_scale ?? DEFAULT_RUBRIC_SCALE,
      attendance: {
        weight: file.scores?.attendance?.weight ?? DEFAULT_ATTENDANCE_SCORING.weight,
        rsvpKept: file.scores?.attendance?.rsvp_kept ?? DEFAULT_ATTENDANCE_SCORING.rsvpKept,
      },
    },
    selectionNotices: {
      ...(file.selection_notices?.selected && { selected: file.selection_notices.selected }),
      ...(file.selection_notices?.not_selected && { not_selected: file.selection_notices.not_selected }),
    },
    whatsappTemplates: Object.fromEntries(
      Object.entries(file.whatsapp_templates).map(([purpose, byLanguage]) => [
        purpose,
        Object.fromEntries(
          Object.entries(byLanguage ?? {}).map(([language, ref]) => [
            language,
            typeof ref === 'string' ? { name: ref, language } : ref,
          ]),
        ),
      ]),
    ),
  };
  const exercises: ExerciseDefinition[] = file.exercises.map((exercise, position) => {
    const release = parseReleaseRule(exercise.release);
    const deadline = parseDeadlineRule(exercise.deadline);
    if (!release.ok || !deadline.ok) throw new Error('unreachable: rules were validated');
    return {
      key: exercise.id,
      position,
      phaseKey: exercise.phase,
      title: exercise.title,
      intro: exercise.intro,
      releaseRule: { text: exercise.release, rule: release.rule },
      deadlineRule: { text: exercise.deadline, rule: deadline.rule },
      reminderOffsetsMinutes: exercise.reminders.map(minutes).sort((a, b) => b - a),
      graceMinutes: minutes(exercise.grace),
      closesAfterMinutes: minutes(exercise.closes_after),
      teamExercise: exercise.team,
      questions: exercise.questions.map(toQuestionDefinition),
    };
  });
  return {
    key: file.id,
    version: file.version,
    languages: file.languages,
    defaultLanguage: file.languages[0] ?? 'fr',
    name: file.name,
    settings,
    hubs: file.hubs.map((hub) => ({ key: hub.id, name: hub.name, timeZone: hub.time_zone, country: hub.country })),
    cohorts: file.cohorts.map((cohort) => ({ key: cohort.id, name: cohort.name })),
    phases: file.phases.map((phase, position) => ({
      key: phase.id,
      position,
      name: phase.name,
      startsOn: phase.starts,
      endsOn: phase.ends,
    })),
    exercises,
    sessions: toSessionDefinitions(file),
    ...(file.applications && { applications: toApplicationsDefinition(file) }),
  };
}

/** The day action plans start at the earliest: the start of the phase `action_plan.starts` names, or its date. */
function planStartsOn(file: ProgrammeFile): string | null {
  const starts = file.action_plan?.starts;
  if (starts === undefined) return null;
  return file.phases.find((phase) => phase.id === starts)?.starts ?? planStartDate(starts);
}
