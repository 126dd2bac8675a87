import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutBroadcast } from '../../src/jobs/fan-out-broadcast.ts';
import { signInAs, seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

const PARIS = 'Europe/Paris';
const BOM = '\uFEFF';

type Session = { cookie: string; csrfToken: string };

describe('broadcasts, schedule and exports in the dashboard', () => {
  let app: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let staff: Session;
  let mentor: Session;
  const extra: Record<string, string> = {};

  const get = (session: Session, url: string) =>
    app.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  const post = (session: Session, url: string, fields: [string, string][] = []) =>
    app.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', session.csrfToken], ...fields]).toString(),
    });
  const db = () => app.test.db;
  /** The compose form as a person fills it in. */
  const broadcastForm = (
    texts: { fr: string; en?: string },
    when: { at?: DateTime } = {},
    audience: [string, string][] = [],
  ): [string, string][] => [
    ['programme', seed.programmeId],
    ...audience,
    ['text_fr', texts.fr],
    ['text_en', texts.en ?? ''],
    ['when', when.at ? 'later' : 'now'],
    ['at', when.at ? when.at.setZone(PARIS).toFormat("yyyy-LL-dd'T'HH:mm") : ''],
  ];

  beforeAll(async () => {
    app = await startAdminTestApp();
    seed = await seedCohort(db(), new Date(), { mediaDir: app.mediaDir });
    const hub = (key: string) =>
      db()
        .hub.findFirstOrThrow({ where: { key }, select: { id: true } })
        .then((h) => h.id);
    // Two participants on WhatsApp: Chloé last wrote 30 hours ago (window closed), Zoé an hour ago.
    for (const [name, hoursAgo, hubKey] of [
      ['Chloé', 30, 'abidjan'],
      ['Zoé, "la grande"', 1, 'tunis'],
    ] as const) {
      const person = await db().person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          locale: 'fr',
          hubId: await hub(hubKey),
          enrolments: { create: { cohortId: seed.cohortId, role: 'participant' } },
          identities: {
            create: {
              channel: 'whatsapp',
              platformId: `wa-${hoursAgo}`,
              lastInboundAt: new Date(Date.now() - hoursAgo * 3600_000),
            },
          },
        },
      });
      extra[name] = person.id;
    }
    // A participant whose name a spreadsheet would run as a formula.
    await db().person.update({
      where: { id: seed.participantIds[1]! },
      data: { displayName: '=HYPERLINK("http://evil","Boubacar")' },
    });
    staff = await signInAs(app.app, db(), seed.staffId);
    mentor = await signInAs(app.app, db(), seed.mentorIds[0]);
  });

  afterAll(async () => {
    await app.close();
  });

  it('keeps broadcasts, the schedule and personal exports for staff: a mentor gets 403', async () => {
    expect((await get(mentor, '/admin/broadcasts')).statusCode).toBe(403);
    expect((await get(mentor, '/admin/broadcasts/new')).statusCode).toBe(403);
    expect((await post(mentor, '/admin/broadcasts/preview', broadcastForm({ fr: 'Bonjour' }))).statusCode).toBe(403);
    expect((await post(mentor, '/admin/broadcasts', broadcastForm({ fr: 'Bonjour' }))).statusCode).toBe(403);
    expect((await get(mentor, `/admin/schedule?cohort=${seed.cohortId}`)).statusCode).toBe(403);
    expect((await get(mentor, `/admin/people/${seed.participantIds[0]}/export.json`)).statusCode).toBe(403);
    expect(await db().broadcast.count()).toBe(0);
  });

  it('previews a broadcast: recipients, WhatsApp windows closed, and the text as each reader sees it', async () => {
    const list = await get(staff, '/admin/broadcasts');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/admin/broadcasts/new?programme=');
    const compose = await get(staff, '/admin/broadcasts/new');
    expect(compose.body).toContain('name="text_fr"');
    expect(compose.body).toContain('name="text_en"');

    // Everyone active or selected: Awa, Boubacar, Salma, Fatou, Chloé and Zoé (Espoir is paused, Rivo stopped).
    const now = await post(
      staff,
      '/admin/broadcasts/preview',
      broadcastForm({ fr: 'Atelier en ligne à 15h (heure de Paris).', en: 'Online workshop at 15:00 (Paris time).' }),
    );
    expect(now.statusCode).toBe(200);
    expect(now.body).toMatch(/data-count="recipients">6</);
    // Only Chloé has not written in the last 24 hours.
    expect(now.body).toMatch(/data-count="window-closed">1</);
    expect(now.body).toContain('formaction="/admin/broadcasts"');

    // Sent in ten days: nobody on WhatsApp will have written in the 24 hours before, unless they write again.
    const at = DateTime.now().setZone(PARIS).plus({ days: 10 }).set({ hour: 9, minute: 30, second: 0, millisecond: 0 });
    const later = await post(
      staff,
      '/admin/broadcasts/preview',
      broadcastForm(
        { fr: 'Atelier en ligne à 15h (heure de Paris).', en: 'Online workshop at 15:00 (Paris time).' },
        { at },
      ),
    );
    expect(later.body).toMatch(/data-count="window-closed">2</);
    // Abidjan and Ouagadougou read the time in their own zone; Tunis shares Paris's clock in winter.
    const abidjan = at.set({ hour: 15, minute: 0 }).setZone('Africa/Abidjan');
    expect(later.body).toContain(`Atelier en ligne à ${abidjan.hour}h (heure locale).`);
    expect(later.body).toContain('Online workshop at');
    expect(later.body).toContain(at.toUTC().toFormat('yyyy-LL-dd HH:mm') + ' UTC');

    const missing = await post(staff, '/admin/broadcasts/preview', broadcastForm({ fr: '' }));
    expect(missing.statusCode).toBe(400);
    const past = await post(
      staff,
      '/admin/broadcasts/preview',
      broadcastForm({ fr: 'Hier' }, { at: DateTime.now().minus({ days: 1 }) }),
    );
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('name="text_fr"');
  });

  it('schedules a broadcast that fans out at its time, to the audience as it is then, and reports its delivery', async () => {
    const at = DateTime.now().setZone(PARIS).plus({ minutes: 3 }).startOf('minute');
    const created = await post(
      staff,
      '/admin/broadcasts',
      broadcastForm({ fr: 'Rendez-vous à 15h.' }, { at }, [['cohort', seed.cohortId]]),
    );
    expect(created.statusCode).toBe(303);
    const broadcastId = /\/admin\/broadcasts\/(\w+)$/.exec(created.headers.location as string)![1]!;
    const stored = await db().broadcast.findUniqueOrThrow({ where: { id: broadcastId }, include: { segment: true } });
    expect(stored).toMatchObject({
      status: 'scheduled',
      scheduledAt: at.toJSDate(),
      createdById: seed.staffId,
      texts: { fr: 'Rendez-vous à 15h.', en: 'Rendez-vous à 15h.' },
    });
    expect(stored.segment.filter).toEqual({ cohortIds: [seed.cohortId] });
    expect(
      await db().auditLog.count({
        where: { action: 'broadcast.schedule', entityId: broadcastId, actorId: seed.staffId },
      }),
    ).toBe(1);
    // The existing fan-out job waits in its queue for the time.
    const job = await app.queues
      .all()
      .find((queue) => queue.name === 'fan-out-broadcast')!
      .getJob(`bc-${broadcastId}`);
    expect(await job?.getState()).toBe('delayed');
    expect(await db().outboundMessage.count({ where: { broadcastId } })).toBe(0);

    const report = await get(staff, `/admin/broadcasts/${broadcastId}`);
    expect(report.body).toContain('data-status="scheduled"');
    expect(report.body).toContain(`action="/admin/broadcasts/${broadcastId}/cancel"`);

    // Before the time comes, Salma stops and Nadia joins: the segment is evaluated at send time.
    await db().enrolment.update({
      where: { id: seed.enrolmentIds[seed.participantIds[2]!]! },
      data: { status: 'stopped' },
    });
    const nadia = await db().person.create({
      data: {
        displayName: 'Nadia',
        roles: ['participant'],
        enrolments: { create: { cohortId: seed.cohortId, role: 'participant' } },
        identities: { create: { channel: 'simulator', platformId: 'nadia', lastInboundAt: new Date() } },
      },
    });
    const clock = { now: () => new Date(at.toMillis() + 1000) };
    await fanOutBroadcast.handle({ broadcastId }, { ...app.context, ...clock });
    const messages = await db().outboundMessage.findMany({ where: { broadcastId }, select: { personId: true } });
    const reached = messages.map((m) => m.personId);
    expect(reached).toContain(nadia.id);
    expect(reached).not.toContain(seed.participantIds[2]);
    expect(reached).toHaveLength(6);

    // The workers deliver: the simulator accepts; WhatsApp is not configured in this test, so those fail.
    await expect
      .poll(() => db().outboundMessage.count({ where: { broadcastId, status: { in: ['queued', 'sending'] } } }), {
        timeout: 20_000,
      })
      .toBe(0);
    // Status callbacks from the platforms: one delivered, one read.
    const simulated = await db().outboundMessage.findMany({
      where: { broadcastId, channel: 'simulator' },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    await db().outboundMessage.update({
      where: { id: simulated[0]!.id },
      data: { status: 'delivered', deliveredAt: new Date() },
    });
    await db().outboundMessage.update({
      where: { id: simulated[1]!.id },
      data: { status: 'read', readAt: new Date() },
    });

    const page = await get(staff, `/admin/broadcasts/${broadcastId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-status="sent"');
    expect(page.body).toMatch(/data-bucket="total">6</);
    expect(page.body).toMatch(/data-bucket="sent">2</);
    expect(page.body).toMatch(/data-bucket="delivered">1</);
    expect(page.body).toMatch(/data-bucket="read">1</);
    expect(page.body).toMatch(/data-bucket="failed">2</);
    expect(page.body).toContain('the whatsapp channel is not configured');
    expect(page.body).toContain(`href="/admin/people/${extra['Chloé']}"`);
    expect(page.body).not.toContain('/cancel"');
    const list = await get(staff, '/admin/broadcasts');
    expect(list.body).toContain(`href="/admin/broadcasts/${broadcastId}"`);
  });

  it('cancels a scheduled broadcast, which then sends nothing', async () => {
    const at = DateTime.now().setZone(PARIS).plus({ days: 2 }).startOf('minute');
    const created = await post(staff, '/admin/broadcasts', broadcastForm({ fr: 'Annulée' }, { at }));
    const broadcastId = /\/admin\/broadcasts\/(\w+)$/.exec(created.headers.location as string)![1]!;
    const schedule = await get(staff, `/admin/schedule?cohort=${seed.cohortId}&days=14`);
    expect(schedule.statusCode).toBe(200);
    expect(schedule.body).toContain(`<a href="/admin/broadcasts/${broadcastId}">Annonce : « Annulée »</a>`);
    expect(schedule.body).toContain(`${at.toFormat('HH:mm')}, heure de Paris (${at.toUTC().toFormat('HH:mm')} UTC)`);
    expect((await get(staff, `/admin/schedule?cohort=${seed.cohortId}&days=400`)).statusCode).toBe(400);

    expect((await post(staff, `/admin/broadcasts/${broadcastId}/cancel`)).statusCode).toBe(303);
    expect((await db().broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status).toBe('cancelled');
    expect(await db().auditLog.count({ where: { action: 'broadcast.cancel', entityId: broadcastId } })).toBe(1);
    await fanOutBroadcast.handle({ broadcastId }, { ...app.context, now: () => new Date(at.toMillis() + 1000) });
    expect(await db().outboundMessage.count({ where: { broadcastId } })).toBe(0);
    expect((await post(staff, `/admin/broadcasts/${broadcastId}/cancel`)).statusCode).toBe(400);
  });

  it('schedules one broadcast when the same form is sent twice', async () => {
    const before = await db().broadcast.count();
    const compose = await get(staff, '/admin/broadcasts/new');
    const draft = /name="draft" value="([^"]+)"/.exec(compose.body)![1]!;
    const form = [
      ...broadcastForm({ fr: 'Une seule fois' }, { at: DateTime.now().plus({ days: 5 }).startOf('minute') }),
      ['draft', draft],
    ] as [string, string][];
    const [first, second] = await Promise.all([
      post(staff, '/admin/broadcasts', form),
      post(staff, '/admin/broadcasts', form),
    ]);
    expect(first.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await db().broadcast.count()).toBe(before + 1);
  });

  it('exports participants as CSV with a BOM, accents intact, RFC 4180 quoting and no formulas', async () => {
    const response = await get(staff, `/admin/exports/participants.csv?cohort=${seed.cohortId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="participants-promo-2027-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csv = response.body;
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'id_personne,nom,statut,hub,pays,fuseau_horaire,langue,canaux,mentor,inscrit_le,statut_depuis',
    );
    expect(csv).toContain(`${extra['Chloé']},Chloé,actif,Abidjan,CI,`);
    expect(csv).toContain(`${extra['Zoé, "la grande"']},"Zoé, ""la grande""",actif,Tunis,TN,`);
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil"",""Boubacar"")",`);
    expect(csv).toContain('Mme Diallo');
    // Staff see the whole cohort: 6 seeded participants, Chloé, Zoé and Nadia.
    expect(lines.filter((line) => line !== '')).toHaveLength(1 + 9);
    expect(await db().auditLog.count({ where: { action: 'export.csv', actorId: seed.staffId } })).toBeGreaterThan(0);
  });

  it("gives a mentor only their mentees' rows, in every export", async () => {
    const mentees = seed.menteesOf[seed.mentorIds[0]]!;
    const others = seed.participantIds.filter((id) => !mentees.includes(id));
    for (const file of ['participants', 'submissions', 'scores']) {
      const response = await get(mentor, `/admin/exports/${file}.csv?cohort=${seed.cohortId}`);
      expect(response.statusCode, file).toBe(200);
      expect(response.body.startsWith(BOM), file).toBe(true);
      const ids = new Set([...response.body.matchAll(/\b(c[a-z0-9]{20,})\b/g)].map((m) => m[1]));
      for (const id of others) expect(ids.has(id), `${file} leaks ${id}`).toBe(false);
      expect(ids.has(mentees[0]), file).toBe(true);
    }
    expect((await get(mentor, '/admin/exports/participants.csv?cohort=elsewhere')).statusCode).toBe(404);
    expect((await get(mentor, '/admin/exports/participants.csv')).statusCode).toBe(400);
  });

  it('exports submissions with the answers as people wrote them, and the scores', async () => {
    const submissions = await get(staff, `/admin/exports/submissions.csv?cohort=${seed.cohortId}`);
    expect(submissions.body.startsWith(BOM)).toBe(true);
    expect(submissions.body).toContain('Awa : réponse à « ');
    expect(submissions.body).toContain('image/png');
    expect(submissions.body).toMatch(/,manqué,false,/);
    const scores = await get(staff, `/admin/exports/scores.csv?cohort=${seed.cohortId}`);
    expect(scores.statusCode).toBe(200);
    const [header, first] = scores.body.slice(1).split('\r\n');
    expect(header).toBe('rang,id_personne,nom,statut,total,motivation,reactivite,travail_equipe,grille,raisons');
    expect(first).toMatch(/^1,c\w+,/);
  });

  it('exports everything held about a person as JSON for a data-protection request, and audits it', async () => {
    const awa = seed.participantIds[0]!;
    const response = await get(staff, `/admin/people/${awa}/export.json`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(`attachment; filename="person-${awa}-`);
    const data = response.json();
    expect(data.person).toMatchObject({ id: awa, displayName: 'Awa', locale: 'fr' });
    expect(data.channels[0].channel).toBe('simulator');
    expect(data.enrolments[0].submissions.length).toBeGreaterThan(0);
    expect(JSON.stringify(data.enrolments[0].submissions)).toContain('Awa : réponse à « ');
    expect(data.enrolments[0].actionPlan.milestones).toHaveLength(3);
    expect(data.mediaFiles.length).toBeGreaterThan(0);
    expect(data.checkIns).toHaveLength(1);
    expect(
      await db().auditLog.count({ where: { action: 'person.export', entityId: awa, actorId: seed.staffId } }),
    ).toBe(1);
    expect((await get(staff, '/admin/people/nobody/export.json')).statusCode).toBe(404);
  });
});
