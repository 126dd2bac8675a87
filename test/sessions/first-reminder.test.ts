import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { sessionRemindersDue } from '../../src/jobs/session-reminders-due.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;

/**
 * The first reminder someone gets also goes to them when they have not answered, with the
 * buttons, whichever offset it is: a session announced after its day-before reminder was due, or
 * people announced between two reminders. Nobody is asked twice.
 */
describe('the first reminder a person gets', () => {
  let t: TestApp;
  const people: Record<string, SimulatedPerson> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const name of ['Awa', 'Binta', 'Koffi', 'Fanta']) {
      people[name] = await SimulatedPerson.create(t, { name, hub: 'abidjan' });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  const run = (at: Date) => sessionRemindersDue.handle({}, { ...t.context, now: () => at } as JobContext);

  /** A one-venue workshop in Abidjan (UTC) with reminders a day and two hours before, saved at `savedAt`. */
  async function workshop(key: string, localStart: string, savedAt: Date, invited: Record<string, 'yes' | null>) {
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key, localStart, hubs: ['abidjan'], reminderOffsetsMinutes: [24 * 60, 2 * 60] }),
      savedAt,
    );
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    for (const [name, rsvp] of Object.entries(invited)) {
      await t.test.db.sessionInvitation.create({
        data: { sessionId, venueId: venue.id, personId: people[name]!.personId, rsvp, announcedAt: savedAt },
      });
    }
    return { sessionId, venue };
  }

  async function remindedNames(sessionId: string) {
    const invitations = await t.test.db.sessionInvitation.findMany({
      where: { sessionId },
      include: { person: { select: { displayName: true } } },
    });
    const rows = await t.test.db.outboundMessage.findMany({
      where: {
        purpose: 'session_reminder',
        OR: invitations.map(({ id }) => ({ dedupKey: { startsWith: `session-reminder-${id}-` } })),
      },
      include: { person: { select: { displayName: true } } },
    });
    return rows
      .map((row) => ({ name: row.person.displayName, kind: (row.payload as { kind: string }).kind }))
      .sort((a, b) => a.name!.localeCompare(b.name!));
  }

  it('asks those who have not answered at the two-hour reminder of a session announced ten hours before', async () => {
    // 20:00 in Abidjan, announced at 10:00: the day-before reminder was due before; the 2-hour one is the first.
    const { sessionId, venue } = await workshop('annonce-tardive', '2026-11-16T20:00', SAMPLE_DAYTIME, {
      Awa: 'yes',
      Binta: null,
    });
    expect(venue.nextReminderAt).toEqual(new Date('2026-11-16T18:00:00Z'));
    await run(new Date('2026-11-16T18:00:00Z'));
    expect(await remindedNames(sessionId)).toEqual([
      { name: 'Awa', kind: 'text' },
      { name: 'Binta', kind: 'choices' },
    ]);
  });

  it('asks those announced after the day-before reminder at the next one, and nobody twice', async () => {
    // 09:00 on the 18th, announced 12 hours before (21:00 on the 17th): at the day-before reminder nobody is announced.
    const start = new Date('2026-11-18T09:00:00Z');
    const { sessionId, venue } = await workshop(
      'annonce-12h',
      '2026-11-18T09:00',
      new Date(SAMPLE_DAYTIME.getTime() - HOUR_MS),
      {},
    );
    const early = await t.test.db.sessionInvitation.create({
      data: { sessionId, venueId: venue.id, personId: people.Koffi!.personId, rsvp: null, announcedAt: SAMPLE_DAYTIME },
    });
    await run(new Date(start.getTime() - 24 * HOUR_MS));
    expect(await remindedNames(sessionId)).toEqual([{ name: 'Koffi', kind: 'choices' }]);
    expect(
      (await t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id: early.id } })).remindedAt,
    ).not.toBeNull();

    const announcedAt = new Date(start.getTime() - 12 * HOUR_MS);
    for (const name of ['Fanta', 'Binta']) {
      await t.test.db.sessionInvitation.create({
        data: {
          sessionId,
          venueId: venue.id,
          personId: people[name]!.personId,
          rsvp: name === 'Fanta' ? 'yes' : null,
          announcedAt,
        },
      });
    }
    await run(new Date(start.getTime() - 2 * HOUR_MS));
    // Binta, announced since, is asked; Koffi, asked the day before and silent since, is not asked again.
    expect(await remindedNames(sessionId)).toEqual([
      { name: 'Binta', kind: 'choices' },
      { name: 'Fanta', kind: 'text' },
      { name: 'Koffi', kind: 'choices' },
    ]);
  });
});
