import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
} from '../support/admin-app.ts';
import { clockFrom } from '../support/clock.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/** 19:00 in Abidjan, 20:00 in Tunis, 22:00 in Antananarivo: its quiet hours (21:00–07:00) have begun. */
const EVENING = new Date('2026-11-16T19:00:00Z');

/** Text as a person reads it: tags out, spaces collapsed. */
function readable(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

describe('releasing an exercise now from the cohort’s operations', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let exerciseId: string;
  let url: string;
  const people: Record<string, string> = {};
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
    app = await startAdminTestApp({ now: clockFrom(EVENING) });
    db = app.test.db;
    seed = await seedCohort(db, EVENING);
    trainers = await seedTrainers(db, seed, EVENING);
    const second = await seedSecondProgramme(db, EVENING, seed);
    // The seeded participants all have the sixth exercise (or are stopped); three newcomers do not.
    exerciseId = seed.exerciseIds[5]!;
    for (const [name, hub, joined] of [
      ['Nadia', 'abidjan', true],
      ['Tahina', 'antananarivo', true],
      ['Moussa', 'tunis', false],
    ] as const) {
      const person = await db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          locale: 'fr',
          hubId: trainers.hubIds[hub],
          identities: { create: { channel: 'simulator', platformId: `release-now-${name}`, lastInboundAt: EVENING } },
          enrolments: {
            create: {
              cohortId: seed.cohortId,
              role: 'participant',
              status: 'active',
              joinedAt: joined ? EVENING : null,
            },
          },
        },
      });
      people[name] = person.id;
    }
    for (const [who, id] of [
      ['claire', seed.staffId],
      ['diallo', seed.mentorIds[0]],
      ['aline', trainers.bukavuTrainerId],
      ['bernard', second.staffId],
    ] as const)
      sessions[who] = await signInAs(app.app, db, id, EVENING);
    url = `/admin/cohorts/${seed.cohortId}/operations/release`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is reached from the cohort page, for staff only', async () => {
    const cohort = await get('claire', `/admin/cohorts/${seed.cohortId}`);
    expect(cohort.body).toContain(`href="/admin/cohorts/${seed.cohortId}/operations"`);
    const trainerCohort = await get('aline', `/admin/cohorts/${seed.cohortId}`);
    expect(trainerCohort.statusCode).toBe(200);
    expect(trainerCohort.body).not.toContain('/operations');
    const page = await get('claire', `/admin/cohorts/${seed.cohortId}/operations`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<option value="${exerciseId}">6.`);
    expect(readable(page.body)).toContain('Publier un exercice maintenant');
  });

  it('previews who gets it, with their local time and what the quiet hours hold, and who does not', async () => {
    const page = await get('claire', `${url}?exercise=${exerciseId}`);
    expect(page.statusCode).toBe(200);
    const text = readable(page.body);
    // Josué, of Bukavu (seedTrainers), is a joined participant too: 21:00 there.
    expect(text).toContain('Le reçoivent (3)');
    expect(text).toMatch(
      /Josué Bukavu lun\. 21:00 \(Africa\/Lubumbashi\) retenu par les heures calmes jusqu’à mardi 07:00/,
    );
    expect(text).toMatch(/Nadia Abidjan lun\. 19:00 \(Africa\/Abidjan\) tout de suite/);
    expect(text).toMatch(
      /Tahina Antananarivo lun\. 22:00 \(Indian\/Antananarivo\) retenu par les heures calmes jusqu’à mardi 07:00/,
    );
    expect(text).toMatch(/L’ont déjà \(5\) Awa , Boubacar , Espoir , Fatou , Salma/);
    expect(text).toContain('Ne le recevront pas (2)');
    expect(text).toMatch(/Moussa Tunis n’a pas fini de rejoindre le programme/);
    expect(text).toMatch(/Rivo Antananarivo a arrêté le programme/);
    expect(page.body).toContain('Publier maintenant pour 3 participants');
    // A preview writes nothing.
    expect(await db.submission.count({ where: { exerciseId, enrolment: { personId: people.Nadia } } })).toBe(0);
  });

  it('refuses mentors, trainers, another programme’s staff and an exercise of another programme', async () => {
    for (const who of ['diallo', 'aline']) {
      expect((await get(who, `${url}?exercise=${exerciseId}`)).statusCode).toBe(403);
      expect((await post(who, url, { exercise: exerciseId })).statusCode).toBe(403);
      expect((await get(who, `/admin/cohorts/${seed.cohortId}/operations`)).statusCode).toBe(403);
    }
    expect((await get('bernard', `${url}?exercise=${exerciseId}`)).statusCode).toBe(404);
    expect((await post('bernard', url, { exercise: exerciseId })).statusCode).toBe(404);
    const elsewhere = await db.exercise.findFirstOrThrow({ where: { programmeId: { not: seed.programmeId } } });
    expect((await get('claire', `${url}?exercise=${elsewhere.id}`)).statusCode).toBe(404);
    expect((await get('claire', url)).statusCode).toBe(400);
    expect(await db.submission.count({ where: { exerciseId, enrolment: { personId: people.Nadia } } })).toBe(0);
  });

  it('refuses a release without the form’s token', async () => {
    const response = await post('claire', url, { exercise: exerciseId }, false);
    expect(response.statusCode).toBe(403);
    expect(await db.submission.count({ where: { exerciseId, enrolment: { personId: people.Nadia } } })).toBe(0);
  });

  it('releases it to those the preview named, says what the quiet hours hold, and is audited', async () => {
    const response = await post('claire', url, { exercise: exerciseId });
    // The result has an address of its own: reloading it releases nothing and records nothing again.
    expect(response.statusCode).toBe(303);
    const done = String(response.headers.location);
    expect(done).toMatch(new RegExp(`^/admin/cohorts/${seed.cohortId}/operations/release/done\\?`));
    const text = readable((await get('claire', done)).body);
    expect(readable((await get('claire', done)).body)).toBe(text);
    expect(await db.auditLog.count({ where: { action: 'exercise.release' } })).toBe(1);
    // Espoir, paused, is not counted among those who had it: the release does not look at her.
    expect(text).toContain('Publié pour 3 participants. 4 l’avaient déjà.');
    expect(text).toMatch(
      /messages pour 2 participants attendent la fin des heures calmes \(21:00–07:00, heure locale\)/,
    );
    for (const name of ['Nadia', 'Tahina']) {
      const submission = await db.submission.findFirstOrThrow({
        where: { exerciseId, enrolment: { personId: people[name] } },
      });
      expect(submission.status).toBe('open');
    }
    const held = await db.outboundMessage.findMany({ where: { personId: people.Tahina, purpose: 'exercise_release' } });
    expect(held.length).toBeGreaterThan(0);
    // 07:00 the next morning in Antananarivo.
    expect(held.every((message) => message.plannedAt.toISOString() === '2026-11-17T04:00:00.000Z')).toBe(true);
    expect(await db.submission.count({ where: { exerciseId, enrolment: { personId: people.Moussa } } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'exercise.release' } });
    expect(audit).toMatchObject({ actorId: seed.staffId, entity: 'Cohort', entityId: seed.cohortId });
    expect(audit.details).toMatchObject({ exerciseId, count: 3, already: 4 });
  });

  it('sends nothing twice when released again', async () => {
    const before = await db.outboundMessage.count({ where: { purpose: 'exercise_release' } });
    const response = await post('claire', url, { exercise: exerciseId });
    expect(readable((await get('claire', String(response.headers.location))).body)).toContain(
      'Publié pour 0 participant. 7 l’avaient déjà.',
    );
    expect(await db.outboundMessage.count({ where: { purpose: 'exercise_release' } })).toBe(before);
    const preview = readable((await get('claire', `${url}?exercise=${exerciseId}`)).body);
    expect(preview).toContain('Personne ne le recevrait');
  });
});
