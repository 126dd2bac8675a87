import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startAdminTestApp } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';

type Session = { cookie: string; csrfToken: string };

/** Text as a person reads it: tags out, spaces collapsed. */
function readable(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

describe('the schedule page, before the programme starts', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let staff: Session;
  let cohortId: string;
  let broadcastId: string;

  const get = (url: string) => app.app.inject({ method: 'GET', url, headers: { cookie: staff.cookie } });

  beforeAll(async () => {
    // Seven weeks before the first exercise goes out (Monday 11 January 2027, 09:00 local time).
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    const db = app.test.db;
    await importSample(db);
    const cohort = await db.cohort.findFirstOrThrow({ where: { key: 'promo-2027' } });
    cohortId = cohort.id;
    const hubId = async (key: string) => (await db.hub.findFirstOrThrow({ where: { key } })).id;
    const staffPerson = await db.person.create({
      data: {
        displayName: 'Claire',
        roles: ['staff'],
        locale: 'fr',
        enrolments: { create: { cohortId, role: 'staff' } },
      },
    });
    for (const [name, hub] of [
      ['Awa', 'abidjan'],
      ['Koffi', 'abidjan'],
      ['Salma', 'tunis'],
      ['Rivo', 'antananarivo'],
    ] as const) {
      await db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          locale: 'fr',
          hubId: await hubId(hub),
          enrolments: { create: { cohortId, role: 'participant', status: 'active' } },
        },
      });
    }
    const programme = await db.programme.findFirstOrThrow({ where: { key: 'connexions-citoyennes' } });
    const broadcast = await db.broadcast.create({
      data: {
        programme: { connect: { id: programme.id } },
        createdBy: { connect: { id: staffPerson.id } },
        segment: { create: { programmeId: programme.id, filter: { cohortIds: [cohortId] } } },
        status: 'scheduled',
        scheduledAt: new Date('2027-01-12T14:00:00Z'),
        texts: { fr: "Atelier en ligne demain à 15h00 : venez avec votre projet et vos questions sur l'équipe." },
      },
    });
    broadcastId = broadcast.id;
    staff = await signInAs(app.app, db, staffPerson.id);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the next releases however far they are, by day and exercise, with who gets each and when', async () => {
    const page = await get('/admin/schedule');
    expect(page.statusCode).toBe(200);
    const text = readable(page.body);
    expect(text).toContain('Calendrier — Promotion 2027');
    expect(text).toContain('Lundi 11 janvier 2027');
    expect(text).toMatch(/Publication : Votre projet et votre motivation — 4 participants/);
    expect(text).toContain('09:00, heure locale à Abidjan (09:00 UTC) : 2 participants');
    expect(text).toContain('09:00, heure locale à Tunis (08:00 UTC) : 1 participant');
    expect(text).toContain('09:00, heure locale à Antananarivo (06:00 UTC) : 1 participant');
    // Who, one click away.
    expect(page.body).toMatch(/<details><summary>[^<]*<\/summary>\s*Awa, Koffi\s*<\/details>/);
    // The next three releases, a week apart; not the fourth.
    expect(text).toContain('Lundi 18 janvier 2027');
    expect(text).toContain('Lundi 25 janvier 2027');
    expect(text).not.toContain('1 février 2027');
    // One line per group, not one per person.
    expect(text.match(/Publication : Votre projet et votre motivation/g)).toHaveLength(1);
  });

  it("names each exercise in the reader's language, whatever the language of those it goes to", async () => {
    const db = app.test.db;
    await db.person.updateMany({ where: { roles: { has: 'participant' } }, data: { locale: 'en' } });
    try {
      const text = readable((await get('/admin/schedule')).body);
      expect(text).toMatch(/Publication : Votre projet et votre motivation — 4 participants/);
      expect(text).not.toContain('Your project');
    } finally {
      await db.person.updateMany({ where: { roles: { has: 'participant' } }, data: { locale: 'fr' } });
    }
  });

  it('names an announcement by its first words, and links to it', async () => {
    const page = await get('/admin/schedule');
    expect(page.body).toContain(`href="/admin/broadcasts/${broadcastId}"`);
    expect(readable(page.body)).toContain('Annonce : « Atelier en ligne demain à 15h00 : venez… »');
    expect(page.body).not.toContain(`Annonce ${broadcastId}`);
  });

  it('finds the cohort by its key as the command line does', async () => {
    const byKey = await get('/admin/schedule?cohort=promo-2027');
    expect(byKey.statusCode).toBe(200);
    expect(readable(byKey.body)).toContain('Lundi 11 janvier 2027');
    expect((await get(`/admin/schedule?cohort=${cohortId}`)).statusCode).toBe(200);
    expect((await get('/admin/schedule?cohort=promo-1999')).statusCode).toBe(404);
    for (const url of [
      '/admin/mentors?cohort=promo-2027',
      '/admin/selection?cohort=promo-2027',
      '/admin/cohorts/promo-2027',
    ])
      expect((await get(url)).statusCode, url).toBe(200);
  });

  it('says on an exercise page when it goes out and is due, in a sentence, not in the rules of the programme file', async () => {
    const exercise = await app.test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    const page = await get(`/admin/exercises/${exercise.id}?cohort=promo-2027`);
    expect(page.statusCode).toBe(200);
    const text = readable(page.body);
    expect(text).toContain(
      'Envoi le lundi de la semaine 1 à 09:00, heure locale de chaque participant ; à rendre le dimanche de la semaine 1 à 23:59.',
    );
    expect(text).not.toContain('week 1');
  });

  it('does not say "sent" of an exercise that is only planned, on the participant page and its timeline', async () => {
    const db = app.test.db;
    const awa = await db.person.findFirstOrThrow({ where: { displayName: 'Awa' }, include: { enrolments: true } });
    const exercise = await db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    await db.submission.create({
      data: {
        exerciseId: exercise.id,
        enrolmentId: awa.enrolments[0]!.id,
        status: 'planned',
        releaseAt: new Date('2027-01-11T09:00:00Z'),
        deadlineAt: new Date('2027-01-17T23:59:00Z'),
      },
    });
    const page = await get(`/admin/people/${awa.id}`);
    expect(page.statusCode).toBe(200);
    expect(readable(page.body)).toMatch(/Envoi prévu [^·]*11 janvier/);
    expect(page.body).toContain('<title>Envoi prévu : Votre projet et votre motivation</title>');
    expect(page.body).not.toContain('Envoyé');
  });

  it('still shows a number of days when asked, and says when nothing falls in them', async () => {
    const page = await get('/admin/schedule?cohort=promo-2027&days=14');
    expect(page.statusCode).toBe(200);
    expect(readable(page.body)).toContain('Rien de prévu dans les 14 prochains jours.');
  });
});
