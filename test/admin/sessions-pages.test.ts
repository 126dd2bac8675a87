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
import { createSampleSession, onlineDefinition } from '../support/sessions.ts';

/** The Sessions list and a session's page: what staff read there, and who may read it. */
describe('the Sessions pages', () => {
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

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  /** The card of the session with this title on the list page. */
  function card(body: string, title: string): string {
    const found = body.split('<li class="session-card').find((part) => part.includes(title));
    if (!found) throw new Error(`no card for ${title}`);
    return found;
  }

  /** The figure shown next to a count ("Oui") in a card or a venue. */
  function figure(part: string, count: string): number {
    const match = new RegExp(`<li class="count-${count}(?: not-started)?"><b>(\\d+)</b>`).exec(part);
    if (!match) throw new Error(`no count ${count}`);
    return Number(match[1]);
  }

  it('lists upcoming then past sessions with each venue’s local hour and the totals, from the navigation', async () => {
    const response = await get('/admin/sessions', staff.cookie);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<a href="/admin/sessions" aria-current="page">Sessions</a>');
    expect(body).toContain('<a class="button" href="/admin/sessions/new">Nouvelle session</a>');
    expect(body).toContain('href="/admin/exports/sessions.csv"');
    const [upcoming, past] = body.split('<h2>Passées</h2>') as [string, string];
    expect(upcoming).toContain('Atelier : cartographier son projet');
    expect(upcoming).toContain('Cérémonie de clôture');
    expect(past).toContain('Sécurité des données');

    // Three cities at 09:00 local: one line, whatever their UTC instants.
    const workshop = card(body, 'Atelier : cartographier son projet');
    expect(workshop).toContain('Atelier</span>');
    expect(workshop).toContain('<li>mardi 9 mars 2027, 09:00–12:00 — Tunis, Abidjan, Ouagadougou</li>');
    expect(
      ['invited', 'yes', 'maybe', 'no', 'no_answer', 'waiting', 'attended'].map((count) => figure(workshop, count)),
    ).toEqual([5, 2, 1, 0, 1, 1, 0]);

    const online = card(body, 'Sécurité des données');
    expect(online).toContain('<li>lundi 2 novembre 2026, 14:00–16:00 — En ligne, heure de Paris</li>');
    expect(figure(online, 'attended')).toBe(2);
    expect(card(body, 'Cérémonie de clôture')).toContain('Annulée');
    // Another programme's session is not listed.
    expect(body).not.toContain('Atelier du Sud');
  });

  it('shows each venue with its code, seats, waiting list, the people behind each count and the roll call', async () => {
    const response = await get(`/admin/sessions/${sessions.workshopId}`, staff.cookie);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<h1>Atelier : cartographier son projet</h1>');
    expect(body).toContain(`href="/admin/sessions/${sessions.workshopId}/edit">Modifier, annoncer, annuler</a>`);
    const abidjan = body.slice(body.indexOf('<h2 id="venue-' + sessions.workshopVenues.abidjan!.id));
    const abidjanSection = abidjan.slice(0, abidjan.indexOf('</section>'));
    expect(abidjanSection).toContain('mardi 9 mars 2027, 09:00–12:00 (heure d&#39;Abidjan)');
    expect(abidjanSection).toContain(`<span class="code">${sessions.workshopVenues.abidjan!.attendanceCode}</span>`);
    expect(abidjanSection).toContain('Salle du hub de abidjan, 1 rue du Hub, abidjan');
    expect(abidjanSection).toContain('2 places prises sur 2');
    expect(abidjanSection).toContain('<li class="count-invited"><b>3</b> Invité·es</li>');
    // Nobody can be present before the session starts: the figure is not shown as a result yet.
    expect(abidjanSection).toContain('<li class="count-attended not-started"><b>0</b> Présent·e</li>');
    expect(abidjanSection).toContain('À montrer dans la salle');
    // Announced at once, not gone yet: it goes at the scheduler's next pass.
    expect(body).toContain('L&#39;annonce part dans la minute.');
    expect(figure(abidjanSection, 'yes')).toBe(2);
    expect(figure(abidjanSection, 'waiting')).toBe(1);
    // The names behind the counts: participants link to their page, a mentor has none.
    expect(abidjanSection).toContain(`<a href="/admin/people/${seed.participantIds[0]}">Awa</a>`);
    expect(abidjanSection).toMatch(/En attente \(1\)<\/summary><ol><li>Mme Diallo<\/li><\/ol>/);
    expect(abidjanSection).toContain(
      `href="/admin/sessions/${sessions.workshopId}/venues/${sessions.workshopVenues.abidjan!.id}/roll-call">Faire l&#39;appel</a>`,
    );
    expect(body).toContain('mardi 9 mars 2027, 09:00–12:00 (heure de Tunis)');
    expect(body).toMatch(/Sans réponse \(1\)<\/summary><ul><li><a href="\/admin\/people\/[^"]+">Salma<\/a>/);
  });

  it('shows who came and how, the feedback average and its comments', async () => {
    const body = (await get(`/admin/sessions/${sessions.onlineId}`, staff.cookie)).body;
    expect(body).toContain('<a href="https://meet.example.org/cc-securite" rel="noopener noreferrer">');
    expect(body).toContain('lundi 2 novembre 2026, 14:00–16:00 (heure de Paris)');
    expect(body).toMatch(/Présents \(2\)<\/summary><ul><li><a [^>]+>Awa<\/a> <span class="muted">\(par code\)/);
    expect(body).toContain('Boubacar</a> <span class="muted">(par appel)</span>');
    expect(body).toContain('4,5 / 5, sur 2 avis');
    expect(body).toContain('<q>Très utile, merci !</q>');
    expect(body).toContain('<li class="count-attended"><b>2</b> Présent·es</li>');
    expect(body).toContain('À montrer dans l&#39;appel');
  });

  it('says when a session not announced yet will be, and no 0 invited on the list', async () => {
    const later = await createSampleSession(
      t.test.db,
      onlineDefinition({
        key: 'annonce-test',
        title: { fr: 'Annonce plus tard', en: 'Announced later' },
        localStart: '2027-02-01T10:00',
      }),
      now,
    );
    await t.test.db.session.update({
      where: { id: later.sessionId },
      data: { announceAt: new Date('2027-01-15T09:00:00Z'), announcedAt: null },
    });
    expect((await get(`/admin/sessions/${later.sessionId}`, staff.cookie)).body).toContain(
      'Annonce prévue le vendredi 15 janvier 2027',
    );
    const laterCard = card((await get('/admin/sessions', staff.cookie)).body, 'Annonce plus tard');
    expect(laterCard).toContain('<li class="count-invited">Pas encore annoncée</li>');
    expect(laterCard).not.toContain('<li class="count-invited"><b>');
  });

  it('says clearly that a cancelled session is cancelled, and offers no roll call', async () => {
    const body = (await get(`/admin/sessions/${sessions.closingId}`, staff.cookie)).body;
    expect(body).toContain('Cette session est annulée');
    expect(body).not.toContain('/roll-call');
  });

  it('answers 404 for another programme’s session, a venue of another session, or no session at all', async () => {
    for (const url of [
      `/admin/sessions/${sessions.southId}`,
      `/admin/sessions/${sessions.southId}/venues/${sessions.southVenueId}/roll-call`,
      `/admin/sessions/${sessions.workshopId}/venues/${sessions.onlineVenueId}/roll-call`,
      '/admin/sessions/no-such-session',
    ])
      expect((await get(url, staff.cookie)).statusCode, url).toBe(404);
    for (const url of [
      `/admin/sessions/${sessions.workshopId}`,
      `/admin/sessions/${sessions.onlineId}/venues/${sessions.onlineVenueId}/roll-call`,
    ])
      expect((await get(url, bernard.cookie)).statusCode, url).toBe(404);
    const southList = (await get('/admin/sessions', bernard.cookie)).body;
    expect(southList).toContain('Atelier du Sud');
    expect(southList).not.toContain('Sécurité des données');
  });

  it('keeps mentors out as from the other staff pages, and sends a visitor to sign in', async () => {
    const urls = [
      '/admin/sessions',
      `/admin/sessions/${sessions.workshopId}`,
      `/admin/sessions/${sessions.onlineId}/venues/${sessions.onlineVenueId}/roll-call`,
      '/admin/exports/sessions.csv',
    ];
    for (const url of urls) expect((await get(url, diallo.cookie)).statusCode, url).toBe(403);
    expect((await get('/admin', diallo.cookie)).body).not.toContain('href="/admin/sessions"');
    for (const url of urls) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe('/admin/sign-in');
    }
  });
});
