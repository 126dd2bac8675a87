import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/commands/import-command.ts';
import type { Output } from '../../src/cli/output.ts';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import type { Database } from '../../src/store/database.ts';
import { NotFoundError } from '../../src/store/errors.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { listProgrammeVersions } from '../../src/store/programmes/list-programme-versions.ts';
import { loadProgrammeFile } from '../../src/store/programmes/load-programme-file.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const SAMPLE_PATH = new URL('../../examples/connexions-citoyennes.yaml', import.meta.url).pathname;
const sample = readFileSync(SAMPLE_PATH, 'utf8');
const NOW = new Date('2026-12-01T10:00:00Z');
const LATER = new Date('2026-12-08T10:00:00Z');

function collectingOutput(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), error: (line) => lines.push(line) };
}

/** Everything an import writes, to compare before and after a dry run. */
async function everything(db: Database) {
  return {
    programmes: await db.programme.findMany({ orderBy: { key: 'asc' } }),
    phases: await db.phase.findMany({ orderBy: { key: 'asc' } }),
    hubs: await db.hub.findMany({ orderBy: { key: 'asc' } }),
    cohorts: await db.cohort.findMany({ orderBy: { key: 'asc' } }),
    exercises: await db.exercise.findMany({ orderBy: { key: 'asc' } }),
    sessions: await db.session.findMany({ orderBy: { key: 'asc' } }),
    imports: await db.programmeImport.findMany(),
    audit: await db.auditLog.findMany(),
  };
}

let test: TestDatabase;
let dir: string;
beforeAll(async () => {
  test = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), 'programme-versions-'));
});
afterAll(async () => {
  await test.drop();
  rmSync(dir, { recursive: true });
});
beforeEach(async () => {
  await test.db.programme.deleteMany();
  await test.db.auditLog.deleteMany();
});

describe('the versions of a programme file', () => {
  it('keeps each file the command line imports, and nothing for one already in force', async () => {
    const file = path.join(dir, 'connexions.yaml');
    writeFileSync(file, sample);
    const out = collectingOutput();
    const report = await runImport({ file }, { db: test.db, out, now: () => NOW });
    // The output is the report, line for line, as before versions were kept.
    expect(out.lines).toEqual(report!.changes);

    const [first] = await test.db.programmeImport.findMany();
    expect(first).toMatchObject({
      programmeId: report!.programmeId,
      version: '2027.1',
      via: 'cli',
      importedById: null,
      fileName: 'connexions.yaml',
      source: sample,
      importedAt: NOW,
      changes: report!.changes,
    });

    const again = collectingOutput();
    await runImport({ file }, { db: test.db, out: again, now: () => LATER });
    expect(again.lines).toEqual([
      'programme connexions-citoyennes version 2027.1 is already up to date; nothing changed',
    ]);
    expect(await test.db.programmeImport.count()).toBe(1);

    const next = sample.replace('version: "2027.1"', 'version: "2027.2"');
    writeFileSync(file, next);
    await runImport({ file }, { db: test.db, out: collectingOutput(), now: () => LATER });
    const [programme] = await listProgrammeVersions(test.db, [report!.programmeId]);
    expect(programme!.version).toBe('2027.2');
    expect(programme!.versions.map((version) => [version.version, version.via, version.changeCount])).toEqual([
      ['2027.2', 'cli', 1],
      ['2027.1', 'cli', report!.changes.length],
    ]);
    const current = await loadProgrammeFile(test.db, { programmeId: report!.programmeId }, [report!.programmeId]);
    expect(current).toEqual({
      programmeKey: 'connexions-citoyennes',
      version: '2027.2',
      fileName: 'connexions.yaml',
      source: next,
    });
    // Only for the programmes asked about.
    await expect(loadProgrammeFile(test.db, { programmeId: report!.programmeId }, [])).rejects.toThrow(NotFoundError);
    await expect(loadProgrammeFile(test.db, { importId: first!.id }, ['another'])).rejects.toThrow(NotFoundError);
  });

  it('reports in a dry run what the import would do, and writes nothing', async () => {
    const parsed = parseProgrammeFile(sample);
    if (!parsed.ok) throw new Error('the sample is invalid');
    const record = { via: 'dashboard', fileName: 'x.yaml', importedById: null } as const;

    const before = await everything(test.db);
    const dry = await importProgramme(test.db, parsed.programme, { source: sample, now: NOW, record, dryRun: true });
    expect(await everything(test.db)).toEqual(before);

    const real = await importProgramme(test.db, parsed.programme, { source: sample, now: NOW, record });
    expect({ ...dry, programmeId: '' }).toEqual({ ...real, programmeId: '' });

    // An update, with a released exercise among the changes.
    await test.db.exercise.updateMany({ where: { key: 'semaine-1' }, data: { releasedAt: NOW } });
    const edited = sample
      .replace('version: "2027.1"', 'version: "2027.2"')
      .replace('title: { fr: Votre projet et votre motivation,', 'title: { fr: Votre projet,')
      .replace('name: { fr: Promotion 2027, en: 2027 cohort }', 'name: { fr: Promo 2027, en: 2027 cohort }');
    const next = parseProgrammeFile(edited);
    if (!next.ok) throw new Error('the edited sample is invalid');
    const beforeUpdate = await everything(test.db);
    const dryUpdate = await importProgramme(test.db, next.programme, {
      source: edited,
      now: LATER,
      record,
      dryRun: true,
    });
    expect(await everything(test.db)).toEqual(beforeUpdate);
    expect(dryUpdate.changes).toContain('cohort promo-2027 updated');
    expect(dryUpdate.warnings.some((warning) => warning.startsWith('exercise semaine-1 was released'))).toBe(true);
    expect(await importProgramme(test.db, next.programme, { source: edited, now: LATER, record })).toEqual(dryUpdate);
  });
});
