import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/domain/programme/language.ts';
import { loadLocaleResources } from '../../src/i18n.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { askTheHelpDesk } from '../support/help-desk-inbox.ts';
import { seedTrainerSessions, type SeededTrainerSessions } from '../support/trainer-sessions.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

type Tree = { [key: string]: string | Tree };

/** Whether a dashboard string (`namespace:a.b`) exists in a language, plural forms included. */
function keyExists(resources: Record<string, Tree>, language: Language, key: string): boolean {
  const colon = key.indexOf(':');
  const path = [colon === -1 ? 'common' : key.slice(0, colon), ...key.slice(colon + 1).split('.')];
  const last = path.pop()!;
  let node: string | Tree | undefined = resources[language];
  for (const part of path) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'object') return false;
  return ['', '_one', '_other'].some((suffix) => typeof node[`${last}${suffix}`] === 'string');
}

/** The words a person reads on a page: its text and the labels of its controls, without the stylesheet. */
function readText(body: string): string[] {
  const withoutStyle = body.replace(/<style>[\s\S]*?<\/style>/g, ' ');
  const labels = [...withoutStyle.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]!);
  const text = withoutStyle.split(/<[^>]*>/).map((part) => part.replace(/&[a-z#0-9]+;/g, ' '));
  return [...labels, ...text].map((part) => part.replace(/\s+/g, ' ').trim()).filter((part) => /\p{L}{2}/u.test(part));
}

/**
 * Every main page of the dashboard, for staff, a mentor and a trainer, in French and in English:
 * every string comes from locales/ (no key missing in either language, none shown raw), and the
 * page is in the language asked for.
 */
describe('every dashboard page in French and in English', () => {
  const now = SAMPLE_DAYTIME;
  const resources = loadLocaleResources() as Record<string, Tree>;
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let sessions: SeededTrainerSessions;
  let conversationId: string;
  /** Keys asked for that a language does not have, with the page that asked. */
  const missing: string[] = [];
  let currentPage = '';

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(t.test.db, now, { mediaDir: t.mediaDir });
    trainers = await seedTrainers(t.test.db, seed, now);
    sessions = await seedTrainerSessions(t.test.db, now, seed, trainers);
    ({ conversationId } = await askTheHelpDesk(t.test.db, seed.participantIds[0]!, {
      text: 'Bonjour, où envoyer mon exercice ?',
      at: new Date(now.getTime() - 3600_000),
    }));
    const translate = t.deps.translate;
    t.deps.translate = (language, key, values) => {
      if (!keyExists(resources, language, key)) missing.push(`${language} ${key} (${currentPage})`);
      return translate(language, key, values);
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  const pagesOf = () => {
    const [awa, , , espoir] = seed.participantIds as [string, string, string, string];
    const hubs = sessions.hubsWorkshopId;
    return {
      staff: [
        '/admin',
        `/admin/cohorts/${seed.cohortId}`,
        '/admin/participants',
        `/admin/people/${awa}`,
        `/admin/exercises/${seed.exerciseIds[0]}?cohort=${seed.cohortId}`,
        '/admin/broadcasts',
        '/admin/broadcasts/new',
        '/admin/sessions',
        '/admin/sessions/new',
        `/admin/sessions/${hubs}`,
        `/admin/sessions/${hubs}/edit`,
        `/admin/sessions/${hubs}/venues/${sessions.hubsVenues.abidjan}/roll-call`,
        `/admin/sessions/${sessions.southId}/cancel`,
        '/admin/schedule',
        `/admin/mentors?cohort=${seed.cohortId}`,
        '/admin/selection',
        '/admin/applications',
        '/admin/audit',
        '/admin/inbox',
        `/admin/inbox/${conversationId}`,
        `/admin/inbox/write/${awa}`,
        '/admin/no-such-page',
      ],
      mentor: ['/admin', `/admin/people/${awa}`, '/admin/inbox', `/admin/inbox/${conversationId}`, '/admin/audit'],
      trainer: [
        '/admin',
        '/admin/participants',
        `/admin/people/${espoir}`,
        '/admin/sessions',
        `/admin/sessions/${hubs}`,
        '/admin/inbox',
      ],
    };
  };
  it('shows the pages before sign-in in either language with every string from locales/', async () => {
    for (const language of ['fr', 'en'] as const) {
      for (const url of [
        `/admin/sign-in?lang=${language}`,
        `/admin/sign-in?signed_out&lang=${language}`,
        `/admin/sign-in/${'a'.repeat(43)}?lang=${language}`,
      ]) {
        currentPage = url;
        const page = await t.app.inject({ method: 'GET', url });
        expect(page.body, url).toContain(`<html lang="${language}">`);
        expect(page.body.match(/\bdashboard(?:-[a-z]+)?:[a-z_.]+/g) ?? [], url).toEqual([]);
      }
    }
    expect(missing).toEqual([]);
  });

  it('titles the columns of every export in the viewer’s language', async () => {
    const session = await signInAs(t.app, t.test.db, seed.staffId, now);
    for (const language of ['fr', 'en'] as const) {
      await t.app.inject({
        method: 'POST',
        url: '/admin/language',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: session.csrfToken, language, back: '/admin' }).toString(),
      });
      const headers: string[] = [];
      for (const file of ['participants', 'submissions', 'scores']) {
        currentPage = `${file}.csv in ${language}`;
        const csv = await t.app.inject({
          method: 'GET',
          url: `/admin/exports/${file}.csv?cohort=${seed.cohortId}`,
          headers: { cookie: session.cookie },
        });
        expect(csv.statusCode, currentPage).toBe(200);
        headers.push(csv.body.replace(/^\uFEFF/, '').split('\r\n')[0]!);
      }
      currentPage = `sessions.csv in ${language}`;
      const sessionsCsv = await t.app.inject({
        method: 'GET',
        url: '/admin/exports/sessions.csv',
        headers: { cookie: session.cookie },
      });
      headers.push(sessionsCsv.body.replace(/^\uFEFF/, '').split('\r\n')[0]!);
      expect(headers.join(',')).not.toMatch(/csv_|dashboard/);
      expect(headers[0]).toContain(language === 'fr' ? 'id_personne,nom,statut' : 'person_id,name,status');
    }
    expect(missing).toEqual([]);
  });

  const viewers = () => ({ staff: seed.staffId, mentor: seed.mentorIds[0], trainer: trainers.bukavuTrainerId });

  for (const role of ['staff', 'mentor', 'trainer'] as const) {
    for (const language of ['fr', 'en'] as const) {
      it(`shows ${role} pages in ${language} with every string from locales/`, async () => {
        const session = await signInAs(t.app, t.test.db, viewers()[role], now);
        const switched = await t.app.inject({
          method: 'POST',
          url: '/admin/language',
          headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: session.csrfToken, language, back: '/admin' }).toString(),
        });
        expect(switched.statusCode).toBe(303);
        const texts = new Map<string, string[]>();
        for (const url of pagesOf()[role]) {
          currentPage = `${role} ${url}`;
          const page = await t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
          expect([200, 403, 404], `${currentPage}: ${page.statusCode}`).toContain(page.statusCode);
          if (url !== '/admin/no-such-page' && role !== 'mentor') expect(page.statusCode, currentPage).toBe(200);
          expect(page.body, currentPage).toContain(`<html lang="${language}">`);
          // A key shown instead of its text: `dashboard:nav_cohorts`, `dashboard-people:status`…
          expect(page.body.match(/\bdashboard(?:-[a-z]+)?:[a-z_.]+/g) ?? [], currentPage).toEqual([]);
          texts.set(url, readText(page.body));
        }
        if (role === 'staff') {
          currentPage = 'staff broadcast preview';
          const preview = await t.app.inject({
            method: 'POST',
            url: '/admin/broadcasts/preview',
            headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({
              _csrf: session.csrfToken,
              programme: seed.programmeId,
              text_fr: 'Bonjour',
              text_en: 'Hello',
              when: 'now',
            }).toString(),
          });
          expect(preview.statusCode).toBe(200);
          expect(preview.body).toContain(`<html lang="${language}">`);
        }
        expect(missing).toEqual([]);
        if (role === 'staff') {
          // What an import changed, recorded in English as the command line prints it, reads in words.
          const audit = texts.get('/admin/audit') ?? [];
          expect(audit).toContain(
            language === 'fr' ? 'Nouveau : la phase « formation »' : 'New: the phase “formation”',
          );
          expect(audit.filter((line) => / created\b/.test(line))).toEqual([]);
        }
      });
    }
  }
});
