import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasePerson } from '../../src/store/people/erase-person.ts';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
} from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedSessions, type SeededSessions } from '../support/seed-sessions.ts';

/** A session comment is personal data: in the person's export, gone with their erasure. */
describe('session answers and comments as personal data', () => {
  const now = SAMPLE_DAYTIME;
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let sessions: SeededSessions;
  let staff: { cookie: string };

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(t.test.db, now);
    sessions = await seedSessions(t.test.db, now, seed, await seedSecondProgramme(t.test.db, now, seed));
    staff = await signInAs(t.app, t.test.db, seed.staffId, now);
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: staff.cookie } });

  it('gives a person’s sessions, answers, attendance and comments in their data export', async () => {
    const response = await get(`/admin/people/${seed.participantIds[0]}/export.json`);
    expect(response.statusCode).toBe(200);
    const data = JSON.parse(response.body) as { sessions: Record<string, unknown>[] };
    expect(data.sessions).toContainEqual(
      expect.objectContaining({
        session: { key: 'securite-test', title: { fr: 'Sécurité des données', en: 'Data security' } },
        rsvp: 'yes',
        attendedBy: 'code',
        feedbackScore: 5,
        feedbackComment: 'Très utile, merci !',
      }),
    );
    expect(data.sessions.map((invitation) => (invitation.session as { key: string }).key)).not.toContain('atelier-sud');
  });

  it('erases a person’s session comment and leaves them out of the session’s page and export', async () => {
    const awa = seed.participantIds[0]!;
    await t.test.db.$transaction((tx) => erasePerson(tx, { personId: awa, at: now }));
    const invitation = await t.test.db.sessionInvitation.findFirstOrThrow({
      where: { personId: awa, sessionId: sessions.onlineId },
    });
    expect(invitation.feedbackComment).toBeNull();
    const page = (await get(`/admin/sessions/${sessions.onlineId}`)).body;
    expect(page).not.toContain('Très utile');
    expect(page).not.toContain(`/admin/people/${awa}`);
    expect((await get('/admin/exports/sessions.csv')).body).not.toContain(awa);
  });
});
