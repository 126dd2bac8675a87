import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/commands/import-command.ts';
import type { Output } from '../../src/cli/output.ts';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import type { ProgrammeDefinition } from '../../src/domain/programme/programme-definition.ts';
import type { Database } from '../../src/store/database.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const SAMPLE_PATH = new URL('../../examples/connexions-citoyennes.yaml', import.meta.url).pathname;
const sample = readFileSync(SAMPLE_PATH, 'utf8');
const now = () => new Date('2026-12-01T10:00:00Z');

function definition(source: string): ProgrammeDefinition {
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.programme;
}

/** Every row a programme import writes, as stored, for before/after comparisons. */
async function snapshot(db: Database) {
  return {
    programmes: await db.programme.findMany({ orderBy: { key: 'asc' } }),
    phases: await db.phase.findMany({ orderBy: { key: 'asc' } }),
    hubs: await db.hub.findMany({ orderBy: { key: 'asc' } }),
    cohorts: await db.cohort.findMany({ orderBy: { key: 'asc' } }),
    exercises: await db.exercise.findMany({ orderBy: { key: 'asc' } }),
    questions: await db.question.findMany({ orderBy: [{ exerciseId: 'asc' }, { key: 'asc' }] }),
  };
}

function collectingOutput(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), error: (line) => lines.push(line) };
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
  await test.db.auditLog.deleteMany();
});

describe('importing a programme file', () => {
  it('creates the programme, its calendar, hubs, cohort and curriculum', async () => {
    const report = await importProgramme(test.db, definition(sample), { source: sample, now: now() });
    expect(report.outcome).toBe('created');
    expect(report.warnings).toEqual([]);
    const rows = await snapshot(test.db);
    expect(rows.programmes).toHaveLength(1);
    expect(rows.phases.map((p) => p.key).sort()).toEqual(['ateliers', 'cloture', 'formation', 'incubation']);
    expect(rows.hubs.find((h) => h.key === 'antananarivo')).toMatchObject({
      timeZone: 'Indian/Antananarivo',
      country: 'MG',
    });
    expect(rows.exercises).toHaveLength(6);
    expect(rows.questions).toHaveLength(17);
    expect(rows.exercises.find((e) => e.key === 'semaine-1')).toMatchObject({
      releaseRule: 'week 1, monday 09:00',
      reminderOffsets: [2880, 360],
      graceMinutes: 720,
    });
    const audit = await test.db.auditLog.findMany({ where: { action: 'programme.import' } });
    expect(audit).toHaveLength(1);
  });

  it('leaves the same rows when the same file is imported twice', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now: now() });
    const before = await snapshot(test.db);
    const again = await importProgramme(test.db, definition(sample), {
      source: sample,
      now: new Date('2026-12-02T10:00:00Z'),
    });
    expect(again.outcome).toBe('unchanged');
    expect(await snapshot(test.db)).toEqual(before);
  });

  it('updates only what a changed text touches', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now: now() });
    const before = await snapshot(test.db);
    const edited = sample.replace('Bienvenue dans la première semaine !', 'Bienvenue pour cette première semaine !');
    const report = await importProgramme(test.db, definition(edited), { source: edited, now: now() });
    expect(report.outcome).toBe('updated');
    expect(report.changes).toContain('exercise semaine-1 updated');
    expect(report.changes.filter((c) => c.startsWith('exercise'))).toEqual(['exercise semaine-1 updated']);
    const after = await snapshot(test.db);
    const week1 = after.exercises.find((e) => e.key === 'semaine-1');
    expect((week1?.intro as { fr: string }).fr).toContain('Bienvenue pour cette première semaine');
    // Untouched rows keep their ids and update times.
    expect(after.hubs).toEqual(before.hubs);
    expect(after.exercises.filter((e) => e.key !== 'semaine-1')).toEqual(
      before.exercises.filter((e) => e.key !== 'semaine-1'),
    );
    expect(after.questions.map((q) => q.id)).toEqual(before.questions.map((q) => q.id));
  });

  it('asks everyone who agreed to the old consent text again when its version changes, and warns when only its words do', async () => {
    const { programmeId } = await importProgramme(test.db, definition(sample), { source: sample, now: now() });
    const cohort = await test.db.cohort.findFirstOrThrow({ where: { programmeId } });
    const joined = async (displayName: string, status: 'active' | 'stopped', consented: boolean) => {
      const person = await test.db.person.create({
        data: {
          displayName,
          roles: ['participant'],
          enrolments: { create: { cohortId: cohort.id, role: 'participant', status } },
        },
      });
      if (consented)
        await test.db.consent.create({
          data: { personId: person.id, programmeId, given: true, textVersion: '2027-01', locale: 'fr' },
        });
      return person.id;
    };
    const awa = await joined('Awa', 'active', true);
    const stopped = await joined('Rivo', 'stopped', true);
    const stillJoining = await joined('Nouveau', 'active', false);

    const reworded = sample.replace("Seuls l'équipe du programme", "Seul·es l'équipe du programme");
    const wordsOnly = await importProgramme(test.db, definition(reworded), { source: reworded, now: now() });
    expect(wordsOnly.warnings).toEqual([
      expect.stringContaining('the consent text changed but its version (2027-01) did not'),
    ]);
    expect(await test.db.person.count({ where: { consentAskedAt: { not: null } } })).toBe(0);

    const newVersion = reworded.replace('version: "2027-01"', 'version: "2027-06"');
    const report = await importProgramme(test.db, definition(newVersion), { source: newVersion, now: now() });
    expect(report.changes).toContain('consent version 2027-06: 1 person asked to consent again');
    const asked = await test.db.person.findMany({
      where: { id: { in: [awa, stopped, stillJoining] } },
      select: { displayName: true, consentAskedAt: true },
      orderBy: { displayName: 'asc' },
    });
    expect(asked).toEqual([
      { displayName: 'Awa', consentAskedAt: now() },
      { displayName: 'Nouveau', consentAskedAt: null },
      { displayName: 'Rivo', consentAskedAt: null },
    ]);
  });

  it('does not silently change an exercise already released, and says so', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now: now() });
    await test.db.exercise.updateMany({
      where: { key: 'semaine-1' },
      data: { releasedAt: new Date('2027-01-11T09:00:00Z') },
    });
    const edited = sample.replace('Bienvenue dans la première semaine !', 'Texte modifié après la publication.');
    const report = await importProgramme(test.db, definition(edited), { source: edited, now: now() });
    expect(report.warnings).toEqual([
      expect.stringContaining('exercise semaine-1 was released on 2027-01-11T09:00:00.000Z'),
    ]);
    const week1 = await test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    expect((week1.intro as { fr: string }).fr).toContain('Bienvenue dans la première semaine');
  });

  it('keeps, and reports, what the file no longer has', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now: now() });
    const withoutTunis = sample
      .replace(/ {2}- id: tunis\n( {4}.*\n){3}/, '')
      .replace(/ {6}- hub: tunis\n( {8}.*\n){5}/g, '');
    const report = await importProgramme(test.db, definition(withoutTunis), { source: withoutTunis, now: now() });
    expect(report.warnings).toEqual(['hub tunis is no longer in the file; it was kept, with its data']);
    expect(await test.db.hub.count()).toBe(5);
  });

  it('replaces the questions of an unreleased exercise', async () => {
    await importProgramme(test.db, definition(sample), { source: sample, now: now() });
    const edited = sample.replace('      - id: public\n', '      - id: audience\n');
    await importProgramme(test.db, definition(edited), { source: edited, now: now() });
    const week4 = await test.db.exercise.findFirstOrThrow({
      where: { key: 'semaine-4' },
      include: { questions: true },
    });
    expect(week4.questions.map((q) => q.key).sort()).toEqual(['audience', 'pitch-audio']);
  });
});

