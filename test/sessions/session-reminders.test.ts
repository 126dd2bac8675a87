import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { sessionRemindersDue } from '../../src/jobs/session-reminders-due.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;

/**
 * Session reminders: to those coming (yes or maybe), the first also to those who have not
 * answered, with the buttons; never to paused or stopped people; once; out of quiet hours unless
 * that would bring them after the start.
 */
describe('session reminders', () => {
  let t: TestApp;
  const people: Record<string, SimulatedPerson> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const name of ['Awa', 'Koffi', 'Binta', 'Moussa', 'Fanta', 'Ali', 'Paul', 'Sali', 'Omar', 'Yao']) {
      people[name] = await SimulatedPerson.create(t, { name, hub: 'abidjan' });
    }
    people.Rivo = await SimulatedPerson.create(t, { name: 'Rivo', hub: 'antananarivo' });
    await t.test.db.enrolment.updateMany({ where: { personId: people.Paul!.personId }, data: { status: 'paused' } });
    await t.test.db.enrolment.updateMany({ where: { personId: people.Sali!.personId }, data: { status: 'stopped' } });
    await t.test.db.person.update({ where: { id: people.Omar!.personId }, data: { optedOutAt: SAMPLE_DAYTIME } });
  });

  afterAll(async () => {
    await t.close();
  });

  const run = (at?: Date) =>
    sessionRemindersDue.handle({}, { ...t.context, ...(at && { now: () => at }) } as JobContext);

  /** A session saved before its first reminder, with invitations as the announcement and RSVPs leave them. */
  async function session(
    definition: ReturnType<typeof workshopDefinition>,
    invitations: Record<string, { rsvp?: 'yes' | 'maybe' | 'no'; waitlisted?: boolean; announced?: boolean }>,
  ) {
    const { sessionId } = await createSampleSession(
      t.test.db,
      definition,
      new Date(SAMPLE_DAYTIME.getTime() - 2 * HOUR_MS),
    );
    const venues = await t.test.db.sessionVenue.findMany({ where: { sessionId }, include: { hub: true } });
    for (const [name, invitation] of Object.entries(invitations)) {
      const person = await t.test.db.person.findUniqueOrThrow({ where: { id: people[name]!.personId } });
      const venue = venues.find((v) => v.hubId === person.hubId) ?? venues.find((v) => v.key === 'online')!;
      await t.test.db.sessionInvitation.create({
        data: {
          sessionId,
          venueId: venue.id,
          personId: person.id,
          announcedAt: invitation.announced === false ? null : SAMPLE_DAYTIME,
          rsvp: invitation.rsvp ?? null,
          waitlistedAt: invitation.waitlisted ? SAMPLE_DAYTIME : null,
        },
      });
    }
    return sessionId;
  }

  /** The reminders of a session's invitations, in the order written. */
  async function reminders(sessionId: string) {
    const invitations = await t.test.db.sessionInvitation.findMany({ where: { sessionId }, select: { id: true } });
    return t.test.db.outboundMessage.findMany({
      where: {
        purpose: 'session_reminder',
        OR: invitations.map(({ id }) => ({ dedupKey: { startsWith: `session-reminder-${id}-` } })),
      },
      orderBy: { sequence: 'asc' },
      include: { person: { select: { displayName: true } } },
    });
  }
  const byName = (rows: Awaited<ReturnType<typeof reminders>>) => rows.map((row) => row.person.displayName).sort();

  it('reminds those coming, and asks those who have not answered with the buttons, the day before', async () => {
    // Tomorrow 09:00 in Abidjan; the reminder a day before is due at 09:00 today, an hour ago.
    const sessionId = await session(
      workshopDefinition({ key: 'atelier-rappels', localStart: '2026-11-17T09:00', hubs: ['abidjan'] }),
      {
        Awa: { rsvp: 'yes' },
        Koffi: { rsvp: 'maybe' },
        Binta: {},
        Moussa: { rsvp: 'no' },
        Fanta: { rsvp: 'yes', waitlisted: true },
        Ali: { announced: false },
      },
    );
    expect(await run()).toEqual({ reminded: 3 });
    const sent = await reminders(sessionId);
    expect(byName(sent)).toEqual(['Awa', 'Binta', 'Koffi']);

    const [toAwa] = await people.Awa!.replies(1);
    expect(toAwa?.text).toBe(
      [
        'Rappel : rendez-vous demain à 09:00.',
        '',
        'Atelier : cartographier son projet',
        'Une matinée de travail en groupe.',
        'Quand : mardi 17 novembre 2026, 09:00–12:00',
        'Où : Salle du hub de abidjan, 1 rue du Hub, abidjan',
      ].join('\n'),
    );
    expect(toAwa?.kind).toBe('text');
    const [toBinta] = await people.Binta!.replies(1);
    expect(toBinta?.text).toMatch(/^Rappel : rendez-vous demain à 09:00\.\n[\s\S]*\n\nSerez-vous là \?$/);
    expect(toBinta?.kind === 'choices' && toBinta.choices.map((c) => c.label)).toEqual([
      'Je viens',
      'Peut-être',
      'Je ne peux pas',
    ]);
    const invitation = await t.test.db.sessionInvitation.findFirstOrThrow({
      where: { sessionId, personId: people.Binta!.personId },
    });
    expect(toBinta?.kind === 'choices' && toBinta.choices[0]?.id).toBe(`rsvp:${invitation.id}:yes`);

    // Two hours before: only those coming, and it says so in hours.
    expect(await run(new Date('2026-11-17T07:00:00Z'))).toEqual({ reminded: 2 });
    const second = (await reminders(sessionId)).slice(3);
    expect(byName(second)).toEqual(['Awa', 'Koffi']);
    expect((second[0]!.payload as { text: string }).text).toMatch(/^Rappel : rendez-vous dans 2 heures\.\n/);
    expect(second[0]!.plannedAt).toEqual(new Date('2026-11-17T07:00:00Z'));
    // No reminder is left for the venue.
    expect((await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } })).nextReminderAt).toBeNull();
  });

  it('reminds nobody paused, stopped or opted out, even those who said yes', async () => {
    const sessionId = await session(
      workshopDefinition({ key: 'atelier-pauses', localStart: '2026-11-17T09:00', hubs: ['abidjan'] }),
      { Paul: { rsvp: 'yes' }, Sali: { rsvp: 'yes' }, Omar: { rsvp: 'yes' }, Yao: { rsvp: 'maybe' } },
    );
    await run();
    expect(byName(await reminders(sessionId))).toEqual(['Yao']);
  });

  it('sends a reminder once when two workers run the job at the same time, and again', async () => {
    const sessionId = await session(
      workshopDefinition({ key: 'atelier-une-fois', localStart: '2026-11-17T09:00', hubs: ['abidjan'] }),
      { Awa: { rsvp: 'yes' }, Koffi: {} },
    );
    const results = (await Promise.all([run(), run()])) as { reminded: number }[];
    expect(results.map((r) => r.reminded).sort()).toEqual([0, 2]);
    expect(await run()).toEqual({ reminded: 0 });
    expect(await reminders(sessionId)).toHaveLength(2);
  });

  it('waits for the end of the night where the person lives, and speaks from that hour', async () => {
    // 14:00 in Paris (16:00 in Antananarivo), reminded 14 hours before: 23:00 UTC, 02:00 in Antananarivo.
    const sessionId = await session(
      onlineDefinition({ key: 'en-ligne-nuit', localStart: '2026-11-17T14:00', reminderOffsetsMinutes: [14 * 60] }),
      { Rivo: { rsvp: 'yes' }, Awa: { rsvp: 'yes' } },
    );
    await run(new Date('2026-11-16T23:00:00Z'));
    const sent = await reminders(sessionId);
    const toRivo = sent.find((row) => row.person.displayName === 'Rivo');
    const toAwa = sent.find((row) => row.person.displayName === 'Awa');
    // 07:00 in each one's zone.
    expect(toRivo!.plannedAt).toEqual(new Date('2026-11-17T04:00:00Z'));
    expect(toAwa!.plannedAt).toEqual(new Date('2026-11-17T07:00:00Z'));
    expect((toRivo!.payload as { text: string }).text).toMatch(
      /^Rappel : rendez-vous aujourd'hui à 16:00\.\n\nSécurité des données\n[\s\S]*Quand : mardi 17 novembre 2026, 16:00–18:00 \(14:00–16:00 heure de Paris\)/,
    );
  });

  it('does not wait for the end of the night when that would bring the reminder after the start', async () => {
    // 07:00 in Antananarivo, reminded an hour before: 06:00 there is still night, but 07:00 is the start.
    const sessionId = await session(
      workshopDefinition({
        key: 'atelier-matinal',
        localStart: '2026-11-17T07:00',
        hubs: ['antananarivo'],
        reminderOffsetsMinutes: [60],
      }),
      { Rivo: { rsvp: 'yes' } },
    );
    const at = new Date('2026-11-17T03:00:00Z');
    await run(at);
    const [toRivo] = await reminders(sessionId);
    expect(toRivo!.plannedAt).toEqual(at);
    expect((toRivo!.payload as { text: string }).text).toMatch(/^Rappel : rendez-vous dans 1 heure\.\n/);
  });

  it('reminds everyone announced when the session asks no RSVP, without buttons', async () => {
    const sessionId = await session(
      workshopDefinition({ key: 'atelier-sans-rsvp', localStart: '2026-11-17T09:00', hubs: ['abidjan'], rsvp: false }),
      { Moussa: {}, Fanta: {} },
    );
    await run();
    const sent = await reminders(sessionId);
    expect(byName(sent)).toEqual(['Fanta', 'Moussa']);
    expect(sent.map((row) => (row.payload as { kind: string }).kind)).toEqual(['text', 'text']);
  });
});
