import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/commands/import-command.ts';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import type { ProgrammeDefinition } from '../../src/domain/programme/programme-definition.ts';
import type { Database } from '../../src/store/database.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const SAMPLE_PATH = new URL('../../examples/connexions-citoyennes.yaml', import.meta.url).pathname;
const sample = readFileSync(SAMPLE_PATH, 'utf8');

function definition(source: string): ProgrammeDefinition {
  const parsed = parseProgrammeFile(source);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.programme;
}

async function importSource(source: string, now = SAMPLE_DAYTIME) {
  return importProgramme(test.db, definition(source), { source, now });
}

/** The sessions and venues as stored, for before/after comparisons. */
async function sessionRows(db: Database) {
  return {
    sessions: await db.session.findMany({ orderBy: { key: 'asc' } }),
    venues: await db.sessionVenue.findMany({ orderBy: [{ sessionId: 'asc' }, { key: 'asc' }] }),
  };
}

/** The sample with the first `find` after the line holding `after` replaced. */
function sampleWith(after: string, find: string, replace: string): string {
  const from = sample.indexOf(after);
  const at = sample.indexOf(find, from);
  if (from < 0 || at < 0) throw new Error(`the sample has no ${find} after ${after}`);
  return sample.slice(0, at) + replace + sample.slice(at + find.length);
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

/** Importing the sessions of a programme file: created with their venues, unchanged on re-import, moved with a notice. */
describe('importing sessions from the programme file', () => {
  it('creates each session with one venue per hub, or one online venue', async () => {
    const report = await importSource(sample);
    expect(report.warnings).toEqual([]);
    expect(report.changes).toEqual(
      expect.arrayContaining([
        'session atelier-ouverture created',
        'session expert-securite created',
        'session cloture created',
      ]),
    );
    const opening = await test.db.session.findFirstOrThrow({
      where: { key: 'atelier-ouverture' },
      include: { venues: { include: { hub: true }, orderBy: { startsAt: 'asc' } } },
    });
    expect(opening).toMatchObject({ kind: 'workshop', rsvp: true, reminderOffsets: [1440, 120], feedback: false });
    expect(opening.audience).toEqual({ roles: ['participant'] });
    // Announced three weeks before the first venue opens (09:00 in Antananarivo).
    expect(opening.announceAt?.toISOString()).toBe('2027-02-15T06:00:00.000Z');
    expect(opening.venues.map((venue) => [venue.key, venue.hub?.key, venue.startsAt.toISOString()])).toEqual([
      ['antananarivo', 'antananarivo', '2027-03-08T06:00:00.000Z'],
      ['bukavu', 'bukavu', '2027-03-08T07:00:00.000Z'],
      ['tunis', 'tunis', '2027-03-08T08:00:00.000Z'],
      expect.arrayContaining(['abidjan', 'abidjan', '2027-03-08T09:00:00.000Z']),
      expect.arrayContaining(['ouagadougou', 'ouagadougou', '2027-03-08T09:00:00.000Z']),
    ]);
    expect(opening.venues.find((venue) => venue.key === 'tunis')).toMatchObject({
      place: { fr: 'Institut français de Tunisie', en: 'French Institute of Tunisia' },
      address: '20-22 avenue de Paris, Tunis',
      capacity: 30,
      timeZone: 'Africa/Tunis',
      nextReminderAt: new Date('2027-03-07T08:00:00.000Z'),
    });
    const security = await test.db.sessionVenue.findFirstOrThrow({ where: { session: { key: 'expert-securite' } } });
    expect(security).toMatchObject({
      key: 'online',
      hubId: null,
      url: 'https://visio.connexions-citoyennes.org/securite-des-donnees',
      timeZone: 'Europe/Paris',
      startsAt: new Date('2027-01-27T13:00:00.000Z'),
    });
    expect(await test.db.session.count()).toBe(7);
    expect(await test.db.sessionVenue.count()).toBe(3 * 5 + 4);
  });

  it('writes nothing when the same file is imported again, nor for sessions an edit elsewhere leaves alone', async () => {
    await importSource(sample);
    const before = await sessionRows(test.db);
    expect((await importSource(sample, new Date('2026-12-01T10:00:00Z'))).outcome).toBe('unchanged');
    expect(await sessionRows(test.db)).toEqual(before);

    const edited = sample.replace('Bienvenue dans la première semaine !', 'Bienvenue pour cette première semaine !');
    const report = await importSource(edited, new Date('2026-12-01T10:00:00Z'));
    expect(report.changes.filter((change) => change.startsWith('session'))).toEqual([]);
    expect(await sessionRows(test.db)).toEqual(before);
  });

  it('marks a venue moved after the announcement for a change notice, and only that one', async () => {
    await importSource(sample);
    await test.db.session.updateMany({ where: { key: 'atelier-ouverture' }, data: { announcedAt: SAMPLE_DAYTIME } });
    const moved = sample.replace(
      /(- id: atelier-ouverture[\s\S]*?hub: tunis[\s\S]*?)starts: 2027-03-08 09:00\n(\s*)ends: 2027-03-08 12:30/,
      '$1starts: 2027-03-08 10:00\n$2ends: 2027-03-08 13:30',
    );
    expect(moved).not.toBe(sample);
    const later = new Date('2026-12-01T10:00:00Z');
    const report = await importSource(moved, later);
    expect(report.changes.filter((change) => change.startsWith('session'))).toEqual([
      'session atelier-ouverture updated',
      'session atelier-ouverture venue tunis moved',
    ]);
    const noticed = await test.db.sessionVenue.findMany({
      where: { changeNoticeDueAt: { not: null } },
      select: { key: true, startsAt: true, changeNoticeDueAt: true, session: { select: { key: true } } },
    });
    expect(noticed).toEqual([
      {
        key: 'tunis',
        startsAt: new Date('2027-03-08T09:00:00.000Z'),
        changeNoticeDueAt: later,
        session: { key: 'atelier-ouverture' },
      },
    ]);
  });

  it('keeps a session the file no longer has, and says so', async () => {
    await importSource(sample);
    const start = sample.indexOf('  - id: session-collective-juin');
    const end = sample.indexOf('  - id: cloture', start);
    const without = sample.slice(0, start) + sample.slice(end);
    const report = await importSource(without);
    expect(report.warnings).toEqual([
      expect.stringContaining('session session-collective-juin is not in the file; it was kept'),
    ]);
    expect(await test.db.session.count({ where: { key: 'session-collective-juin' } })).toBe(1);
  });

  it('refuses a file with a malformed session, naming the line, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compagnon-'));
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, sampleWith('- id: atelier-pitch', 'hub: bukavu', 'hub: goma'));
    const lines: string[] = [];
    const out = { info: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
    try {
      await expect(runImport({ file: bad }, { db: test.db, out, now: () => SAMPLE_DAYTIME })).rejects.toThrow(
        /bad\.yaml:\d+:\d+: sessions\[2\]\.venues\[3\]\.hub: no hub has the id "goma"[\s\S]*nothing was imported/,
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
    expect(await test.db.programme.count()).toBe(0);
    expect(await test.db.session.count()).toBe(0);
  });
});
