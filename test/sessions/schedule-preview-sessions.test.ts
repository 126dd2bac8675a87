import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScheduledItem } from '../../src/cli/format-scheduled-item.ts';
import { previewSchedule, type ScheduledItem } from '../../src/store/programmes/preview-schedule.ts';
import { signInAs, startAdminTestApp } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition, workshopDefinition } from '../support/sessions.ts';

/** Text as a person reads it: tags out, spaces collapsed. */
function readable(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** A session's messages in the preview, as "kind venue at" (UTC), in the preview's order. */
function sessionMessages(items: ScheduledItem[], sessionKey: string): string[] {
  return items.flatMap(({ at, what }) =>
    (what.kind === 'session_announcement' || what.kind === 'session_reminder') && what.sessionKey === sessionKey
      ? [`${what.kind} ${what.venueKey} ${at.toISOString()}`]
      : [],
  );
}

describe('the schedule preview, with sessions', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let items: ScheduledItem[];

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    const db = app.test.db;
    await importSample(db);
    // Not announced yet, and no announcement date: it goes at once.
    await createSampleSession(
      db,
      workshopDefinition({ localStart: '2027-03-08T09:00', hubs: ['abidjan', 'antananarivo'] }),
      SAMPLE_DAYTIME,
    );
    // 14:00 in Paris, after it changes to summer time (28 March 2027): 12:00 UTC.
    await createSampleSession(
      db,
      onlineDefinition({ localStart: '2027-04-07T14:00', announce: { at: new Date('2027-03-24T09:00:00Z') } }),
      SAMPLE_DAYTIME,
    );
    // Already announced; at 06:30 in Tunis, its reminders fall in the quiet hours (21:00–07:00).
    await createSampleSession(
      db,
      workshopDefinition({ key: 'atelier-matinal', localStart: '2027-03-10T06:30', hubs: ['tunis'] }),
      SAMPLE_DAYTIME,
    );
    await db.session.updateMany({ where: { key: 'atelier-matinal' }, data: { announcedAt: SAMPLE_DAYTIME } });
    await createSampleSession(
      db,
      workshopDefinition({ key: 'atelier-annule', localStart: '2027-03-11T09:00', hubs: ['abidjan'] }),
      SAMPLE_DAYTIME,
    );
    await db.session.updateMany({
      where: { key: 'atelier-annule' },
      data: { status: 'cancelled', cancelledAt: SAMPLE_DAYTIME },
    });
    ({ items } = await previewSchedule(db, 'promo-2027', SAMPLE_DAYTIME, 366, 'fr'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("lists an announcement and each reminder per venue, at 09:00 local time for each city's workshop", () => {
    expect(sessionMessages(items, 'atelier-test')).toEqual([
      // Venue by venue, in the order they start.
      'session_announcement antananarivo 2026-11-16T10:00:00.000Z',
      'session_announcement abidjan 2026-11-16T10:00:00.000Z',
      // A day before: 09:00 in Antananarivo (UTC+3), then in Abidjan (UTC).
      'session_reminder antananarivo 2027-03-07T06:00:00.000Z',
      'session_reminder abidjan 2027-03-07T09:00:00.000Z',
      // Two hours before: 07:00 local, the end of the quiet hours.
      'session_reminder antananarivo 2027-03-08T04:00:00.000Z',
      'session_reminder abidjan 2027-03-08T07:00:00.000Z',
    ]);
  });

  it('announces on its date a session that has one, and reminds at the hour of the zone it is set in', () => {
    expect(sessionMessages(items, 'en-ligne-test')).toEqual([
      'session_announcement online 2027-03-24T09:00:00.000Z',
      'session_reminder online 2027-04-06T12:00:00.000Z',
      'session_reminder online 2027-04-07T10:00:00.000Z',
    ]);
  });

  it('moves a reminder out of the quiet hours unless that would push it past the start; nothing for an announcement made or a session cancelled', () => {
    expect(sessionMessages(items, 'atelier-matinal')).toEqual([
      // 06:30 the day before is quiet: 07:00 then.
      'session_reminder tunis 2027-03-09T06:00:00.000Z',
      // 04:30 is quiet too, but 07:00 would be after the 06:30 start: it stays.
      'session_reminder tunis 2027-03-10T03:30:00.000Z',
    ]);
    expect(sessionMessages(items, 'atelier-annule')).toEqual([]);
  });

  it('says on the command line what each is, for which venue, and when the venue starts in its local time', () => {
    const lines = items.map(formatScheduledItem);
    expect(lines).toContain(
      '2026-11-16 10:00 UTC  2026-11-16 13:00 Indian/Antananarivo   invited (evaluated when sent): announcement session atelier-test at antananarivo (Atelier : cartographier son projet, starts 2027-03-08 09:00 Indian/Antananarivo), as soon as the scheduler runs (no announcement date)',
    );
    expect(lines).toContain(
      '2027-03-07 06:00 UTC  2027-03-07 09:00 Indian/Antananarivo   invited (evaluated when sent): reminder session atelier-test at antananarivo (Atelier : cartographier son projet, starts 2027-03-08 09:00 Indian/Antananarivo), 1d before',
    );
    expect(lines).toContain(
      '2027-04-07 10:00 UTC  2027-04-07 12:00 Europe/Paris          invited (evaluated when sent): reminder session en-ligne-test at online (Sécurité des données, starts 2027-04-07 14:00 Europe/Paris), 2h before',
    );
  });

  it("shows them on the dashboard's schedule, venue by venue, with the start at each", async () => {
    const db = app.test.db;
    const staff = await db.person.create({
      data: {
        displayName: 'Claire',
        roles: ['staff'],
        locale: 'fr',
        enrolments: { create: { cohortId: (await db.cohort.findFirstOrThrow()).id, role: 'staff' } },
      },
    });
    const { cookie } = await signInAs(app.app, db, staff.id, SAMPLE_DAYTIME);
    const page = await app.app.inject({
      method: 'GET',
      url: '/admin/schedule?cohort=promo-2027&days=366',
      headers: { cookie },
    });
    expect(page.statusCode).toBe(200);
    const text = readable(page.body);
    expect(text).toContain(
      "Annonce de la session : Atelier : cartographier son projet, au prochain passage du planificateur (aucune date d'annonce)",
    );
    expect(text).toContain('Rappel de la session : Atelier : cartographier son projet, 1 jour avant le début');
    expect(text).toContain(
      "09:00, heure locale à Antananarivo (06:00 UTC), pour un début le lundi 8 mars 09:00 ; ses destinataires sont calculés à l'envoi",
    );
    expect(text).toContain('Rappel de la session : Sécurité des données, 2 heures avant le début');
    expect(text).toContain('12:00, heure locale à Paris (10:00 UTC), pour un début le mercredi 7 avril 14:00');
  });
});
