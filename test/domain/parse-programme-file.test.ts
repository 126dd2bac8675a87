import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatProblems,
  parseProgrammeFile,
  type ProgrammeFileProblem,
} from '../../src/domain/programme/parse-programme-file.ts';

const SAMPLE_PATH = new URL('../../examples/connexions-citoyennes.yaml', import.meta.url);
const sample = readFileSync(SAMPLE_PATH, 'utf8');

/** The sample with one line replaced, and the number of that line. */
function sampleWith(find: string, replace: string): { source: string; line: number } {
  const lines = sample.split('\n');
  const index = lines.findIndex((line) => line.includes(find));
  if (index < 0) throw new Error(`the sample has no line with ${find}`);
  lines[index] = lines[index]!.replace(find, replace);
  return { source: lines.join('\n'), line: index + 1 };
}

function problemsOf(source: string): ProgrammeFileProblem[] {
  const result = parseProgrammeFile(source);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

describe('the sample programme file', () => {
  const result = parseProgrammeFile(sample);
  if (!result.ok) throw new Error(formatProblems('sample', result.problems));
  const programme = result.programme;

  it('describes the six-week training with one exercise a week', () => {
    expect(programme.key).toBe('connexions-citoyennes');
    expect(programme.exercises).toHaveLength(6);
    expect(programme.exercises.map((e) => e.releaseRule.rule)).toEqual(
      [1, 2, 3, 4, 5, 6].map((week) => ({ kind: 'week', week, weekday: 1, time: { hour: 9, minute: 0 } })),
    );
  });

  it('uses every question type', () => {
    const types = new Set(programme.exercises.flatMap((e) => e.questions.map((q) => q.type)));
    expect([...types].sort()).toEqual([
      'choice',
      'document',
      'multi_choice',
      'number',
      'photo',
      'scale',
      'text',
      'video',
      'voice',
    ]);
  });

  it('has the five hubs with their time zones, and French and English texts', () => {
    expect(Object.fromEntries(programme.hubs.map((h) => [h.key, h.timeZone]))).toEqual({
      abidjan: 'Africa/Abidjan',
      ouagadougou: 'Africa/Ouagadougou',
      tunis: 'Africa/Tunis',
      bukavu: 'Africa/Lubumbashi',
      antananarivo: 'Indian/Antananarivo',
    });
    expect(programme.languages).toEqual(['fr', 'en']);
    for (const exercise of programme.exercises) {
      for (const question of exercise.questions) {
        expect(question.prompt.fr, `${exercise.key}.${question.key}`).toBeTruthy();
        expect(question.prompt.en, `${exercise.key}.${question.key}`).toBeTruthy();
      }
    }
  });

  it('turns durations into minutes, with reminders in the order they are sent', () => {
    const first = programme.exercises[0]!;
    expect(first.reminderOffsetsMinutes).toEqual([2880, 360]);
    expect(first.graceMinutes).toBe(720);
    expect(first.closesAfterMinutes).toBe(7 * 24 * 60);
    expect(programme.settings.checkIns).toEqual({ everyMinutes: 14 * 24 * 60, firstAfterMinutes: 7 * 24 * 60 });
    expect(programme.settings.whatsappTemplates.reminder?.en).toEqual({ name: 'cc_deadline_reminder', language: 'en' });
  });
});

describe('a malformed programme file is refused, naming the line and the problem', () => {
  it('an unknown time zone', () => {
    const { source, line } = sampleWith('time_zone: Africa/Tunis', 'time_zone: Africa/Carthage');
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line,
        path: 'hubs[2].time_zone',
        message: expect.stringContaining('not a known IANA time zone'),
      }),
    ]);
  });

  it('an unknown question type', () => {
    const { source, line } = sampleWith('type: voice', 'type: essay');
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line,
        path: 'exercises[3].questions[0].type',
        message: expect.stringContaining('unknown question type "essay"'),
      }),
    ]);
  });

  it('a missing French text', () => {
    const { source, line } = sampleWith(
      'title: { fr: Votre communauté, en: Your community }',
      'title: { en: Your community }',
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({ line, path: 'exercises[1].title.fr', message: 'the French text (fr) is missing' }),
    ]);
  });

  it('a duplicate exercise id', () => {
    const { source, line } = sampleWith('- id: semaine-4', '- id: semaine-2');
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line,
        path: 'exercises[3].id',
        message: expect.stringContaining('duplicate exercise id "semaine-2"'),
      }),
    ]);
  });

  it('a deadline before its release', () => {
    const week2 = sample.indexOf('deadline: week 2, sunday 23:59');
    const source = `${sample.slice(0, week2)}deadline: week 1, friday 12:00${sample.slice(week2 + 'deadline: week 2, sunday 23:59'.length)}`;
    const line = sample.slice(0, week2).split('\n').length;
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line,
        path: 'exercises[1].deadline',
        message: expect.stringContaining('is not after the release'),
      }),
    ]);
  });

  it('an exercise that closes before its grace ends', () => {
    const { source, line } = sampleWith('closes_after: 7d', 'closes_after: 6h');
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line,
        path: 'exercises[0].closes_after',
        message: expect.stringContaining('closes_after must be at least the grace'),
      }),
    ]);
  });

  it('an exercise pointing at a phase that does not exist', () => {
    const { source } = sampleWith('phase: formation', 'phase: formaton');
    expect(problemsOf(source)[0]).toMatchObject({
      path: 'exercises[0].phase',
      message: expect.stringContaining('no phase has the id "formaton"'),
    });
  });

  it('a misspelt field', () => {
    const { source, line } = sampleWith('reminders: [48h, 6h]', 'remiders: [48h, 6h]');
    expect(problemsOf(source)).toEqual([expect.objectContaining({ line, message: 'unknown field "remiders"' })]);
  });

  it('a missing field', () => {
    const { source } = sampleWith('    release: week 2, monday 09:00', '');
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({ path: 'exercises[1].release', message: '"release" is missing' }),
    ]);
  });

  it('a choice question without options', () => {
    const { source, line } = sampleWith('type: text', 'type: choice');
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line,
        path: 'exercises[0].questions[0].type',
        message: 'a choice question needs at least two options',
      }),
    ]);
  });

  it('a YAML syntax error', () => {
    const { source, line } = sampleWith('name: { fr: Tunis, en: Tunis }', 'name: { fr: Tunis, en: Tunis');
    const [problem] = problemsOf(source);
    expect(problem?.line).toBeGreaterThanOrEqual(line);
    expect(problem?.line).toBeLessThanOrEqual(line + 1);
  });

  it('reports every problem at once, in file order, formatted like a compiler', () => {
    const source = sample
      .replace('type: voice', 'type: essay')
      .replace('time_zone: Africa/Tunis', 'time_zone: Mars/Olympus');
    const problems = problemsOf(source);
    expect(problems.map((p) => p.path)).toEqual(['hubs[2].time_zone', 'exercises[3].questions[0].type']);
    expect(formatProblems('cc.yaml', problems)).toMatch(
      /^cc\.yaml:\d+:\d+: hubs\[2\]\.time_zone: .+\ncc\.yaml:\d+:\d+: exercises\[3\]/,
    );
  });
});