describe('compagnon import', () => {
  it('refuses a malformed file, naming the line, and writes nothing', async () => {
    const out = collectingOutput();
    const dir = mkdtempSync(path.join(tmpdir(), 'compagnon-'));
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, sample.replace('type: voice', 'type: essay'));
    try {
      await expect(runImport({ file: bad }, { db: test.db, out, now })).rejects.toThrow(
        /bad\.yaml:\d+:\d+: exercises\[3\]\.questions\[0\]\.type: unknown question type "essay"[\s\S]*nothing was imported/,
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
    expect(await test.db.programme.count()).toBe(0);
    expect(await test.db.exercise.count()).toBe(0);
  });

  it('imports the sample only into an empty database with --if-empty', async () => {
    const out = collectingOutput();
    expect(await runImport({ file: SAMPLE_PATH, ifEmpty: true }, { db: test.db, out, now })).toMatchObject({
      outcome: 'created',
    });
    expect(await runImport({ file: SAMPLE_PATH, ifEmpty: true }, { db: test.db, out, now })).toBeNull();
    expect(out.lines).toContain('the database already has a programme; nothing imported');
  });

  it('says when a file is missing', async () => {
    await expect(
      runImport({ file: '/nonexistent/programme.yaml' }, { db: test.db, out: collectingOutput(), now }),
    ).rejects.toThrow('cannot read /nonexistent/programme.yaml: no such file');
  });
});
