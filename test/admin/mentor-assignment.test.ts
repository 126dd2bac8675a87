import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';

/**
 * Daytime on 20 November 2026, months before the sample's incubation (15 March 2027). In the past,
 * so that the sign-in link the test support makes at the wall clock's time is valid at it.
 */
const NOW = new Date('2026-11-20T10:00:00Z');

type Session = { cookie: string; csrfToken: string };

let app: Awaited<ReturnType<typeof startAdminTestApp>>;
let db: Database;
let seed: SeededCohort;
let staff: Session;
let boubacar: string, fatou: string;
let diallo: string, rakoto: string;

beforeAll(async () => {
  app = await startAdminTestApp({ now: () => NOW });
  db = app.test.db;
  seed = await seedCohort(db, NOW, { mediaDir: app.mediaDir });
  [, boubacar, , , , fatou] = seed.participantIds as [string, string, string, string, string, string];
  [diallo, rakoto] = seed.mentorIds;
  staff = await signInAs(app.app, db, seed.staffId);
});

afterAll(async () => {
  await app?.close();
});

function assign(form: Record<string, string>) {
  const body = new URLSearchParams({ _csrf: staff.csrfToken, ...form });
  return app.app.inject({
    method: 'POST',
    url: '/admin/mentors/assign',
    headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const introductions = () =>
  db.outboundMessage.findMany({ where: { purpose: 'mentor_introduction' }, orderBy: { createdAt: 'asc' } });
const textTo = async (personId: string) =>
  (await introductions()).filter((m) => m.personId === personId).map((m) => (m.payload as { text: string }).text);
const milestoneDates = async (personId: string) =>
  (
    await db.milestone.findMany({
      where: { actionPlan: { enrolment: { personId } } },
      orderBy: { position: 'asc' },
    })
  ).map((m) => m.dueOn.toISOString().slice(0, 10));

describe('assigning a mentor on the dashboard', () => {
  it('introduces mentor and mentee to each other, each in their own language, once', async () => {
    expect((await assign({ menteeId: fatou, mentorId: diallo })).statusCode).toBe(303);
    // Fatou reads English, Mme Diallo French: each learns who the other is, their hub, how to reach them.
    const [toFatou] = await textTo(fatou);
    expect(toFatou).toBe(
      'Your mentor for Civic Connections is Mme Diallo (city: Abidjan). To write to them, send MENTOR: I will pass your message on, and their reply comes here.',
    );
    const [toDiallo] = await textTo(diallo);
    expect(toDiallo).toContain('Vous accompagnez désormais Fatou (ville : Abidjan) dans Connexions citoyennes.');
    expect(toDiallo).toContain('MENTORÉS');
    const mentorMessage = (await introductions()).find((m) => m.personId === diallo)!;
    expect(mentorMessage.payload).toMatchObject({ choices: [{ id: `reply:${fatou}`, label: 'Écrire à Fatou' }] });

    // Submitting the same assignment again tells nobody a second time.
    expect((await assign({ menteeId: fatou, mentorId: diallo })).statusCode).toBe(303);
    expect(await introductions()).toHaveLength(2);
  });

  it("dates the plan of a mentee assigned during the training from the incubation's first day", async () => {
    // Not from 20 November: the sample names the incubation (15 March 2027) as the start of plans.
    expect(await milestoneDates(fatou)).toEqual(['2027-04-12', '2027-06-14', '2027-09-13']);
  });

  it('dates the plan from the day staff choose when assigning', async () => {
    const page = await app.app.inject({ method: 'GET', url: '/admin/mentors', headers: { cookie: staff.cookie } });
    expect(page.body).toContain('name="startsOn"');
    expect(page.body).toContain('Laissez vide pour que le plan parte du 15 mars 2027');

    expect((await assign({ menteeId: boubacar, mentorId: rakoto, startsOn: '2027-05-03' })).statusCode).toBe(303);
    expect(await milestoneDates(boubacar)).toEqual(['2027-05-31', '2027-08-02', '2027-11-01']);
    expect(await textTo(boubacar)).toEqual([
      'Votre mentor pour Connexions citoyennes est M. Rakoto (ville : Antananarivo). Pour lui écrire, envoyez MENTOR : je lui transmets votre message, et sa réponse vous arrive ici.',
    ]);
  });

  it('refuses a start that is not a date, and assigns nothing', async () => {
    const refused = await assign({ menteeId: seed.participantIds[0]!, mentorId: rakoto, startsOn: '31/02/2027' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('pas une date : choisissez un jour dans le calendrier');
    expect(
      await db.mentorAssignment.count({
        where: { mentorId: rakoto, menteeId: seed.participantIds[0]!, endedAt: null },
      }),
    ).toBe(0);
  });
});
