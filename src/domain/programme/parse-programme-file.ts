import type { DateTime } from 'luxon';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { deadlineInstant, parseDeadlineRule, parseReleaseRule, weekRuleInstant } from '../calendar-rule.ts';
import { parseDuration } from '../duration.ts';
import { DEFAULT_RUBRIC_SCALE, DEFAULT_SCORE_WEIGHTS } from '../scores/score-weights.ts';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from './language.ts';
import type { ExerciseDefinition, ProgrammeDefinition, ProgrammeSettings } from './programme-definition.ts';
import { programmeFileSchema, type ProgrammeFile } from './programme-schema.ts';

/** One thing wrong in a programme file, located in it. */
export interface ProgrammeFileProblem {
  line: number;
  column: number;
  /** Where in the file's structure, e.g. exercises[2].questions[0].type */
  path: string;
  message: string;
}

export type ParseProgrammeResult =
  { ok: true; programme: ProgrammeDefinition } | { ok: false; problems: ProgrammeFileProblem[] };

type Path = (string | number)[];

/** Reads and validates a programme file (YAML, format 1); every problem comes with its line. */
export function parseProgrammeFile(source: string): ParseProgrammeResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { line, column: col, path: '', message: error.message.split('\n')[0] ?? error.message };
      }),
    };
  }
  const locate = (path: Path, message: string): ProgrammeFileProblem => {
    const offset = offsetOf(document, path);
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, path: formatPath(path), message };
  };

  const raw: unknown = document.toJS({ maxAliasCount: 100 });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [locate([], 'a programme file must be a mapping of fields (format, id, name, …)')] };
  }
  const declared = (raw as { languages?: unknown }).languages;
  const languages: Language[] =
    Array.isArray(declared) && declared.length > 0 && declared.every(isLanguage) ? declared : [...SUPPORTED_LANGUAGES];

  // With the input in each issue, a field of the wrong type is not mistaken for a missing one.
  const parsed = programmeFileSchema(languages).safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, problems: sortProblems(parsed.error.issues.flatMap((issue) => describeIssue(issue, locate))) };
  }
  const problems = crossCheck(parsed.data).map(([path, message]) => locate(path, message));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, programme: toDefinition(parsed.data) };
}

/** Formats problems the way compilers do: file:line:column: where: what. */
export function formatProblems(fileName: string, problems: ProgrammeFileProblem[]): string {
  return problems
    .map((p) => `${fileName}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`)
    .join('\n');
}

function describeIssue(
  issue: z.core.$ZodIssue,
  locate: (path: Path, message: string) => ProgrammeFileProblem,
): ProgrammeFileProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => locate([...path, key], `unknown field "${key}"`));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined && !issue.message.includes('text (')) {
    const field = path.at(-1);
    return [locate(path, `"${String(field)}" is missing`)];
  }
  if (issue.code === 'invalid_key') {
    return [locate(path, `unknown key ${JSON.stringify(path.at(-1))}`)];
  }
  return [locate(path, issue.message)];
}

/** Rules that span several fields: unique ids, references, and a calendar that makes sense. */
function crossCheck(file: ProgrammeFile): [Path, string][] {
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

  file.phases.forEach((phase, index) => {
    if (phase.ends < phase.starts)
      problems.push([['phases', index, 'ends'], `ends (${phase.ends}) before it starts (${phase.starts})`]);
  });

  const phases = new Map(file.phases.map((phase) => [phase.id, phase]));
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

function toDefinition(file: ProgrammeFile): ProgrammeDefinition {
  const minutes = (text: string) => parseDuration(text) ?? 0;
  const settings: ProgrammeSettings = {
    timeZone: file.time_zone,
    consent: file.consent,
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
    actionPlan: {
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
      questions: exercise.questions.map((question, index) => ({
        key: question.id,
        position: index,
        type: question.type,
        required: question.required,
        ...(question.peer_feedback ? { peerFeedback: true as const } : {}),
        prompt: question.prompt,
        options: question.options?.map((option) => ({ key: option.id, label: option.label })) ?? null,
        min: question.min ?? null,
        max: question.max ?? null,
      })),
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
  };
}

/** Offset in the source of the deepest node of `path` that exists (a missing field points at its parent). */
function offsetOf(document: Document, path: Path): number {
  let node: unknown = document.contents;
  let offset = document.contents?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      offset = value?.range?.[0] ?? key.range?.[0] ?? offset;
      // A key with an empty value: point at the key, not at whatever follows it.
      if (isScalar(value) && value.value === null) offset = key.range?.[0] ?? offset;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
}

function formatLocal(instant: DateTime): string {
  return instant.toFormat('cccc yyyy-LL-dd HH:mm');
}

function sortProblems(problems: ProgrammeFileProblem[]): ProgrammeFileProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
