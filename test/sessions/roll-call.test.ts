import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/store/errors.ts';
import { NotInvitedToVenueError, recordRollCall } from '../../src/store/sessions/record-roll-call.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** The roll call of a venue, ticked on the dashboard: tick, untick, and a code's attendance kept. */
describe('the roll call of a venue', () => {
  const DURING = new Date('2027-03-09T10:30:00Z');
  let test: TestDatabase;
  let abidjan: string;
  let staff: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    const { sessionId } = await createSampleSession(
      test.db,
      workshopDefinition({ localStart: '2027-03-09T09:00', hubs: ['abidjan', 'tunis'] }),
      SAMPLE_DAYTIME,
    );
    const venues = await test.db.sessionVenue.findMany({ where: { sessionId } });
    abidjan = venues.find((venue) => venue.key === 'abidjan')!.id;
    const tunis = venues.find((venue) => venue.key === 'tunis')!.id;
    const person = async (name: string) =>
      (await test.db.person.create({ data: { displayName: name, roles: ['participant'] } })).id;
    staff = (await test.db.person.create({ data: { displayName: 'Sophie', roles: ['staff'] } })).id;
    for (const name of ['awa', 'kofi', 'mariam']) {
      people[name] = await person(name);
      await test.db.sessionInvitation.create({ data: { sessionId, venueId: abidjan, personId: people[name] } });
    }
    people.leila = await person('leila');
    await test.db.sessionInvitation.create({ data: { sessionId, venueId: tunis, personId: people.leila } });
    // Awa sent the code in the room.
    await test.db.sessionInvitation.updateMany({
      where: { personId: people.awa },
      data: { attendedAt: new Date('2027-03-09T09:05:00Z'), attendedBy: 'code' },
    });
  });

  afterAll(async () => {
    await test.drop();
  });

  const attended = async () =>
    Object.fromEntries(
      await Promise.all(
        ['awa', 'kofi', 'mariam'].map(async (name) => {
          const row = await test.db.sessionInvitation.findFirstOrThrow({ where: { personId: people[name] } });
          return [name, row.attendedBy] as const;
        }),
      ),
    );

  it('marks those ticked, by whom, and writes it in the audit log', async () => {
    const result = await recordRollCall(test.db, {
      venueId: abidjan,
      present: [people.awa!, people.kofi!],
      actorId: staff,
      now: DURING,
    });
    expect(result).toEqual({ marked: 1, unmarked: 0 });
    expect(await attended()).toEqual({ awa: 'code', kofi: 'roll_call', mariam: null });
    const kofi = await test.db.sessionInvitation.findFirstOrThrow({ where: { personId: people.kofi } });
    expect(kofi).toMatchObject({ attendedAt: DURING, attendanceRecordedById: staff });
    const audit = await test.db.auditLog.findFirstOrThrow({ where: { action: 'session.roll_call' } });
    expect(audit).toMatchObject({ actorId: staff, entity: 'SessionVenue', entityId: abidjan });
    expect(audit.details).toMatchObject({ marked: 1, unmarked: 0 });
  });

  it('unmarks those unticked by an earlier roll call, never attendance recorded by code', async () => {
    const result = await recordRollCall(test.db, {
      venueId: abidjan,
      present: [people.mariam!],
      actorId: staff,
      now: DURING,
    });
    expect(result).toEqual({ marked: 1, unmarked: 1 });
    expect(await attended()).toEqual({ awa: 'code', kofi: null, mariam: 'roll_call' });
    const kofi = await test.db.sessionInvitation.findFirstOrThrow({ where: { personId: people.kofi } });
    expect(kofi).toMatchObject({ attendedAt: null, attendanceRecordedById: null });
  });

  it('refuses people not invited to that venue, and changes nothing', async () => {
    const before = await attended();
    await expect(
      recordRollCall(test.db, {
        venueId: abidjan,
        present: [people.kofi!, people.leila!],
        actorId: staff,
        now: DURING,
      }),
    ).rejects.toThrow(new NotInvitedToVenueError(abidjan, [people.leila!]));
    expect(await attended()).toEqual(before);
    await expect(
      recordRollCall(test.db, { venueId: 'no-such-venue', present: [], actorId: staff, now: DURING }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
