import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadViewerScope } from '../../src/store/access/load-viewer-scope.ts';
import type { DashboardScope } from '../../src/store/access/visible-enrolments.ts';
import { listVisibleParticipants } from '../../src/store/people/list-visible-participants.ts';
import { searchParticipants } from '../../src/store/people/search-participants.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

type SignedIn = { cookie: string; csrfToken: string };

/** How many numbered participants are added to the seeded six, Josué and Aïcha: 128 in all, three pages. */
const NUMBERED = 120;

/**
 * The participants page: finding someone by any part of their name (without regard to case or
 * accents), filters and pages in the query string (a search can be bookmarked), the same scope as
 * every other page, and the exports linked where they belong.
 */
describe('finding participants', () => {
  const now = SAMPLE_DAYTIME;
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let staff: SignedIn;
  let mentor: SignedIn;
  let aline: SignedIn;
  let otherStaff: SignedIn;
  let aichaId: string;
  let otherHubId: string;

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => now });
    const db = t.test.db;
    seed = await seedCohort(db, now);
    trainers = await seedTrainers(db, seed, now);
    const aicha = await db.person.create({
      data: {
        displayName: 'Aïcha Ouédraogo',
        roles: ['participant'],
        hubId: trainers.hubIds.tunis,
        identities: { create: { channel: 'whatsapp', platformId: '22600000001' } },
        enrolments: { create: { cohortId: seed.cohortId, role: 'participant' } },
      },
    });
    aichaId = aicha.id;
    // Participant 001 … 120 in Abidjan; every tenth on WhatsApp, the others on Telegram.
    const numbered = Array.from({ length: NUMBERED }, (_, i) => ({
      id: `numbered-${i + 1}`,
      displayName: `Participant ${String(i + 1).padStart(3, '0')}`,
    }));
    await db.person.createMany({
      data: numbered.map((p) => ({ ...p, roles: ['participant'], hubId: trainers.hubIds.abidjan })),
    });
    await db.channelIdentity.createMany({
      data: numbered.map((p, i) => ({
        personId: p.id,
        channel: (i + 1) % 10 === 0 ? 'whatsapp' : 'telegram',
        platformId: `numbered-${i}`,
      })),
    });
    await db.enrolment.createMany({
      data: numbered.map((p) => ({ personId: p.id, cohortId: seed.cohortId, role: 'participant' })),
    });
    // Another programme, its staff member and its own Aïcha.
    const other = await db.programme.create({
      data: {
        key: 'autre',
        name: { fr: 'Autre programme' },
        version: '1',
        defaultLocale: 'fr',
        locales: ['fr'],
        settings: {},
        sourceHash: 'x',
        importedAt: now,
        cohorts: { create: { key: 'autre-2027', name: { fr: 'Autre promotion' } } },
        hubs: { create: { key: 'dakar', name: { fr: 'Dakar' }, timeZone: 'Africa/Dakar', country: 'SN' } },
      },
      select: { cohorts: { select: { id: true } }, hubs: { select: { id: true } } },
    });
    otherHubId = other.hubs[0]!.id;
    const otherCohortId = other.cohorts[0]!.id;
    const claude = await db.person.create({
      data: {
        displayName: 'Claude',
        roles: ['staff'],
        enrolments: { create: { cohortId: otherCohortId, role: 'staff' } },
      },
    });
    await db.person.create({
      data: {
        displayName: 'Aïcha Diop',
        roles: ['participant'],
        hubId: otherHubId,
        enrolments: { create: { cohortId: otherCohortId, role: 'participant' } },
      },
    });
    staff = await signInAs(t.app, db, seed.staffId, now);
    mentor = await signInAs(t.app, db, seed.mentorIds[0], now);
    aline = await signInAs(t.app, db, trainers.bukavuTrainerId, now);
    otherStaff = await signInAs(t.app, db, claude.id, now);
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  /** The names in the result table, in order. */
  const names = (body: string) => {
    const table = /<table class="participants">([\s\S]*?)<\/table>/.exec(body)?.[1] ?? '';
    return [...table.matchAll(/<a href="\/admin\/people\/[^"]+">([^<]+)<\/a>/g)].map((match) => match[1]);
  };
  const personLinks = (body: string) => {
    const table = /<table class="participants">([\s\S]*?)<\/table>/.exec(body)?.[1] ?? '';
    return [...table.matchAll(/href="\/admin\/people\/([^"]+)"/g)].map((match) => match[1]);
  };
  /** The href of the link whose rel is `rel` (the pager's previous and next), decoded. */
  const pagerLink = (body: string, rel: 'prev' | 'next') =>
    new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(body)?.[1]?.replaceAll('&amp;', '&');

  it('finds a participant by any part of the name, whatever the case and the accents', async () => {
    for (const q of ['aicha', 'AÏCHA', 'ouedr', 'Aïcha Ouédraogo', 'ouedraogo aicha']) {
      const page = await get(`/admin/participants?q=${encodeURIComponent(q)}`, staff);
      expect(page.statusCode, q).toBe(200);
      expect(names(page.body), q).toEqual(['Aïcha Ouédraogo']);
      expect(page.body).toContain(`href="/admin/people/${aichaId}"`);
      expect(page.body).toContain('1–1 sur 1');
    }
    // The search box keeps what was typed: the page's address is the search, to bookmark or share.
    const page = await get('/admin/participants?q=ouedr', staff);
    expect(page.body).toMatch(/<form method="get" action="\/admin\/participants"/);
    expect(page.body).toContain('name="q" value="ouedr"');
    // A typed % is a letter to find, not "anything".
    const percent = await get(`/admin/participants?q=${encodeURIComponent('%')}`, staff);
    expect(names(percent.body)).toEqual([]);
    expect(percent.body).toContain('Personne ne correspond à cette recherche.');
  });

  it('pages through 128 participants fifty at a time, in name order, without overlap', async () => {
    const first = await get('/admin/participants', staff);
    expect(first.body).toContain('1–50 sur 128');
    expect(first.body).toContain('Page 1 sur 3');
    expect(pagerLink(first.body, 'prev')).toBeUndefined();
    const seen = personLinks(first.body);
    expect(names(first.body).slice(0, 3)).toEqual(['Aïcha Ouédraogo', 'Awa', 'Boubacar']);
    let next = pagerLink(first.body, 'next');
    expect(next).toBe('/admin/participants?page=2');
    while (next) {
      const page = await get(next, staff);
      seen.push(...personLinks(page.body));
      next = pagerLink(page.body, 'next');
    }
    expect(seen).toHaveLength(128);
    expect(new Set(seen).size).toBe(128);
    const last = await get('/admin/participants?page=3', staff);
    expect(last.body).toContain('101–128 sur 128');
    expect(pagerLink(last.body, 'prev')).toBe('/admin/participants?page=2');
    // Past the end (an old bookmark): the last page.
    expect((await get('/admin/participants?page=99', staff)).body).toContain('101–128 sur 128');
  });

  it('filters by status, slipping, hub, country and channel, and keeps the filters from page to page', async () => {
    const only = async (query: string) => names((await get(`/admin/participants?${query}`, staff)).body);
    expect(await only('status=paused')).toEqual(['Espoir']);
    expect(await only('status=stopped')).toEqual(['Rivo']);
    expect(await only('slipping=1')).toEqual(['Salma']);
    expect(await only(`hub=${trainers.hubIds.bukavu}`)).toEqual(['Espoir', 'Josué']);
    expect(await only('country=TN')).toEqual(['Aïcha Ouédraogo', 'Salma']);
    expect(await only('channel=whatsapp&q=participant')).toEqual(
      Array.from({ length: 12 }, (_, i) => `Participant ${String((i + 1) * 10).padStart(3, '0')}`),
    );
    expect(await only('channel=whatsapp&q=participant 12')).toEqual(['Participant 120']);
    // Empty fields (the form sends them) filter nothing.
    const empty = await get('/admin/participants?q=&cohort=&hub=&country=&status=&channel=', staff);
    expect(empty.body).toContain('1–50 sur 128');

    const filtered = await get(`/admin/participants?q=participant&hub=${trainers.hubIds.abidjan}`, staff);
    expect(filtered.body).toContain('1–50 sur 120');
    expect(filtered.body).toMatch(new RegExp(`<option value="${trainers.hubIds.abidjan}" selected>Abidjan</option>`));
    const second = pagerLink(filtered.body, 'next')!;
    expect(second).toBe(`/admin/participants?q=participant&hub=${trainers.hubIds.abidjan}&page=2`);
    const page2 = await get(second, staff);
    expect(page2.body).toContain('51–100 sur 120');
    expect(names(page2.body)[0]).toBe('Participant 051');
  });

  it('answers a malformed search with a clear 400 page, and a cohort not theirs with 404', async () => {
    for (const query of ['status=nope', 'page=0', 'page=abc', 'channel=sms', 'country=france', 'slipping=yes']) {
      const page = await get(`/admin/participants?${query}`, staff);
      expect(page.statusCode, query).toBe(400);
      expect(page.body).toContain('Cette recherche n&#39;est pas valable');
    }
    const hub = await get(`/admin/participants?hub=${otherHubId}`, staff);
    expect(hub.statusCode).toBe(400);
    expect(hub.body).toContain('Cette ville ne fait pas partie de celles que vous pouvez voir.');
    const otherCohort = await t.test.db.cohort.findFirstOrThrow({ where: { key: 'autre-2027' } });
    expect((await get(`/admin/participants?cohort=${otherCohort.id}`, staff)).statusCode).toBe(404);
  });

  it('shows each viewer only whom they may see: another programme, a trainer, a mentor', async () => {
    const mine = await get('/admin/participants?q=aicha', staff);
    expect(names(mine.body)).toEqual(['Aïcha Ouédraogo']);
    const theirs = await get('/admin/participants?q=aicha', otherStaff);
    expect(names(theirs.body)).toEqual(['Aïcha Diop']);
    expect(theirs.body).not.toContain('Abidjan');
    expect((await get(`/admin/participants?cohort=${seed.cohortId}`, otherStaff)).statusCode).toBe(404);

    // Aline runs Bukavu: her hub only, in the list and in the filter.
    const bukavu = await get('/admin/participants', aline);
    expect(bukavu.statusCode).toBe(200);
    expect(names(bukavu.body)).toEqual(['Espoir', 'Josué']);
    expect(bukavu.body).not.toContain('Abidjan');
    expect(names((await get('/admin/participants?q=awa', aline)).body)).toEqual([]);
    expect((await get(`/admin/participants?hub=${trainers.hubIds.abidjan}`, aline)).statusCode).toBe(400);

    expect((await get('/admin/participants?q=awa', mentor)).statusCode).toBe(403);
  });

  it('leaves out a person whose data was erased', async () => {
    const rivo = seed.participantIds[4]!;
    await t.test.db.person.update({ where: { id: rivo }, data: { erasedAt: now } });
    try {
      expect(names((await get('/admin/participants?q=rivo', staff)).body)).toEqual([]);
    } finally {
      await t.test.db.person.update({ where: { id: rivo }, data: { erasedAt: null } });
    }
  });

  it('finds exactly the enrolments the other dashboard pages show, for staff, a mentor and a trainer', async () => {
    const db = t.test.db;
    const viewers: [string, DashboardScope['role']][] = [
      [seed.staffId, 'staff'],
      [seed.mentorIds[0], 'mentor'],
      [seed.mentorIds[1], 'mentor'],
      [trainers.bukavuTrainerId, 'trainer'],
      [trainers.westTrainerId, 'trainer'],
    ];
    for (const [personId, role] of viewers) {
      const scope = { role, ...(await loadViewerScope(db, personId, role)) };
      const expected = (await listVisibleParticipants(db, scope)).map((row) => `${row.cohortId}/${row.person.id}`);
      const found = await searchParticipants(db, scope, {
        words: [],
        cohortId: null,
        hubId: null,
        country: null,
        status: null,
        channel: null,
        slipping: false,
        page: 1,
        pageSize: 1000,
      });
      expect(found.rows.map((row) => `${row.cohortId}/${row.personId}`).sort(), `${role} ${personId}`).toEqual(
        expected.sort(),
      );
      expect(found.total).toBe(expected.length);
    }
  });

  it('links every export where it belongs: the cohort page, the participants page, a person’s page', async () => {
    const cohortId = encodeURIComponent(seed.cohortId);
    const links = [
      `/admin/exports/participants.csv?cohort=${cohortId}`,
      `/admin/exports/participants.xlsx?cohort=${cohortId}`,
      `/admin/exports/submissions.csv?cohort=${cohortId}`,
      `/admin/exports/submissions.xlsx?cohort=${cohortId}`,
      `/admin/exports/scores.csv?cohort=${cohortId}`,
      `/admin/exports/scores.xlsx?cohort=${cohortId}`,
    ];
    const cohortPage = await get(`/admin/cohorts/${seed.cohortId}`, staff);
    const participantsPage = await get('/admin/participants?status=paused', staff);
    for (const link of links) {
      expect(cohortPage.body, link).toContain(`href="${link}"`);
      expect(participantsPage.body, link).toContain(`href="${link}"`);
    }
    // The links lead to the files.
    const csv = await get(links[0]!, staff);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    // A trainer's links too: the files hold their hubs' participants (export-routes.ts).
    expect((await get('/admin/participants', aline)).body).toContain(`href="${links[0]}"`);

    const awa = seed.participantIds[0]!;
    const person = await get(`/admin/people/${awa}`, staff);
    expect(person.body).toContain(`href="/admin/people/${awa}/export.json"`);
    const json = await get(`/admin/people/${awa}/export.json`, staff);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/attachment/);
    // The JSON export is for staff only: a trainer's page of the same kind does not offer it.
    const espoir = seed.participantIds[3]!;
    expect((await get(`/admin/people/${espoir}`, aline)).body).not.toContain('/export.json');
  });
});
