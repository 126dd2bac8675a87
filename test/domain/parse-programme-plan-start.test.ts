import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatProblems,
  parseProgrammeFile,
  type ProgrammeFileProblem,
} from '../../src/domain/programme/parse-programme-file.ts';

const sample = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
const STARTS_LINE = 'starts: incubation';

/** The sample with its `action_plan.starts` line given another value, and the number of that line. */
function sampleStarting(value: string): { source: string; line: number } {
  const lines = sample.split('\n');
  const index = lines.findIndex((line) => line.trim() === STARTS_LINE);
  if (index < 0) throw new Error(`the sample has no line ${STARTS_LINE}`);
  lines[index] = lines[index]!.replace(STARTS_LINE, `starts: ${value}`);
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

describe('the start of action plans in the programme file', () => {
  it('starts the sample plans on the first day of the incubation phase', () => {
    expect(parse(sample).settings.actionPlan.startsOn).toBe('2027-03-15');
  });

  it('takes a date as well as a phase', () => {
    expect(parse(sampleStarting('2027-04-01').source).settings.actionPlan.startsOn).toBe('2027-04-01');
  });

  it('counts from the assignment when the file names no start', () => {
    expect(parse(sample.replace(/^ {2}starts: incubation\n/m, '')).settings.actionPlan.startsOn).toBeNull();
  });

  it('refuses a phase that does not exist, naming the line and the phases', () => {
    const { source, line } = sampleStarting('incubatoin');
    const [problem] = problemsOf(source);
    expect(problem?.line).toBe(line);
    expect(problem?.message).toContain('"incubatoin" is neither a phase id (formation, ateliers, incubation, cloture)');
  });

  it('refuses a date that is not on the calendar, naming the line', () => {
    const { source, line } = sampleStarting('2027-02-30');
    expect(problemsOf(source).map((p) => p.line)).toEqual([line]);
  });
});