describe('consent texts per role', () => {
  it('keeps the mentors’ and the staff’s own texts, each with its version', () => {
    const result = parseProgrammeFile(sample);
    if (!result.ok) throw new Error('the sample is invalid');
    const { consent } = result.programme.settings;
    expect(consent.version).toBe('2027-01');
    expect(consent.text.fr).toContain('vos réponses aux exercices');
    expect(consent.mentor?.version).toBe('2027-01');
    expect(consent.mentor?.text.fr).toContain('vos notes de points de suivi');
    expect(consent.staff?.text.en).toContain('what you do on the dashboard');
  });

  it('reads a file without them: everyone gets the one text', () => {
    const start = sample.indexOf('  # Mentors and staff joining');
    const end = sample.indexOf('\n\n', start);
    const result = parseProgrammeFile(sample.slice(0, start) + sample.slice(end + 1));
    if (!result.ok) throw new Error(formatProblems('sample', result.problems));
    expect(result.programme.settings.consent.mentor).toBeUndefined();
    expect(result.programme.settings.consent.staff).toBeUndefined();
  });

  it('refuses a mentor text missing a language, naming its line', () => {
    const lines = sample.split('\n');
    const mentor = lines.findIndex((line) => line === '  mentor:');
    const en = lines.findIndex((line, index) => index > mentor && line.startsWith('      en: >-'));
    const source = [...lines.slice(0, en), ...lines.slice(en + 6)].join('\n');
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        // The text's first line (where its mapping starts).
        line: mentor + 4,
        path: 'consent.mentor.text.en',
        message: 'the English text (en) is missing',
      }),
    ]);
  });

  it('refuses a role that has no consent text of its own', () => {
    const { source, line } = sampleWith('  staff:', '  coach:');
    expect(problemsOf(source)).toEqual([
      // The first line of its content, as for every unknown field.
      expect.objectContaining({ line: line + 1, path: 'consent.coach', message: 'unknown field "coach"' }),
    ]);
  });
});
