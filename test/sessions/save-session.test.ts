import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { saveSession } from '../../src/store/sessions/save-session.ts';
import { createSampleSession, localInstant, onlineDefinition, workshopDefinition } from '../support/sessions.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** Saving a session: five venues at 09:00 local, a re-save that changes nothing, a venue moved after the announcement. */
describe('saving a session', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
  });

  afterAll(async () => {
    await test.drop();
  });

  it('holds the five workshops at 09:00 local time: four distinct instants in UTC', async () => {
    const report = await createSampleSession(
      test.db,
      workshopDefinition({ localStart: '2027-03-09T09:00' }),
      SAMPLE_DAYTIME,
    );
    expect(report.outcome).toBe('created');
    const venues = await test.db.sessionVenue.findMany({
      where: { sessionId: report.sessionId },
      orderBy: { key: 'asc' },
    });
    expect(venues.map((venue) => [venue.key, venue.startsAt.toISOString()])).toEqual([
      ['abidjan', '2027-03-09T09:00:00.000Z'],
      ['antananarivo', '2027-03-09T06:00:00.000Z'],
      ['bukavu', '2027-03-09T07:00:00.000Z'],
      ['ouagadougou', '2027-03-09T09:00:00.000Z'],
      ['tunis', '2027-03-09T08:00:00.000Z'],
    ]);
    expect(new Set(venues.map((venue) => venue.attendanceCode)).size).toBe(5);
    // The first reminder is a day before each start.
    expect(venues.find((venue) => venue.key === 'tunis')?.nextReminderAt?.toISOString()).toBe(
      '2027-03-08T08:00:00.000Z',
    );
  });

  it('writes nothing when the same session is saved again', async () => {
    const again = await createSampleSession(
      test.db,
      workshopDefinition({ localStart: '2027-03-09T09:00' }),
      SAMPLE_DAYTIME,
    );
    expect(again.outcome).toBe('unchanged');
  });

  it('marks a venue moved after the announcement for a notice, and only that one', async () => {
    const session = await test.db.session.update({
      where: { programmeId_key: { programmeId: (await test.db.programme.findFirstOrThrow()).id, key: 'atelier-test' } },
      data: { announcedAt: SAMPLE_DAYTIME },
    });
    const moved = workshopDefinition({ localStart: '2027-03-09T09:00' });
    const tunis = moved.venues.find((venue) => venue.key === 'tunis')!;
    tunis.startsAt = localInstant('2027-03-09T10:00', 'Africa/Tunis');
    tunis.endsAt = localInstant('2027-03-09T13:00', 'Africa/Tunis');
    const report = await createSampleSession(test.db, moved, SAMPLE_DAYTIME);
    expect(report.changes).toContain('session atelier-test venue tunis moved');
    const due = await test.db.sessionVenue.findMany({
      where: { sessionId: session.id, changeNoticeDueAt: { not: null } },
      select: { key: true },
    });
    expect(due).toEqual([{ key: 'tunis' }]);
  });

  it('gives an online session one venue in the zone it is set in', async () => {
    const report = await createSampleSession(
      test.db,
      onlineDefinition({ localStart: '2027-04-07T14:00' }),
      SAMPLE_DAYTIME,
    );
    const [venue] = await test.db.sessionVenue.findMany({ where: { sessionId: report.sessionId } });
    expect(venue).toMatchObject({
      key: 'online',
      hubId: null,
      timeZone: 'Europe/Paris',
      url: 'https://meet.example.org/cc-securite',
    });
    // 14:00 in Paris, in summer time (UTC+2) on 7 April 2027.
    expect(venue?.startsAt.toISOString()).toBe('2027-04-07T12:00:00.000Z');
  });

  it('keeps what staff changed in the dashboard when the file is imported again unchanged', async () => {
    const programme = await test.db.programme.findFirstOrThrow({ select: { id: true } });
    const fromFile = workshopDefinition({ key: 'atelier-deplace', localStart: '2027-03-10T09:00', hubs: ['bukavu'] });
    await createSampleSession(test.db, fromFile, SAMPLE_DAYTIME);
    const moved = workshopDefinition({ key: 'atelier-deplace', localStart: '2027-03-10T14:00', hubs: ['bukavu'] });
    expect((await saveSession(test.db, programme.id, moved, { now: SAMPLE_DAYTIME, actorId: null })).outcome).toBe(
      'updated',
    );

    expect((await createSampleSession(test.db, fromFile, SAMPLE_DAYTIME)).outcome).toBe('unchanged');
    const venue = await test.db.sessionVenue.findFirstOrThrow({
      where: { session: { key: 'atelier-deplace' } },
      select: { startsAt: true },
    });
    expect(venue.startsAt).toEqual(localInstant('2027-03-10T14:00', 'Africa/Lubumbashi'));
  });
});
