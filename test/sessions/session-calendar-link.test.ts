import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCalendarRoutes } from '../../src/http/calendar-routes.ts';
import { createTranslate } from '../../src/i18n.ts';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import { cancelSession } from '../../src/store/sessions/cancel-session.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, localInstant, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const SECRET = 'a-calendar-secret-of-at-least-32-characters';
const PUBLIC_URL = 'https://compagnon.example.org';
const TUNIS_ONLY = { localStart: '2027-03-09T09:00', hubs: ['tunis' as const] };

/** The link in an announcement adds the person's own venue to their calendar; a link guessed or gone does not. */
describe("a session's calendar link", () => {
  let t: TestApp;
  let sessionId: string;
  let path: string;

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await startTestApp({
      now: clockFrom(SAMPLE_DAYTIME),
      routes: [
        (app, { db }) =>
          registerCalendarRoutes(app, {
            db,
            secret: SECRET,
            translate: createTranslate({ defaultLanguage: 'fr' }),
            defaultLanguage: 'fr',
          }),
      ],
    });
    await importSample(t.test.db);
    const amel = await SimulatedPerson.create(t, { name: 'Amel', hub: 'tunis' });
    ({ sessionId } = await createSampleSession(t.test.db, workshopDefinition(TUNIS_ONLY), SAMPLE_DAYTIME));
    await announceSessions.handle({}, { ...t.context, calendar: { publicUrl: PUBLIC_URL, secret: SECRET } });
    const [announcement] = await amel.replies(1);
    const link = /Pour l'ajouter à votre agenda : (\S+)/.exec(announcement?.text ?? '')?.[1] ?? '';
    expect(link).toMatch(/^https:\/\/compagnon\.example\.org\/calendar\/\w+\/[\w-]{32}\.ics$/);
    path = new URL(link).pathname;
  });

  afterAll(async () => {
    await t.close();
  });

  it("serves the person's venue as an event a phone's calendar adds", async () => {
    const response = await get(path);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = response.body.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('SUMMARY:Atelier : cartographier son projet');
    // 09:00 in Tunis (UTC+1).
    expect(ics).toContain('DTSTART:20270309T080000Z');
    expect(ics).toContain('DTEND:20270309T110000Z');
    expect(ics).toContain('LOCATION:Salle du hub de tunis\\, 1 rue du Hub\\, tunis');
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    expect(ics).toContain(`UID:${sessionId}-${venue.id}@compagnon`);
  });

  it('gives the event a higher sequence, same UID, once the session is moved', async () => {
    const sequence = (body: string) => Number(/SEQUENCE:(\d+)/.exec(body)?.[1]);
    // The venue was last changed an hour ago (its updatedAt is the machine's clock, not the test's).
    await t.test.db.sessionVenue.updateMany({
      where: { sessionId },
      data: { updatedAt: new Date(Date.now() - 3_600_000) },
    });
    const before = sequence((await get(path)).body);
    const moved = workshopDefinition(TUNIS_ONLY);
    moved.venues[0]!.startsAt = localInstant('2027-03-09T14:00', 'Africa/Tunis');
    moved.venues[0]!.endsAt = localInstant('2027-03-09T17:00', 'Africa/Tunis');
    await createSampleSession(t.test.db, moved, t.context.now());
    const after = (await get(path)).body;
    expect(after).toContain('DTSTART:20270309T130000Z');
    expect(sequence(after)).toBeGreaterThan(before);
  });

  it('answers 404 to a link whose token was guessed', async () => {
    const guessed = path.replace(/\/[\w-]{32}\.ics$/, `/${'A'.repeat(32)}.ics`);
    const response = await get(guessed);
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe("Ce lien d'agenda ne fonctionne plus.");
    expect((await get('/calendar/nothing/here.ics')).statusCode).toBe(404);
  });

  it('answers 410 once the session is cancelled, and 404 once the person is erased', async () => {
    await cancelSession(t.test.db, { sessionId, actorId: null, now: t.context.now() });
    const cancelled = await get(path);
    expect(cancelled.statusCode).toBe(410);
    expect(cancelled.body).toBe('Cette session a été annulée.');

    const invitation = await t.test.db.sessionInvitation.findFirstOrThrow({ where: { sessionId } });
    await t.test.db.person.update({ where: { id: invitation.personId }, data: { erasedAt: t.context.now() } });
    expect((await get(path)).statusCode).toBe(404);
  });
});
