import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
} from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedSessions, type SeededSessions } from '../support/seed-sessions.ts';

/** A participant's sessions on their page, and the cohort's attendance per hub. */
describe('sessions on the participant and cohort pages', () => {
  const now = SAMPLE_DAYTIME;
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let sessions: SeededSessions;
  let staff: { cookie: string };
  let bernard: { cookie: string };
  let diallo: { cookie: string };

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(t.test.db, now);
    const second = await seedSecondProgramme(t.test.db, now, seed);
    sessions = await seedSessions(t.test.db, now, seed, second);
    staff = await signInAs(t.app, t.test.db, seed.staffId, now);
    bernard = await signInAs(t.app, t.test.db, second.staffId, now);
    diallo = await signInAs(t.app, t.test.db, seed.mentorIds[0], now);
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const sessionsSection = (body: string) => {
    const start = body.indexOf('<section><h2>Sessions</h2>');
    if (start < 0) throw new Error('no Sessions section');
    return body.slice(start, body.indexOf('</section>', start));
  };

  it('lists a participant’s sessions in their own local time, with their answer and attendance', async () => {
    const awa = sessionsSection((await get(`/admin/people/${seed.participantIds[0]}`, staff.cookie)).body);
    // 14:00 in Paris is 13:00 in Abidjan; the workshop is at 09:00 in Abidjan.
    expect(awa).toContain(
      `<a href="/admin/sessions/${sessions.onlineId}">Sécurité des données</a></td><td>lundi 2 novembre 2026, 13:00</td><td>Oui</td><td>Présent (code)</td>`,
    );
    expect(awa).toContain('<td>mardi 9 mars 2027, 09:00</td><td>Oui</td><td>—</td>');
    expect(awa).toMatch(/Cérémonie de clôture<\/a> <span class="badge status-missed">annulée<\/span>/);

    // Rivo lives in Antananarivo: 16:00 there; the session has ended without him.
    const rivo = sessionsSection((await get(`/admin/people/${seed.participantIds[4]}`, staff.cookie)).body);
    expect(rivo).toContain('<td>lundi 2 novembre 2026, 16:00</td><td>Pas de réponse</td><td>Absent</td>');
  });

  it('shows a mentor their mentee’s sessions without links, and another programme’s staff none of these', async () => {
    const forMentor = sessionsSection((await get(`/admin/people/${seed.participantIds[0]}`, diallo.cookie)).body);
    expect(forMentor).toContain('<td>Sécurité des données</td>');
    expect(forMentor).not.toContain('/admin/sessions/');
    // Bernard sees Awa through her enrolment in his programme, where she is invited to nothing.
    const forBernard = sessionsSection((await get(`/admin/people/${seed.participantIds[0]}`, bernard.cookie)).body);
    expect(forBernard).toContain('Invité à aucune session pour l&#39;instant.');
  });

  it('shows the cohort’s attendance per hub at sessions that have ended', async () => {
    const body = (await get(`/admin/cohorts/${seed.cohortId}`, staff.cookie)).body;
    expect(body).toContain('<h2>Présence aux sessions, par hub</h2>');
    const table = body.slice(body.indexOf('<table class="hub-attendance">'));
    const rows = [
      ...table
        .slice(0, table.indexOf('</table>'))
        .matchAll(
          /<tr><td>([^<]+)<\/td><td class="n">(\d+)<\/td><td class="n">(\d+)<\/td><td class="n">([^<]+)<\/td><\/tr>/g,
        ),
    ].map((match) => [match[1], Number(match[2]), Number(match[3]), match[4]!.replace(/\s/g, ' ')]);
    // Only the past online session counts: the workshop is upcoming, the closing event cancelled.
    expect(rows).toEqual([
      ['Abidjan', 2, 1, '50 %'],
      ['Antananarivo', 1, 0, '0 %'],
      ['Ouagadougou', 1, 1, '100 %'],
      ['Tunis', 1, 0, '0 %'],
    ]);
  });
});
