import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

type Session = { cookie: string; csrfToken: string };

describe("dashboard error pages in the viewer's language", () => {
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let claire: Session;
  let jane: Session;

  const post = (session: Session, url: string, fields: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(),
    });

  beforeAll(async () => {
    t = await startAdminTestApp();
    seed = await seedCohort(t.test.db, new Date());
    // Claire reads the dashboard in French (the programme's main language), Jane in English.
    const english = await t.test.db.person.create({
      data: {
        displayName: 'Jane',
        roles: ['staff'],
        locale: 'en',
        enrolments: { create: { cohortId: seed.cohortId, role: 'staff' } },
      },
    });
    claire = await signInAs(t.app, t.test.db, seed.staffId);
    jane = await signInAs(t.app, t.test.db, english.id);
  });

  afterAll(async () => {
    await t.close();
  });

  it('says what is wrong with a selection form in French, and in English', async () => {
    const french = await post(claire, '/admin/selection', { cohort: seed.cohortId });
    expect(french.statusCode).toBe(400);
    expect(french.body).toContain('Cochez au moins une personne participante et choisissez une décision.');
    expect(french.body).not.toContain('tick at least one');
    const english = await post(jane, '/admin/selection', { cohort: seed.cohortId });
    expect(english.body).toContain('Tick at least one participant and choose a decision.');
    const stranger = await post(claire, '/admin/selection', {
      cohort: seed.cohortId,
      enrolmentId: 'nobody',
      decision: 'selected',
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('ne sont pas participantes de cette cohorte');
    expect(stranger.body).not.toContain('not participants of cohort');
  });

  it("says what is wrong with a mentor assignment in the viewer's language", async () => {
    const empty = await post(claire, '/admin/mentors/assign');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choisissez une personne participante et un mentor.');
    const [awa, boubacar] = seed.participantIds;
    const notAMentor = await post(jane, '/admin/mentors/assign', { menteeId: awa!, mentorId: boubacar! });
    expect(notAMentor.statusCode).toBe(400);
    expect(notAMentor.body).toContain('The person chosen is not a mentor in this participant&#39;s cohort.');
    expect(notAMentor.body).not.toContain(boubacar!);
  });

  it('translates the reasons of broadcast and schedule pages, and of a form it cannot read', async () => {
    const noProgramme = await post(claire, '/admin/broadcasts/preview', { text_fr: 'Bonjour' });
    expect(noProgramme.statusCode).toBe(400);
    expect(noProgramme.body).toContain('Le formulaire ne dit pas pour quel programme.');
    const days = await t.app.inject({
      method: 'GET',
      url: `/admin/schedule?cohort=${seed.cohortId}&days=0`,
      headers: { cookie: jane.cookie },
    });
    expect(days.statusCode).toBe(400);
    expect(days.body).toContain('The number of days must be a whole number from 1 to 366.');
    const unreadable = await t.app.inject({
      method: 'POST',
      url: '/admin/selection',
      headers: { cookie: claire.cookie, 'content-type': 'application/json', 'x-csrf-token': claire.csrfToken },
      payload: '{"cohort":',
    });
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.body).toContain('le formulaire n&#39;a pas pu être lu');
    expect(unreadable.body).not.toMatch(/Unexpected end|JSON/);
  });

  it('tells staff who are not operators that the queues are read-only for them', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/queues/manage', headers: { cookie: claire.cookie } });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('que par les opérateurs nommés dans DASHBOARD_OPERATORS');
  });
});
