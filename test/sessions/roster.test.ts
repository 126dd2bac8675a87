import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { sessionRostersDue } from '../../src/jobs/session-rosters-due.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/**
 * The day before a session, at 18:00 at each hub venue, the trainers who run the hub get the
 * list of who said yes and maybe: once, only that hub's trainers, in their language.
 */
describe("trainers' day-before list of who is coming", () => {
  let test: TestDatabase;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;
  let context: ReturnType<typeof testJobContext>;
  const bukavu: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    seeded = await seedCohort(test.db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(test.db, seeded, SAMPLE_DAYTIME);
    context = testJobContext(test.db, uniquePrefix());
    bukavu.Josué = trainers.josueId;
    for (const name of ['Neema', 'Bahati', 'Amani', 'Furaha']) {
      const person = await test.db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          hubId: trainers.hubIds.bukavu,
          enrolments: { create: { cohortId: seeded.cohortId, role: 'participant' } },
        },
      });
      bukavu[name] = person.id;
    }
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  const run = (now: Date) => sessionRostersDue.handle({}, { ...context, now: () => now } as JobContext);

  /** A workshop at the given hubs, announced at `announcedAt`, with these answers (venue by the person's hub). */
  async function session(
    key: string,
    localStart: string,
    answers: Record<string, { rsvp: 'yes' | 'maybe' | 'no'; waitlisted?: boolean }>,
    announcedAt: Date | null = SAMPLE_DAYTIME,
  ) {
    const { sessionId } = await createSampleSession(
      test.db,
      workshopDefinition({ key, localStart, hubs: ['bukavu', 'abidjan'] }),
      SAMPLE_DAYTIME,
    );
    await test.db.session.update({ where: { id: sessionId }, data: { announcedAt } });
    const venues = await test.db.sessionVenue.findMany({ where: { sessionId } });
    for (const [personId, answer] of Object.entries(answers)) {
      const person = await test.db.person.findUniqueOrThrow({ where: { id: personId } });
      await test.db.sessionInvitation.create({
        data: {
          sessionId,
          venueId: venues.find((v) => v.hubId === person.hubId)!.id,
          personId,
          announcedAt: SAMPLE_DAYTIME,
          rsvp: answer.rsvp,
          rsvpAt: SAMPLE_DAYTIME,
          waitlistedAt: answer.waitlisted ? SAMPLE_DAYTIME : null,
        },
      });
    }
    return { sessionId, venues };
  }

  /** The lists written for a session, as who got which text, in the order written. */
  async function lists(sessionId: string) {
    const venues = await test.db.sessionVenue.findMany({ where: { sessionId }, select: { id: true } });
    const rows = await test.db.outboundMessage.findMany({
      where: {
        purpose: 'session_roster',
        OR: venues.map((v) => ({ dedupKey: { startsWith: `session-roster-${v.id}-` } })),
      },
      orderBy: { sequence: 'asc' },
      include: { person: { select: { displayName: true } } },
    });
    return rows.map((row) => ({
      to: row.person.displayName,
      text: (row.payload as { text: string }).text,
      plannedAt: row.plannedAt,
    }));
  }

  it('sends each hub its list at 18:00 the day before in its own time, once, to its trainers only', async () => {
    // Wednesday 18 November, 09:00 in Bukavu (07:00 UTC) and in Abidjan (09:00 UTC).
    const { sessionId, venues } = await session('atelier-liste', '2026-11-18T09:00', {
      [bukavu.Neema!]: { rsvp: 'yes' },
      [bukavu.Josué!]: { rsvp: 'yes' },
      [bukavu.Bahati!]: { rsvp: 'maybe' },
      [bukavu.Amani!]: { rsvp: 'yes', waitlisted: true },
      [bukavu.Furaha!]: { rsvp: 'no' },
      [seeded.participantIds[0]!]: { rsvp: 'yes' },
    });
    // 17:59 in Bukavu on the 17th: not yet.
    await run(new Date('2026-11-17T15:59:00Z'));
    expect(await lists(sessionId)).toEqual([]);

    // 18:00 in Bukavu: Aline gets Bukavu's list; Kouadio (Abidjan) nothing yet, it is 16:00 there.
    const bukavuTime = new Date('2026-11-17T16:00:00Z');
    await run(bukavuTime);
    await run(new Date('2026-11-17T16:01:00Z'));
    const code = venues.find((v) => v.key === 'bukavu')!.attendanceCode;
    expect(await lists(sessionId)).toEqual([
      {
        to: 'Aline',
        plannedAt: bukavuTime,
        text: [
          'Demain à Bukavu : qui vient',
          '',
          'Atelier : cartographier son projet',
          'Une matinée de travail en groupe.',
          'Quand : mercredi 18 novembre 2026, 09:00–12:00',
          'Où : Salle du hub de bukavu, 1 rue du Hub, bukavu',
          '',
          'Oui (2) : Josué, Neema',
          'Peut-être (1) : Bahati',
          "Liste d'attente (1) : Amani",
          '',
          `Code de présence à afficher dans la salle : ${code} (les participant·es envoient PRÉSENT ${code}).`,
          "L'appel se fait sur le tableau de bord, page de la session.",
        ].join('\n'),
      },
    ]);

    // 18:00 in Abidjan: Kouadio gets Abidjan's, in English; Bukavu's is not sent again.
    expect(await run(new Date('2026-11-17T18:00:00Z'))).toEqual({ sent: 1 });
    const sent = await lists(sessionId);
    expect(sent.map((m) => m.to)).toEqual(['Aline', 'Kouadio']);
    expect(sent[1]!.text).toMatch(/^Tomorrow in Abidjan: who is coming\n[\s\S]*\nYes \(1\): Awa\nMaybe \(0\): —\n/);
    expect(sent[1]!.text).toMatch(/The roll call is on the dashboard/);
    expect(await run(new Date('2026-11-17T20:00:00Z'))).toEqual({ sent: 0 });
  });

  it('sends it at once for a session announced after 18:00 the day before, saying nobody answered yet', async () => {
    // Today 15:00 in Bukavu (13:00 UTC), announced at 12:00 in Bukavu.
    const { sessionId } = await session('atelier-tardif', '2026-11-16T15:00', {});
    expect(await run(SAMPLE_DAYTIME)).toEqual({ sent: 2 });
    const sent = await lists(sessionId);
    expect(sent.map((m) => m.to).sort()).toEqual(['Aline', 'Kouadio']);
    const toAline = sent.find((m) => m.to === 'Aline')!;
    expect(toAline.plannedAt).toEqual(SAMPLE_DAYTIME);
    expect(toAline.text).toMatch(/^Aujourd'hui à Bukavu : qui vient\n/);
    expect(toAline.text).toMatch(/\n\nPersonne n'a encore répondu\.\n\n/);
  });

  it('sends nothing for a session not announced yet, nor after the start', async () => {
    const { sessionId } = await session('atelier-secret', '2026-11-19T09:00', {}, null);
    await run(new Date('2026-11-18T16:30:00Z'));
    expect(await lists(sessionId)).toEqual([]);
    const started = await session('atelier-commence', '2026-11-16T09:00', {});
    await run(SAMPLE_DAYTIME);
    expect(await lists(started.sessionId)).toEqual([]);
  });
});
