import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
} from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';

type Session = { cookie: string; csrfToken: string };
type Fields = [string, string][];

const HUBS = ['abidjan', 'ouagadougou', 'tunis', 'bukavu', 'antananarivo'];

/** Staff create, edit, announce and cancel sessions from the dashboard; nobody else can. */
describe('creating and editing a session in the dashboard', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let claire: Session;
  let mentor: Session;
  let bernard: Session;
  const db = () => app.test.db;

  const get = (who: Session, url: string) => app.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const post = (who: Session, url: string, fields: Fields, csrf = true) =>
    app.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ...(csrf ? [['_csrf', who.csrfToken] as [string, string]] : []),
        ...fields,
      ]).toString(),
    });

  /** The form as Claire fills it in for a morning workshop in every hub, with `changes` replacing fields of the same name. */
  const workshopForm = (changes: Fields = [], leftOut: string[] = []): Fields => {
    const base: Fields = [
      ['programme', seed.programmeId],
      ['kind', 'workshop'],
      ['title_fr', 'Atelier : cartographier son projet'],
      ['title_en', 'Workshop: mapping your project'],
      ['description_fr', 'Une matinée de travail en groupe.'],
      ['description_en', ''],
      ['role', 'participant'],
      ['where', 'venues'],
      ['same_time', 'yes'],
      ['same_starts', '2027-03-09T09:00'],
      ['same_ends', '2027-03-09T12:00'],
      ...HUBS.flatMap((hub): Fields => [
        [`venue_${hub}_held`, 'yes'],
        [`venue_${hub}_place_fr`, `Salle du hub de ${hub}`],
        [`venue_${hub}_address`, `1 rue du Hub, ${hub}`],
      ]),
      ['rsvp', 'yes'],
      ['reminders', '1d, 2h'],
      ['attendance', 'code'],
      ['attendance', 'roll_call'],
      ['announce_when', 'now'],
    ];
    const replaced = new Set(changes.map(([name]) => name));
    return [...base.filter(([name]) => !replaced.has(name) && !leftOut.includes(name)), ...changes];
  };
  const created = async (fields: Fields): Promise<string> => {
    const response = await post(claire, '/admin/sessions/new', fields);
    expect(response.statusCode, response.body).toBe(303);
    const id = /^\/admin\/sessions\/(\w+)\?done=created$/.exec(String(response.headers.location))?.[1];
    expect(id).toBeDefined();
    return id!;
  };

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seed = await seedCohort(db(), SAMPLE_DAYTIME, { mediaDir: app.mediaDir });
    const second = await seedSecondProgramme(db(), SAMPLE_DAYTIME, seed, { mediaDir: app.mediaDir });
    // Chloé, in Tunis on WhatsApp, last wrote two days ago: her window is closed.
    const tunis = await db().hub.findFirstOrThrow({ where: { programmeId: seed.programmeId, key: 'tunis' } });
    await db().person.create({
      data: {
        displayName: 'Chloé',
        roles: ['participant'],
        hubId: tunis.id,
        enrolments: { create: { cohortId: seed.cohortId, role: 'participant' } },
        identities: {
          create: {
            channel: 'whatsapp',
            platformId: 'wa-chloe',
            lastInboundAt: new Date(SAMPLE_DAYTIME.getTime() - 48 * 3600_000),
          },
        },
      },
    });
    claire = await signInAs(app.app, db(), seed.staffId, SAMPLE_DAYTIME);
    mentor = await signInAs(app.app, db(), seed.mentorIds[0], SAMPLE_DAYTIME);
    bernard = await signInAs(app.app, db(), second.staffId, SAMPLE_DAYTIME);
  });

  afterAll(async () => {
    await app.close();
  });

  it('creates a workshop at 09:00 local in the five cities: four distinct instants, its key made from the title, audited', async () => {
    const form = await get(claire, `/admin/sessions/new?programme=${seed.programmeId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="same_starts"');
    expect(form.body).toContain('Fuseau Indian/Antananarivo');

    const id = await created(workshopForm([['key', '']]));
    const session = await db().session.findUniqueOrThrow({ where: { id }, include: { venues: true } });
    expect(session.key).toBe('atelier-cartographier-son-projet');
    expect(session.title).toEqual({ fr: 'Atelier : cartographier son projet', en: 'Workshop: mapping your project' });
    // The English description was left empty: the French one stands in.
    expect(session.description).toEqual({
      fr: 'Une matinée de travail en groupe.',
      en: 'Une matinée de travail en groupe.',
    });
    expect(session.reminderOffsets).toEqual([1440, 120]);
    expect(Object.fromEntries(session.venues.map((venue) => [venue.key, venue.startsAt.toISOString()]))).toEqual({
      abidjan: '2027-03-09T09:00:00.000Z',
      ouagadougou: '2027-03-09T09:00:00.000Z',
      tunis: '2027-03-09T08:00:00.000Z',
      bukavu: '2027-03-09T07:00:00.000Z',
      antananarivo: '2027-03-09T06:00:00.000Z',
    });
    expect(new Set(session.venues.map((venue) => venue.startsAt.getTime())).size).toBe(4);
    expect(session.createdById).toBe(seed.staffId);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'session.create', entityId: id } });
    expect(audit.actorId).toBe(seed.staffId);
    expect(audit.details).toMatchObject({ key: 'atelier-cartographier-son-projet', changes: { kind: 'workshop' } });

    // The same key again is refused beside the key field, and nothing is written.
    const again = await post(
      claire,
      '/admin/sessions/new',
      workshopForm([['key', 'atelier-cartographier-son-projet']]),
    );
    expect(again.statusCode).toBe(400);
    expect(again.body).toMatch(/id="key-error">Une autre session de ce programme a déjà l&#39;identifiant/);
    expect(await db().session.count({ where: { key: 'atelier-cartographier-son-projet' } })).toBe(1);
  });

  it('creates an online session at 14:00 Paris time', async () => {
    const id = await created([
      ['programme', seed.programmeId],
      ['key', 'securite-des-donnees'],
      ['kind', 'online'],
      ['title_fr', 'Sécurité des données'],
      ['description_fr', 'Avec une experte invitée.'],
      ['role', 'participant'],
      ['role', 'mentor'],
      ['where', 'online'],
      ['online_url', 'https://meet.example.org/cc-securite'],
      ['online_zone', 'Europe/Paris'],
      ['online_starts', '2027-03-10T14:00'],
      ['online_ends', '2027-03-10T16:00'],
      ['reminders', '2h'],
      ['announce_when', 'before'],
      ['announce_before', '7d'],
    ]);
    const session = await db().session.findUniqueOrThrow({ where: { id }, include: { venues: true } });
    expect(session.venues).toHaveLength(1);
    expect(session.venues[0]).toMatchObject({
      key: 'online',
      url: 'https://meet.example.org/cc-securite',
      timeZone: 'Europe/Paris',
      startsAt: new Date('2027-03-10T13:00:00Z'),
      endsAt: new Date('2027-03-10T15:00:00Z'),
    });
    expect(session.audience).toEqual({ roles: ['participant', 'mentor'] });
    expect(session.announceAt).toEqual(new Date('2027-03-03T13:00:00Z'));
  });

  it("shows every mistake beside its field, in the staff member's words, and writes nothing", async () => {
    const before = await db().session.count();
    const response = await post(
      claire,
      '/admin/sessions/new',
      workshopForm(
        [
          ['title_fr', ''],
          ['title_en', 'Workshop <script>alert(1)</script>'],
          ['same_time', ''],
          ['venue_tunis_starts', '2027-03-09T09:00'],
          ['venue_tunis_ends', '2027-03-09T08:00'],
          ['venue_abidjan_starts', '2027-03-09T09:00'],
          ['venue_abidjan_ends', '2027-03-09T12:00'],
          ['venue_abidjan_capacity', 'beaucoup'],
          ['reminders', 'demain'],
        ],
        ['venue_ouagadougou_held', 'venue_bukavu_held', 'venue_antananarivo_held'],
      ),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Rien n&#39;a été enregistré : corrigez les 5 champs signalés ci-dessous.');
    // No title, so no id can be made from it.
    expect(response.body).toMatch(/id="key-error">Donnez un identifiant, ou un titre d&#39;où le tirer\./);
    expect(response.body).toMatch(
      /aria-describedby="title_fr-error" aria-invalid="true">[^]*?id="title_fr-error">À remplir\./,
    );
    expect(response.body).toMatch(/id="venue_tunis_ends-error">La fin doit venir après le début\./);
    expect(response.body).toMatch(/id="venue_abidjan_capacity-error">Un nombre de places entier/);
    expect(response.body).toMatch(/id="reminders-error">Écrivez des durées comme/);
    // What was typed is kept.
    expect(response.body).toContain('value="beaucoup"');
    expect(response.body).toContain('value="Workshop &lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(response.body).not.toContain('<script>alert');

    // 02:30 on the night Paris puts its clocks forward does not exist.
    const skipped = await post(claire, '/admin/sessions/new', [
      ['programme', seed.programmeId],
      ['key', 'nuit'],
      ['kind', 'online'],
      ['title_fr', 'La nuit du changement'],
      ['description_fr', 'Test'],
      ['role', 'participant'],
      ['where', 'online'],
      ['online_url', 'pas un lien'],
      ['online_zone', 'Europe/Paris'],
      ['online_starts', '2027-03-28T02:30'],
      ['online_ends', '2027-03-28T04:00'],
      ['announce_when', 'now'],
    ]);
    expect(skipped.statusCode).toBe(400);
    expect(skipped.body).toMatch(
      /id="online_starts-error">Le 2027-03-28 02:30 n&#39;existe pas à l&#39;heure de Paris \(Europe\/Paris\)/,
    );
    expect(skipped.body).toMatch(/id="online_url-error">Donnez un lien complet/);
    // A start already past.
    const past = await post(
      claire,
      '/admin/sessions/new',
      workshopForm([
        ['key', 'hier'],
        ['same_starts', '2026-11-01T09:00'],
      ]),
    );
    expect(past.statusCode).toBe(400);
    expect(past.body).toMatch(/id="same_starts-error">Ce moment est passé/);
    expect(await db().session.count()).toBe(before);
    expect(await db().sessionVenue.count({ where: { session: { key: { in: ['nuit', 'hier'] } } } })).toBe(0);
  });

  it('previews the recipients on the edit page: per venue, closed WhatsApp windows, names', async () => {
    const id = await created(workshopForm([['key', 'apercu']]));
    const page = await get(claire, `/admin/sessions/${id}/edit`);
    expect(page.statusCode).toBe(200);
    // Awa, Boubacar, Salma, Fatou and Chloé (Espoir is paused, Rivo stopped).
    expect(page.body).toMatch(/data-count="recipients">5</);
    expect(page.body).toMatch(/data-count="window-closed">1</);
    expect(page.body).toMatch(/data-count="told">0</);
    expect(page.body).toMatch(
      /<li data-venue="abidjan"><b>Abidjan<\/b> — <span data-invited>2 invitées<\/span><br><span class="muted">Awa et Fatou<\/span><\/li>/,
    );
    expect(page.body).toMatch(
      /<li data-venue="tunis"><b>Tunis<\/b> — <span data-invited>2 invitées<\/span> · <span data-window-closed>1 sur WhatsApp hors fenêtre<\/span>/,
    );
    expect(page.body).toMatch(/<li data-venue="bukavu"><b>Bukavu<\/b> — <span data-invited>0 invitée<\/span><\/li>/);
    expect(page.body).toContain('Annoncer maintenant');
    // Nothing announced yet: no warning about a change notice.
    expect(page.body).not.toContain('ont répondu oui ou peut-être');
    // The form shows the session as saved.
    expect(page.body).toContain('value="2027-03-09T09:00"');
  });

  it('moves a venue after the announcement: everyone who has not said no will be told, as the page says before saving', async () => {
    const id = await created(workshopForm([['key', 'deplacement']]));
    await db().session.update({ where: { id }, data: { announcedAt: SAMPLE_DAYTIME } });
    const page = await get(claire, `/admin/sessions/${id}/edit`);
    expect(page.body).toContain('Cette session a déjà été annoncée : si vous changez l&#39;heure ou le lieu');

    const moved = await post(
      claire,
      `/admin/sessions/${id}/edit`,
      workshopForm([
        ['same_time', ''],
        ...HUBS.flatMap((hub): Fields => [
          [`venue_${hub}_starts`, hub === 'tunis' ? '2027-03-09T10:00' : '2027-03-09T09:00'],
          [`venue_${hub}_ends`, '2027-03-09T12:00'],
        ]),
      ]),
    );
    expect(moved.statusCode, moved.body).toBe(303);
    expect(moved.headers.location).toBe(`/admin/sessions/${id}?done=updated`);
    const venues = await db().sessionVenue.findMany({ where: { sessionId: id } });
    expect(venues.filter((venue) => venue.changeNoticeDueAt !== null).map((venue) => venue.key)).toEqual(['tunis']);
    expect(venues.find((venue) => venue.key === 'tunis')?.startsAt).toEqual(new Date('2027-03-09T09:00:00Z'));
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'session.update', entityId: id } });
    expect(audit.details).toMatchObject({
      changes: { venue_tunis: { from: { starts: '2027-03-09T09:00' }, to: { starts: '2027-03-09T10:00' } } },
    });
  });

  it('changes only the title: no change notice', async () => {
    const id = await created(workshopForm([['key', 'titre']]));
    await db().session.update({ where: { id }, data: { announcedAt: SAMPLE_DAYTIME } });
    const renamed = await post(
      claire,
      `/admin/sessions/${id}/edit`,
      workshopForm([['title_fr', 'Atelier : la carte du projet']]),
    );
    expect(renamed.statusCode, renamed.body).toBe(303);
    const session = await db().session.findUniqueOrThrow({ where: { id }, include: { venues: true } });
    expect(session.title).toMatchObject({ fr: 'Atelier : la carte du projet' });
    expect(session.venues.every((venue) => venue.changeNoticeDueAt === null)).toBe(true);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'session.update', entityId: id } });
    expect(audit.details).toMatchObject({
      changes: {
        title: { from: { fr: 'Atelier : cartographier son projet' }, to: { fr: 'Atelier : la carte du projet' } },
      },
    });
    expect(Object.keys((audit.details as { changes: object }).changes)).toEqual(['title']);
  });

  it('keeps a venue people were invited to, and counts who was told', async () => {
    const id = await created(workshopForm([['key', 'invitations']]));
    const tunis = await db().sessionVenue.findFirstOrThrow({ where: { sessionId: id, key: 'tunis' } });
    const salma = seed.participantIds[2]!;
    await db().sessionInvitation.create({
      data: { sessionId: id, venueId: tunis.id, personId: salma, announcedAt: SAMPLE_DAYTIME, rsvp: 'yes' },
    });
    const page = await get(claire, `/admin/sessions/${id}/edit`);
    expect(page.body).toMatch(/data-count="told">1</);
    expect(page.body).toMatch(/<li data-venue="tunis">[^]*?<span data-told>1 déjà prévenue<\/span>/);

    const dropped = await post(claire, `/admin/sessions/${id}/edit`, workshopForm([], ['venue_tunis_held']));
    expect(dropped.statusCode).toBe(400);
    expect(dropped.body).toMatch(
      /id="venue_tunis_held-error">1 personne est déjà invitée ici : gardez ce lieu, ou annulez la session/,
    );
    expect(await db().sessionVenue.count({ where: { sessionId: id } })).toBe(5);
    expect(await db().auditLog.count({ where: { action: 'session.update', entityId: id } })).toBe(0);
  });

  it('cancels a session only after the confirmation, audited', async () => {
    const id = await created(workshopForm([['key', 'annulee']]));
    const confirm = await get(claire, `/admin/sessions/${id}/cancel`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Annuler « Atelier : cartographier son projet » ? Cela ne peut pas être défait.');
    expect(confirm.body).toContain('name="confirm" value="yes"');

    const unconfirmed = await post(claire, `/admin/sessions/${id}/cancel`, []);
    expect(unconfirmed.statusCode).toBe(400);
    expect((await db().session.findUniqueOrThrow({ where: { id } })).status).toBe('scheduled');

    const cancelled = await post(claire, `/admin/sessions/${id}/cancel`, [['confirm', 'yes']]);
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe(`/admin/sessions/${id}?done=cancelled`);
    const session = await db().session.findUniqueOrThrow({ where: { id } });
    expect(session.status).toBe('cancelled');
    expect(session.cancelledAt).not.toBeNull();
    expect(
      await db().auditLog.count({ where: { action: 'session.cancel', entityId: id, actorId: seed.staffId } }),
    ).toBe(1);
    // A cancelled session is neither edited nor announced.
    expect((await post(claire, `/admin/sessions/${id}/edit`, workshopForm())).statusCode).toBe(400);
    expect((await post(claire, `/admin/sessions/${id}/announce`, [])).statusCode).toBe(400);
    expect((await get(claire, `/admin/sessions/${id}/edit`)).body).toContain('Cette session a été annulée le');
  });

  it('announces a session now', async () => {
    const id = await created(
      workshopForm([
        ['key', 'annonce'],
        ['announce_when', 'before'],
        ['announce_before', '7d'],
      ]),
    );
    expect((await db().session.findUniqueOrThrow({ where: { id } })).announceAt).toEqual(
      new Date('2027-03-02T06:00:00Z'),
    );
    const response = await post(claire, `/admin/sessions/${id}/announce`, []);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(new RegExp(`^/admin/sessions/${id}\\?done=announced&count=\\d+$`));
    const session = await db().session.findUniqueOrThrow({ where: { id } });
    const due = session.announcedAt ?? session.announceAt;
    expect(due!.getTime()).toBeLessThanOrEqual(app.deps.now().getTime());
  });

  it('refuses a form without its CSRF token, and writes nothing', async () => {
    const before = await db().session.count();
    const response = await post(claire, '/admin/sessions/new', workshopForm([['key', 'sans-jeton']]), false);
    expect(response.statusCode).toBe(403);
    expect(await db().session.count()).toBe(before);
  });

  it("keeps these pages for staff of the session's programme: a mentor gets 403, another programme's staff 404", async () => {
    const id = await created(workshopForm([['key', 'reservee']]));
    expect((await get(mentor, '/admin/sessions/new')).statusCode).toBe(403);
    expect((await post(mentor, '/admin/sessions/new', workshopForm([['key', 'mentor']]))).statusCode).toBe(403);
    expect((await get(mentor, `/admin/sessions/${id}/edit`)).statusCode).toBe(403);
    expect((await post(mentor, `/admin/sessions/${id}/cancel`, [['confirm', 'yes']])).statusCode).toBe(403);

    expect((await get(bernard, `/admin/sessions/new?programme=${seed.programmeId}`)).statusCode).toBe(404);
    expect((await post(bernard, '/admin/sessions/new', workshopForm([['key', 'bernard']]))).statusCode).toBe(404);
    expect((await get(bernard, `/admin/sessions/${id}/edit`)).statusCode).toBe(404);
    expect((await post(bernard, `/admin/sessions/${id}/edit`, workshopForm())).statusCode).toBe(404);
    expect((await post(bernard, `/admin/sessions/${id}/announce`, [])).statusCode).toBe(404);
    expect((await post(bernard, `/admin/sessions/${id}/cancel`, [['confirm', 'yes']])).statusCode).toBe(404);
    const session = await db().session.findUniqueOrThrow({ where: { id } });
    expect(session.status).toBe('scheduled');
    expect(session.announceAt).toBeNull();
    expect(await db().session.count({ where: { key: { in: ['mentor', 'bernard'] } } })).toBe(0);
  });
});
