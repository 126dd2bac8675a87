import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
} from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/** Text as a person reads it: tags out, spaces collapsed. */
function readable(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** Pausing the cohort's schedule and offline periods, from the cohort's operations page. */
describe('the cohort’s operations: pause, resume, offline periods', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let base: string;
  const sessions: Record<string, { cookie: string; csrfToken: string }> = {};

  const get = (who: string, path: string) =>
    app.app.inject({ method: 'GET', url: path, headers: { cookie: sessions[who]!.cookie } });
  const post = (who: string, path: string, fields: Record<string, string>, withToken = true) =>
    app.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie: sessions[who]!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...(withToken && { _csrf: sessions[who]!.csrfToken }) }).toString(),
    });

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    db = app.test.db;
    seed = await seedCohort(db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(db, seed, SAMPLE_DAYTIME);
    const second = await seedSecondProgramme(db, SAMPLE_DAYTIME, seed);
    for (const [who, id] of [
      ['claire', seed.staffId],
      ['diallo', seed.mentorIds[0]],
      ['aline', trainers.bukavuTrainerId],
      ['bernard', second.staffId],
    ] as const)
      sessions[who] = await signInAs(app.app, db, id, SAMPLE_DAYTIME);
    base = `/admin/cohorts/${seed.cohortId}/operations`;
  });

  /** Periods of a hub or a person (pausing the cohort makes a cohort-wide one). */
  const narrowPeriods = () =>
    db.offlinePeriod.count({ where: { OR: [{ hubId: { not: null } }, { personId: { not: null } }] } });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses mentors, trainers and another programme’s staff on every form', async () => {
    for (const path of [`${base}/pause`, `${base}/resume`, `${base}/offline`]) {
      for (const who of ['diallo', 'aline']) expect((await post(who, path, {})).statusCode).toBe(403);
      expect((await post('bernard', path, {})).statusCode).toBe(404);
    }
    expect((await get('bernard', base)).statusCode).toBe(404);
    expect((await get('aline', `${base}/offline?scope=cohort`)).statusCode).toBe(403);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: seed.cohortId } })).pausedAt).toBeNull();
    expect(await db.offlinePeriod.count()).toBe(0);
  });

  it('pauses the schedule after a confirmation, audited, and refuses it without the form’s token', async () => {
    expect((await post('claire', `${base}/pause`, {}, false)).statusCode).toBe(403);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: seed.cohortId } })).pausedAt).toBeNull();
    const page = await get('claire', base);
    expect(page.body).toMatch(/<details><summary>Mettre en pause…<\/summary>/);
    const paused = await post('claire', `${base}/pause`, {});
    expect(paused.statusCode).toBe(303);
    expect(paused.headers.location).toBe(`${base}?done=paused#pause`);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: seed.cohortId } })).pausedAt).not.toBeNull();
    const after = readable((await get('claire', `${base}?done=paused`)).body);
    expect(after).toContain('Le calendrier de la cohorte est en pause');
    expect(after).toContain('Reprendre le calendrier');
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'cohort.pause', actorId: seed.staffId } });
    expect(audit).toMatchObject({ entity: 'Cohort', entityId: seed.cohortId });
    // The schedule says so too.
    expect(readable((await get('claire', `/admin/schedule?cohort=${seed.cohortId}`)).body)).toContain('en pause');
  });

  it('resumes it, audited, without the token refused', async () => {
    expect((await post('claire', `${base}/resume`, { move: '1' }, false)).statusCode).toBe(403);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: seed.cohortId } })).pausedAt).not.toBeNull();
    const resumed = await post('claire', `${base}/resume`, { move: '1' });
    expect(resumed.headers.location).toBe(`${base}?done=resumed#pause`);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: seed.cohortId } })).pausedAt).toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'cohort.resume', actorId: seed.staffId } });
    expect(audit.details).toMatchObject({ moveDeadlines: true });
  });

  it('shows the form again with the reason beside the field when a period is wrong', async () => {
    const noEnd = await get('claire', `${base}/offline?scope=hub&hub=${trainers.hubIds.abidjan}&starts=&ends=`);
    expect(noEnd.statusCode).toBe(400);
    expect(readable(noEnd.body)).toContain('Donnez une fin.');
    const noHub = await get('claire', `${base}/offline?scope=hub&hub=&ends=2026-11-20T18:00`);
    expect(noHub.statusCode).toBe(400);
    expect(readable(noHub.body)).toContain('Choisissez le hub.');
    const past = await get('claire', `${base}/offline?scope=cohort&starts=2026-11-01T08:00&ends=2026-11-02T08:00`);
    expect(past.statusCode).toBe(400);
    expect(readable(past.body)).toContain('Cette fin est déjà passée.');
    // The fields come back as typed.
    expect(past.body).toContain('value="2026-11-02T08:00"');
    const backwards = await post('claire', `${base}/offline`, {
      scope: 'cohort',
      starts: '2026-11-25T08:00',
      ends: '2026-11-24T08:00',
    });
    expect(backwards.statusCode).toBe(400);
    expect(readable(backwards.body)).toContain('La fin doit venir après le début.');
    // Said at the top as well, leading to the field: on a phone the form is far below.
    const top = backwards.body.slice(0, backwards.body.indexOf('<section id="release"'));
    expect(top).toContain('La période hors ligne n&#39;a pas été enregistrée');
    expect(top).toContain('href="#offline-endsAt-error"');
    expect(backwards.body).toContain('id="offline-endsAt-error"');
    expect(await narrowPeriods()).toBe(0);
  });

  it('previews a hub’s period (who, how many deadlines move), then creates it, audited', async () => {
    // A week in Abidjan from now, to Sunday 22 November 18:00 there (UTC+0).
    const query = `scope=hub&hub=${trainers.hubIds.abidjan}&starts=&ends=2026-11-22T18:00&move=1`;
    const preview = await get('claire', `${base}/offline?${query}`);
    expect(preview.statusCode).toBe(200);
    const text = readable(preview.body);
    expect(text).toContain('Hub de Abidjan');
    expect(text).toContain('dimanche 22 novembre 2026 18:00 (heure de Africa/Abidjan)');
    // Awa and Fatou are followed in Abidjan; Nadia-like newcomers are not in the seed.
    expect(text).toMatch(/\d+ participants? concernés?/);
    expect(preview.body).toContain('name="ends" value="2026-11-22T18:00"');
    expect(await narrowPeriods()).toBe(0);

    expect(
      (
        await post(
          'claire',
          `${base}/offline`,
          { scope: 'hub', hub: trainers.hubIds.abidjan, ends: '2026-11-22T18:00', move: '1' },
          false,
        )
      ).statusCode,
    ).toBe(403);
    expect(await narrowPeriods()).toBe(0);

    const created = await post('claire', `${base}/offline`, {
      scope: 'hub',
      hub: trainers.hubIds.abidjan,
      starts: '',
      ends: '2026-11-22T18:00',
      move: '1',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`${base}?done=created#offline`);
    const period = await db.offlinePeriod.findFirstOrThrow({ where: { hubId: { not: null } } });
    expect(period).toMatchObject({
      cohortId: seed.cohortId,
      hubId: trainers.hubIds.abidjan,
      personId: null,
      moveDeadlines: true,
      via: 'dashboard',
      createdById: seed.staffId,
    });
    expect(period.endsAt!.toISOString()).toBe('2026-11-22T18:00:00.000Z');
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'offline_period.create' } });
    expect(audit).toMatchObject({ actorId: seed.staffId, entity: 'Cohort', entityId: seed.cohortId });
    expect(audit.details).toMatchObject({ periodId: period.id, scope: 'hub', moveDeadlines: true });
    const page = readable((await get('claire', `${base}?done=created`)).body);
    expect(page).toContain('La période hors ligne est enregistrée.');
    expect(page).toMatch(/En cours \(1\) Hub de Abidjan/);
  });

  it('takes a person’s times in their own zone, prefilled from their page', async () => {
    const rivo = seed.participantIds[4]!;
    const salma = seed.participantIds[2]!;
    const person = await get('claire', `/admin/people/${salma}`);
    expect(person.body).toContain(`href="${base}?person=${salma}#offline"`);
    const form = await get('claire', `${base}?person=${salma}`);
    expect(form.body).toContain(`<option value="${salma}" selected>`);
    expect(form.body).toMatch(/<input type="radio" name="scope" value="person" checked>/);
    // Salma lives in Tunis (UTC+1): 08:00 there is 07:00 UTC.
    const created = await post('claire', `${base}/offline`, {
      scope: 'person',
      person: salma,
      starts: '2026-11-30T08:00',
      ends: '2026-12-04T20:00',
    });
    expect(created.statusCode).toBe(303);
    const period = await db.offlinePeriod.findFirstOrThrow({ where: { personId: salma } });
    expect(period.startsAt.toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(period.moveDeadlines).toBe(false);
    expect(period.startedAt).toBeNull();
    expect(rivo).not.toBe(salma);
    expect(readable((await get('claire', base)).body)).toMatch(/À venir \(1\) Salma/);
    // Listed in the zone it was typed in: hers.
    const listed = readable((await get('claire', base)).body);
    expect(listed).toMatch(
      /Salma[^·]*· du lundi 30 novembre 2026 08:00 au vendredi 4 décembre 2026 20:00 \(heure de Africa\/Tunis\)/,
    );
  });

  it('ends a current period and cancels an upcoming one after a confirmation, audited', async () => {
    const hubPeriod = await db.offlinePeriod.findFirstOrThrow({ where: { hubId: trainers.hubIds.abidjan } });
    const personPeriod = await db.offlinePeriod.findFirstOrThrow({ where: { personId: { not: null } } });
    const page = await get('claire', base);
    expect(page.body).toContain(`action="${base}/offline/${hubPeriod.id}/end"`);
    expect(page.body).toMatch(/<details><summary>Terminer maintenant…<\/summary>/);
    expect((await post('claire', `${base}/offline/${hubPeriod.id}/end`, {}, false)).statusCode).toBe(403);
    expect((await post('bernard', `${base}/offline/${hubPeriod.id}/end`, {})).statusCode).toBe(404);
    expect((await db.offlinePeriod.findUniqueOrThrow({ where: { id: hubPeriod.id } })).endedAt).toBeNull();

    const ended = await post('claire', `${base}/offline/${hubPeriod.id}/end`, {});
    expect(ended.headers.location).toBe(`${base}?done=ended#offline`);
    expect((await db.offlinePeriod.findUniqueOrThrow({ where: { id: hubPeriod.id } })).endedById).toBe(seed.staffId);
    const cancelled = await post('claire', `${base}/offline/${personPeriod.id}/end`, {});
    expect(cancelled.headers.location).toBe(`${base}?done=cancelled#offline`);
    expect(await db.auditLog.count({ where: { action: 'offline_period.end', actorId: seed.staffId } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'offline_period.cancel', actorId: seed.staffId } })).toBe(1);
    const after = readable((await get('claire', base)).body);
    expect(after).toContain('Aucune période en cours.');
    // With the cohort's pause, ended earlier.
    expect(after).toMatch(/Terminées ces 30 derniers jours \(3\)/);
    // Another cohort's id is a 404, not someone else's period ended.
    expect((await post('claire', `${base}/offline/nope/end`, {})).statusCode).toBe(404);
  });
});
