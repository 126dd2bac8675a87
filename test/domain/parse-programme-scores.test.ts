import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatProblems,
  parseProgrammeFile,
  type ProgrammeFileProblem,
} from '../../src/domain/programme/parse-programme-file.ts';

const sample = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
const WEIGHTS_LINE = 'weights: { motivation: 3, reactivity: 2, teamwork: 2, rubric: 3 }';

/** The sample with one line replaced, and the number of that line. */
function sampleWith(find: string, replace: string): { source: string; line: number } {
  const lines = sample.split('\n');
  const index = lines.findIndex((line) => line.includes(find));
  if (index < 0) throw new Error(`the sample has no line with ${find}`);
  lines[index] = lines[index]!.replace(find, replace);
  return { source: lines.join('\n'), line: index + 1 };
}

function parse(source: string) {
  const result = parseProgrammeFile(source);
  if (!result.ok) throw new Error(formatProblems('sample', result.problems));
  return result.programme;
}

function problemsOf(source: string): ProgrammeFileProblem[] {
  const result = parseProgrammeFile(source);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

describe('score settings in the programme file', () => {
  it('reads the weights and the rubric scale of the sample', () => {
    expect(parse(sample).settings.scores).toEqual({
      weights: { motivation: 3, reactivity: 2, teamwork: 2, rubric: 3 },
      rubricScale: 5,
      attendance: { weight: 0, rsvpKept: false },
    });
  });

  it('counts the four scores equally on a 1–5 rubric when the file says nothing', () => {
    const source = sample.replace(/^scores:\n( {2}.*\n)+/m, '');
    expect(source).not.toContain('rubric_scale');
    expect(parse(source).settings.scores).toEqual({
      weights: { motivation: 1, reactivity: 1, teamwork: 1, rubric: 1 },
      rubricScale: 5,
      attendance: { weight: 0, rsvpKept: false },
    });
  });

  it('takes a scale without weights, and a weight of 0', () => {
    const { source } = sampleWith(WEIGHTS_LINE, 'weights: { motivation: 1, reactivity: 1, teamwork: 1, rubric: 0 }');
    expect(parse(source.replace('rubric_scale: 5', 'rubric_scale: 10')).settings.scores).toEqual({
      weights: { motivation: 1, reactivity: 1, teamwork: 1, rubric: 0 },
      rubricScale: 10,
      attendance: { weight: 0, rsvpKept: false },
    });
  });

  it('refuses a negative weight, naming the line', () => {
    const { source, line } = sampleWith(
      WEIGHTS_LINE,
      'weights: { motivation: 3, reactivity: -1, teamwork: 2, rubric: 3 }',
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({ line, path: 'scores.weights.reactivity', message: 'must be a number, 0 or more' }),
    ]);
  });

  it('refuses weights that are all 0', () => {
    const { source, line } = sampleWith(
      WEIGHTS_LINE,
      'weights: { motivation: 0, reactivity: 0, teamwork: 0, rubric: 0 }',
    );
    const problems = problemsOf(source);
    expect(problems).toEqual([
      expect.objectContaining({
        line,
        path: 'scores.weights',
        message: 'the weights cannot all be 0: give at least one score a weight above 0',
      }),
    ]);
    expect(formatProblems('cc.yaml', problems)).toMatch(
      new RegExp(`^cc\\.yaml:${line}:\\d+: scores\\.weights: the weights cannot all be 0`),
    );
  });

  it('refuses a missing weight, a weight that is not a number and an unknown score', () => {
    expect(
      problemsOf(sampleWith(WEIGHTS_LINE, 'weights: { motivation: 3, reactivity: 2, teamwork: 2 }').source),
    ).toEqual([expect.objectContaining({ path: 'scores.weights.rubric', message: '"rubric" is missing' })]);
    expect(
      problemsOf(
        sampleWith(WEIGHTS_LINE, 'weights: { motivation: high, reactivity: 2, teamwork: 2, rubric: 3 }').source,
      ),
    ).toEqual([expect.objectContaining({ path: 'scores.weights.motivation', message: 'must be a number, 0 or more' })]);
    expect(
      problemsOf(
        sampleWith(WEIGHTS_LINE, 'weights: { motivation: 3, reactivity: 2, teamwork: 2, rubric: 3, charisma: 1 }')
          .source,
      ),
    ).toEqual([expect.objectContaining({ path: 'scores.weights.charisma', message: 'unknown field "charisma"' })]);
  });

  it('reads how sessions count in motivation, and refuses a negative weight or an unknown field', () => {
    const asked = sample.replace(
      '  rubric_scale: 5\n',
      '  rubric_scale: 5\n  attendance: { weight: 0.5, rsvp_kept: true }\n',
    );
    expect(asked).not.toBe(sample);
    expect(parse(asked).settings.scores.attendance).toEqual({ weight: 0.5, rsvpKept: true });
    const weightOnly = sample.replace('  rubric_scale: 5\n', '  rubric_scale: 5\n  attendance: { weight: 1 }\n');
    expect(parse(weightOnly).settings.scores.attendance).toEqual({ weight: 1, rsvpKept: false });
    const { source, line } = sampleWith('rubric_scale: 5', 'attendance: { weight: -1 }');
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({ line, path: 'scores.attendance.weight', message: 'must be a number, 0 or more' }),
    ]);
    expect(problemsOf(sampleWith('rubric_scale: 5', 'attendance: { weight: 1, rsvp: true }').source)).toEqual([
      expect.objectContaining({ path: 'scores.attendance.rsvp', message: 'unknown field "rsvp"' }),
    ]);
  });

  it('refuses a rubric scale that is not a whole number from 2 to 10', () => {
    for (const scale of ['1', '11', '4.5']) {
      const { source, line } = sampleWith('rubric_scale: 5', `rubric_scale: ${scale}`);
      expect(problemsOf(source), scale).toEqual([
        expect.objectContaining({ line, path: 'scores.rubric_scale', message: 'must be a whole number from 2 to 10' }),
      ]);
    }
  });
});

describe('peer feedback questions', () => {
  it('flags the questions marked peer_feedback, and only them', () => {
    const flagged = parse(sample).exercises.flatMap((e) =>
      e.questions.filter((q) => q.peerFeedback).map((q) => `${e.key}.${q.key}`),
    );
    expect(flagged).toEqual(['semaine-5.cohesion']);
  });

  it('leaves the flag out of a question not marked, so its exercise reads as before', () => {
    const question = parse(sample).exercises[0]!.questions[0]!;
    expect('peerFeedback' in question).toBe(false);
    const explicit = sample.replace(
      '      - id: motivation\n        type: text\n',
      '      - id: motivation\n        type: text\n        peer_feedback: false\n',
    );
    expect(explicit).not.toBe(sample);
    expect(parse(explicit).exercises[0]).toEqual(parse(sample).exercises[0]);
  });

  it('refuses a flag that is not true or false', () => {
    const { source, line } = sampleWith('peer_feedback: true', 'peer_feedback: oui');
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        line,
        path: 'exercises[4].questions[2].peer_feedback',
        message: 'must be true or false',
      }),
    ]);
  });
});
