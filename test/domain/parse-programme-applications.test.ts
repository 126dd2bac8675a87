import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatProblems,
  parseProgrammeFile,
  type ProgrammeFileProblem,
} from '../../src/domain/programme/parse-programme-file.ts';
import type { ProgrammeDefinition } from '../../src/domain/programme/programme-definition.ts';

const sample = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
const withoutCall = sample.slice(0, sample.indexOf('\napplications:\n') + 1);

/** The sample with its `applications:` replaced by this one (its lines indented under `applications:`). */
function withCall(fields: string, questions = QUESTIONS): string {
  return `${withoutCall}applications:\n${fields}${questions}`;
}

const TEXTS =
  '  intro: { fr: Bienvenue., en: Welcome. }\n' +
  '  thanks: { fr: Merci., en: Thank you. }\n' +
  '  consent: { version: 1, text: { fr: Nous gardons votre candidature., en: We keep your application. } }\n';

const QUESTIONS =
  '  questions:\n' + '    - id: projet\n      type: text\n      prompt: { fr: Votre projet ?, en: Your project? }\n';

function parsed(source: string): ProgrammeDefinition {
  const result = parseProgrammeFile(source);
  if (!result.ok) throw new Error(formatProblems('test', result.problems));
  return result.programme;
}

function problemsOf(source: string): ProgrammeFileProblem[] {
  const result = parseProgrammeFile(source);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

/** The number of the first line of `source` holding `text` after the `applications:` line. */
function lineOf(source: string, text: string): number {
  const lines = source.split('\n');
  const from = lines.indexOf('applications:');
  const index = lines.findIndex((line, i) => i > from && line.includes(text));
  if (index < 0) throw new Error(`no line holds ${text}`);
  return index + 1;
}

describe('the call for applications in the programme file', () => {
  it("reads the sample's call: hours in Paris time, reminders in minutes, every type of question", () => {
    const call = parsed(sample).applications;
    expect(call).toMatchObject({
      cohortKey: 'promo-2027',
      // 09:00 and 23:59 in Paris, summer time in October, winter time in November.
      opensAt: new Date('2026-10-05T07:00:00Z'),
      closesAt: new Date('2026-11-15T22:59:00Z'),
      reminderOffsets: [3 * 24 * 60, 24 * 60],
      keepDeclinedDays: 182,
      consent: { version: '2026-10' },
    });
    expect(call?.questions.map((question) => question.type)).toEqual([
      'text',
      'choice',
      'multi_choice',
      'scale',
      'number',
      'photo',
      'voice',
      'video',
      'document',
    ]);
    expect(call?.questions[2]).toMatchObject({ key: 'themes', position: 2, max: 3, required: true });
    expect(call?.questions[7]).toMatchObject({ key: 'video', required: false });
    expect(Object.keys(call?.notices ?? {})).toEqual(['accepted', 'declined', 'waiting_list']);
    // Before the first phase.
    expect(call && call.closesAt < new Date('2027-01-11T00:00:00Z')).toBe(true);
  });

  it('has no call when the section is left out', () => {
    expect(parsed(withoutCall).applications).toBeUndefined();
  });

  it('fills in the defaults: reminders 3 days and 1 day before the closing, declined applications kept 26 weeks', () => {
    const call = parsed(
      withCall(`  cohort: promo-2027\n  opens: 2026-10-05 09:00\n  closes: 2026-11-15 23:59\n${TEXTS}`),
    ).applications;
    expect(call).toMatchObject({ reminderOffsets: [4320, 1440], keepDeclinedDays: 182, notices: {} });
  });

  it('reads keep_declined in years as 365 days, and reminders in the order they come', () => {
    const call = parsed(
      withCall(
        '  cohort: promo-2027\n  opens: 2026-10-05T09:00\n  closes: 2026-11-15 23:59\n' +
          `  reminders: [6h, 2d, 6h]\n  keep_declined: 1y\n${TEXTS}`,
      ),
    ).applications;
    expect(call).toMatchObject({ reminderOffsets: [2880, 360], keepDeclinedDays: 365 });
  });

  it('names an unknown cohort, on its line', () => {
    const source = withCall(`  cohort: promo-2030\n  opens: 2026-10-05 09:00\n  closes: 2026-11-15 23:59\n${TEXTS}`);
    expect(problemsOf(source)).toEqual([
      {
        line: lineOf(source, 'cohort: promo-2030'),
        column: 11,
        path: 'applications.cohort',
        message: 'no cohort has the id "promo-2030" (cohorts: promo-2027)',
      },
    ]);
  });

  it('refuses a call that closes before it opens, and a reminder before the opening', () => {
    const backwards = withCall(`  cohort: promo-2027\n  opens: 2026-11-15 09:00\n  closes: 2026-10-05 23:59\n${TEXTS}`);
    expect(problemsOf(backwards)).toEqual([
      expect.objectContaining({
        line: lineOf(backwards, 'closes:'),
        path: 'applications.closes',
        message: 'the call closes (2026-10-05 23:59) before it opens (2026-11-15 09:00)',
      }),
    ]);
    const short = withCall(
      `  cohort: promo-2027\n  opens: 2026-11-14 09:00\n  closes: 2026-11-15 23:59\n  reminders: [3d, 1d]\n${TEXTS}`,
    );
    expect(problemsOf(short)).toEqual([
      expect.objectContaining({
        path: 'applications.reminders[0]',
        message: 'a reminder 3d before the closing would come before the call opens (2026-11-14 09:00)',
      }),
    ]);
  });

  it('refuses hours not written YYYY-MM-DD HH:MM, and an hour the clocks skip in the programme zone', () => {
    const written = withCall(`  cohort: promo-2027\n  opens: 5 October 2026\n  closes: 2026-11-15 23:59\n${TEXTS}`);
    expect(problemsOf(written)).toEqual([
      expect.objectContaining({
        line: lineOf(written, 'opens:'),
        path: 'applications.opens',
        message: 'must be a local date and time written YYYY-MM-DD HH:MM, such as 2027-03-08 09:00',
      }),
    ]);
    const skipped = withCall(`  cohort: promo-2027\n  opens: 2026-03-29 02:30\n  closes: 2026-04-15 23:59\n${TEXTS}`);
    expect(problemsOf(skipped)).toEqual([
      expect.objectContaining({
        path: 'applications.opens',
        message: expect.stringContaining('2026-03-29 02:30 does not exist in Europe/Paris') as unknown,
      }),
    ]);
  });

  it("checks the questions as an exercise's: options, duplicate ids, no peer feedback", () => {
    const questions =
      '  questions:\n' +
      '    - id: stade\n      type: choice\n      prompt: { fr: Stade ?, en: Stage? }\n' +
      '      options:\n        - id: idee\n          label: { fr: Idée, en: Idea }\n' +
      '    - id: stade\n      type: text\n      peer_feedback: true\n      prompt: { fr: Encore ?, en: Again? }\n' +
      '    - id: note\n      type: scale\n      prompt: { fr: Note ?, en: Grade? }\n';
    const source = withCall(
      `  cohort: promo-2027\n  opens: 2026-10-05 09:00\n  closes: 2026-11-15 23:59\n${TEXTS}`,
      questions,
    );
    expect(problemsOf(source).map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      'applications.questions[0].options: a choice question needs at least two options',
      'applications.questions[1].id: duplicate question id "stade" (already used by applications.questions[0])',
      'applications.questions[1].peer_feedback: an application question is not feedback to a peer',
      'applications.questions[2].type: a scale question needs min and max (for example 1 and 5)',
    ]);
  });

  it('names a missing text and an unknown field', () => {
    const source = withCall(
      '  cohort: promo-2027\n  opens: 2026-10-05 09:00\n  closes: 2026-11-15 23:59\n  closing: soon\n' +
        '  intro: { fr: Bienvenue. }\n  thanks: { fr: Merci., en: Thank you. }\n' +
        '  consent: { version: 1, text: { fr: Gardé., en: Kept. } }\n',
    );
    expect(problemsOf(source).map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      'applications.closing: unknown field "closing"',
      'applications.intro.en: the English text (en) is missing',
    ]);
  });
});
