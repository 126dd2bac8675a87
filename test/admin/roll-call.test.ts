import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
  type SeededSecondProgramme,
} from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedSessions, type SeededSessions } from '../support/seed-sessions.ts';

/** A venue's roll call: ticks kept for those who gave the code, recorded and unrecorded, audited, behind the form token. */
describe('the roll call', () => {
  const now = SAMPLE_DAYTIME;
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let second: SeededSecondProgramme;
  let sessions: SeededSessions;
  let staff: { cookie: string; csrfToken: string };
  let bernard: { cookie: string; csrfToken: string };
  let awa: string, boubacar: string, salma: string, rivo: string, fatou: string;
  let url: string;

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(t.test.db, now);
    second = await seedSecondProgramme(t.test.db, now, seed);
    sessions = await seedSessions(t.test.db, now, seed, second);
    staff = await signInAs(t.app, t.test.db, seed.staffId, now);
    bernard = await signInAs(t.app, t.test.db, second.staffId, now);
    [awa, boubacar, salma, , rivo, fatou] = seed.participantIds as [string, string, string, string, string, string];
    url = `/admin/sessions/${sessions.onlineId}/venues/${sessions.onlineVenueId}/roll-call`;
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, cookie: string) => t.app.inject({ method: 'GET', url: path, headers: { cookie } });
  const post = (path: string, cookie: string, form: string) =>
    t.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
  const attendance = async () =>
    Object.fromEntries(
      (
        await t.test.db.sessionInvitation.findMany({
          where: { venueId: sessions.onlineVenueId },
          select: { personId: true, attendedBy: true, attendanceRecordedById: true, attendedAt: true },
        })
      ).map((row) => [row.personId, row]),
    );

  it('lists everyone invited to the venue with a tick box, those already present ticked, the code ones kept', async () => {
    const response = await get(url, staff.cookie);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<h1>Appel — En ligne</h1>');
    expect(body).toContain('Présents : 2 sur 5');
    expect(body).toContain(`value="${awa}" checked disabled>`);
    expect(body).toContain(`<input type="hidden" name="present" value="${awa}">`);
    expect(body).toContain('présent par code');
    expect(body).toContain(`value="${boubacar}" checked>`);
    for (const person of [salma, rivo, fatou]) expect(body).toContain(`value="${person}">`);
    expect(body).toContain(`<input type="hidden" name="_csrf" value="${staff.csrfToken}">`);
  });

  it('refuses the form without the token or with a forged one, and records nothing', async () => {
    const before = await attendance();
    expect((await post(url, staff.cookie, `present=${salma}`)).statusCode).toBe(403);
    expect((await post(url, staff.cookie, `_csrf=forged&present=${salma}`)).statusCode).toBe(403);
    expect(await attendance()).toEqual(before);
  });

  it('records the ticks, unmarks an earlier roll call untick, never the code, audited, and says so', async () => {
    // Boubacar is unticked; Awa's code presence is not sent (as if her box were left out).
    const response = await post(
      url,
      staff.cookie,
      `_csrf=${encodeURIComponent(staff.csrfToken)}&present=${salma}&present=${fatou}&present=${second.kofiId}`,
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${url}?marked=2&unmarked=1`);
    const rows = await attendance();
    expect(rows[awa]).toMatchObject({ attendedBy: 'code' });
    expect(rows[boubacar]).toMatchObject({ attendedBy: null, attendedAt: null, attendanceRecordedById: null });
    for (const person of [salma, fatou])
      expect(rows[person]).toMatchObject({
        attendedBy: 'roll_call',
        attendanceRecordedById: seed.staffId,
        attendedAt: now,
      });
    expect(rows[rivo]).toMatchObject({ attendedAt: null });
    // Kofi is not invited here: nothing was written for him.
    expect(
      await t.test.db.sessionInvitation.count({ where: { personId: second.kofiId, venueId: sessions.onlineVenueId } }),
    ).toBe(0);

    const audit = await t.test.db.auditLog.findFirstOrThrow({ where: { action: 'session.roll_call' } });
    expect(audit).toMatchObject({ actorId: seed.staffId, entity: 'SessionVenue', entityId: sessions.onlineVenueId });
    expect(audit.details).toMatchObject({ sessionId: sessions.onlineId, marked: 2, unmarked: 1 });

    const page = (await get(response.headers.location as string, staff.cookie)).body;
    expect(page).toContain('Appel enregistré : 2 marqué(s) présent(s), 1 retiré(s).');
    expect(page).toContain('Présents : 3 sur 5');
    expect((await get(`/admin/sessions/${sessions.onlineId}`, staff.cookie)).body).toContain(
      '<li class="count-attended"><b>3</b> Présent·es</li>',
    );
  });

  it('unticks everyone but the code with an empty form', async () => {
    const response = await post(url, staff.cookie, `_csrf=${encodeURIComponent(staff.csrfToken)}`);
    expect(response.headers.location).toBe(`${url}?marked=0&unmarked=2`);
    const rows = await attendance();
    expect(Object.values(rows).filter((row) => row.attendedAt !== null)).toEqual([
      expect.objectContaining({ personId: awa, attendedBy: 'code' }),
    ]);
  });

  it('opens the roll call only 30 minutes before the session: before, says when and refuses to record', async () => {
    const abidjan = sessions.workshopVenues.abidjan!.id;
    const early = `/admin/sessions/${sessions.workshopId}/venues/${abidjan}/roll-call`;
    const page = (await get(early, staff.cookie)).body;
    expect(page).toMatch(/L&#39;appel ouvre le mardi 9 mars 2027, \d\d:30\./);
    expect(page).not.toContain('Enregistrer l&#39;appel');
    const refused = await post(early, staff.cookie, `_csrf=${encodeURIComponent(staff.csrfToken)}&present=${awa}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/L&#39;appel ouvre le mardi 9 mars 2027, \d\d:30\./);
    expect(await t.test.db.sessionInvitation.count({ where: { venueId: abidjan, attendedAt: { not: null } } })).toBe(0);
    expect(await t.test.db.auditLog.count({ where: { action: 'session.roll_call', entityId: abidjan } })).toBe(0);
  });

  it('takes no roll call for a cancelled session, nor for another programme’s staff', async () => {
    const cancelled = `/admin/sessions/${sessions.closingId}/venues/${sessions.closingVenueId}/roll-call`;
    expect((await get(cancelled, staff.cookie)).body).toContain(
      'Cette session est annulée : il n&#39;y a pas d&#39;appel à faire.',
    );
    const refused = await post(cancelled, staff.cookie, `_csrf=${encodeURIComponent(staff.csrfToken)}&present=${awa}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Cette session est annulée');
    const other = await post(url, bernard.cookie, `_csrf=${encodeURIComponent(bernard.csrfToken)}&present=${rivo}`);
    expect(other.statusCode).toBe(404);
    expect((await attendance())[rivo]).toMatchObject({ attendedAt: null });
  });
});
