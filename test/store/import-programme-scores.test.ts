import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import type { ProgrammeDefinition } from '../../src/domain/programme/programme-definition.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const sample = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
const now = new Date('2026-12-01T10:00:00Z');
const COHESION_FLAG = '        peer_feedback: true\n';

function definition(source: string): ProgrammeDefinition {
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.programme;
}

async function peerFeedbackQuestions(test: TestDatabase): Promise<string[]> {
  const rows = await test.db.question.findMany({
    where: { peerFeedback: true },
    select: { key: true, exercise: { select: { key: true } } },
  });
  return rows.map((row) => `${row.exercise.key}.${row.key}`).sort();
}

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});
beforeEach(async () => {
  await test.db.programme.deleteMany();
});

describe('importing score settings and peer feedback questions', () => {
  it('stores the weights, the rubric scale and which questions are peer feedback', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now });
    const programme = await test.db.programme.findFirstOrThrow();
    expect((programme.settings as { scores: unknown }).scores).toEqual({
      weights: { motivation: 3, reactivity: 2, teamwork: 2, rubric: 3 },
      rubricScale: 5,
      attendance: { weight: 0, rsvpKept: false },
    });
    expect(await peerFeedbackQuestions(test)).toEqual(['semaine-5.cohesion']);
    expect(await test.db.question.count({ where: { peerFeedback: false } })).toBe(16);
  });

  it('applies a changed flag to an exercise not released yet, as any other edit', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now });
    const edited = sample
      .replace(COHESION_FLAG, '')
      .replace('      - id: besoin\n', `      - id: besoin\n${COHESION_FLAG}`);
    const report = await importProgramme(test.db, definition(edited), { source: edited, now });
    expect(report.changes.filter((change) => change.startsWith('exercise')).sort()).toEqual([
      'exercise semaine-2 updated',
      'exercise semaine-5 updated',
    ]);
    expect(await peerFeedbackQuestions(test)).toEqual(['semaine-2.besoin']);
  });

  it('does not silently change the flag on an exercise already released, and says so', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now });
    await test.db.exercise.updateMany({
      where: { key: 'semaine-5' },
      data: { releasedAt: new Date('2027-02-08T09:00:00Z') },
    });
    const edited = sample.replace(COHESION_FLAG, '');
    const report = await importProgramme(test.db, definition(edited), { source: edited, now });
    expect(report.warnings).toEqual([
      expect.stringContaining('exercise semaine-5 was released on 2027-02-08T09:00:00.000Z'),
    ]);
    expect(await peerFeedbackQuestions(test)).toEqual(['semaine-5.cohesion']);
  });

  it('sees no edit in an exercise whose questions are explicitly not peer feedback', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now });
    const before = await test.db.exercise.findMany({ orderBy: { key: 'asc' } });
    const explicit = sample.replace(
      '      - id: motivation\n        type: text\n',
      '      - id: motivation\n        type: text\n        peer_feedback: false\n',
    );
    const report = await importProgramme(test.db, definition(explicit), {
      source: explicit,
      now: new Date('2026-12-02T10:00:00Z'),
    });
    expect(report.outcome).toBe('updated');
    expect(report.changes.filter((change) => change.startsWith('exercise'))).toEqual([]);
    expect(await test.db.exercise.findMany({ orderBy: { key: 'asc' } })).toEqual(before);
  });

  it('changes the stored weights when the file changes them', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now });
    const edited = sample.replace(
      'weights: { motivation: 3, reactivity: 2, teamwork: 2, rubric: 3 }',
      'weights: { motivation: 1, reactivity: 1, teamwork: 1, rubric: 0 }',
    );
    await importProgramme(test.db, definition(edited), { source: edited, now });
    const programme = await test.db.programme.findFirstOrThrow();
    expect((programme.settings as { scores: { weights: unknown } }).scores.weights).toEqual({
      motivation: 1,
      reactivity: 1,
      teamwork: 1,
      rubric: 0,
    });
  });
});
