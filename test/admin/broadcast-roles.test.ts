import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import type { TestApp } from '../support/test-app.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

type Session = { cookie: string; csrfToken: string };

/** The dashboard's compose form by role: the checkboxes, the preview per role, the segment stored. */
describe('a dashboard broadcast by role', () => {
  let app: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let staff: Session;

  const db = () => app.test.db;
  const post = (url: string, fields: [string, string][]) =>
    app.app.inject({
      method: 'POST',
      url,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', staff.csrfToken], ...fields]).toString(),
    });
  /** The form as sent from the page: the roles ticked, other narrowing, a text, sent now. */
  const form = (roles: string[], narrowing: [string, string][] = []): [string, string][] => [
    ['programme', seed.programmeId],
    ['roles', 'shown'],
    ...roles.map((role): [string, string] => ['role', role]),
    ...narrowing,
    ['text_fr', 'Réunion jeudi au centre.'],
    ['text_en', ''],
    ['when', 'now'],
    ['at', ''],
  ];

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seed = await seedCohort(db(), SAMPLE_DAYTIME, { mediaDir: app.mediaDir });
    trainers = await seedTrainers(db(), seed, SAMPLE_DAYTIME);
    staff = await signInAs(app.app, db(), seed.staffId, SAMPLE_DAYTIME);
  });

  afterAll(async () => {
    await app.close();
  });

  it('offers every role, participants ticked', async () => {
    const page = await app.app.inject({
      method: 'GET',
      url: '/admin/broadcasts/new',
      headers: { cookie: staff.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<legend>Rôles</legend>');
    expect(page.body).toContain('<input type="checkbox" name="role" value="participant" checked> Participants');
    for (const [role, label] of [
      ['mentor', 'Mentors'],
      ['trainer', 'Formateurs'],
      ['staff', 'Équipe du programme'],
    ])
      expect(page.body).toContain(`<input type="checkbox" name="role" value="${role}"> ${label}`);
  });

  it('previews the trainers of Bukavu: one recipient, the role named and counted', async () => {
    const preview = await post('/admin/broadcasts/preview', form(['trainer'], [['hub', trainers.hubIds.bukavu]]));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toMatch(/data-count="recipients">1</);
    expect(preview.body).toContain('<p data-roles="trainer">Rôles : Formateurs : 1</p>');
    expect(preview.body).toContain('Destinataires : formateurs uniquement · hub Bukavu');
    // The form shown again keeps the role ticked, and participants not.
    expect(preview.body).toContain('value="trainer" checked');
    expect(preview.body).not.toContain('value="participant" checked');
  });

  it('previews participants and mentors with a count for each', async () => {
    const preview = await post('/admin/broadcasts/preview', form(['participant', 'mentor']));
    expect(preview.body).toMatch(/data-count="recipients">7</);
    expect(preview.body).toContain('Rôles : Participants : 5, Mentors : 2');
    expect(preview.body).toContain('Destinataires : participants et mentors');
  });

  it('refuses a form with no role ticked, and reads a form without the roles as participants', async () => {
    const none = await post('/admin/broadcasts/preview', form([]));
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Cochez au moins un rôle.');
    const older = await post(
      '/admin/broadcasts/preview',
      form([]).filter(([name]) => name !== 'roles'),
    );
    expect(older.statusCode).toBe(200);
    expect(older.body).toMatch(/data-count="recipients">5</);
    expect(older.body).toContain('Rôles : Participants : 5');
  });

  it('sends to the mentors only, stored with its roles and audited', async () => {
    const created = await post('/admin/broadcasts', [...form(['mentor']), ['draft', 'mentors-only-draft']]);
    expect(created.statusCode).toBe(303);
    const broadcastId = /\/admin\/broadcasts\/(\w+)$/.exec(created.headers.location as string)![1]!;
    const stored = await db().broadcast.findUniqueOrThrow({ where: { id: broadcastId }, include: { segment: true } });
    expect(stored.segment.filter).toEqual({ roles: ['mentor'] });
    expect(await db().auditLog.count({ where: { action: 'broadcast.schedule', entityId: broadcastId } })).toBe(1);
    await expect
      .poll(async () =>
        (await db().outboundMessage.findMany({ where: { broadcastId }, select: { personId: true } }))
          .map((m) => m.personId)
          .sort(),
      )
      .toEqual([...seed.mentorIds].sort());
    const report = await app.app.inject({
      method: 'GET',
      url: `/admin/broadcasts/${broadcastId}`,
      headers: { cookie: staff.cookie },
    });
    expect(report.body).toContain('mentors uniquement');
  });
});
