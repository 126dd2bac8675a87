import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMetricsRoutes } from '../../src/http/metrics-routes.ts';
import type { RsvpAnswer } from '../../src/domain/sessions/session-definition.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('GET /metrics, sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      now: clockFrom(SAMPLE_DAYTIME),
      routes: [(app, { db, queues }) => registerMetricsRoutes(app, { db, queues })],
    });
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts every answer at 0 before any session exists', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(body).toContain('compagnon_session_rsvps{answer="yes"} 0');
    expect(body).toContain('compagnon_session_rsvps{answer="none"} 0');
    expect(body).toContain('compagnon_session_attendance{by="code"} 0');
  });

  it('counts RSVPs by answer and attendance by how it was recorded', async () => {
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ localStart: '2027-03-08T09:00', hubs: ['tunis'] }),
      SAMPLE_DAYTIME,
    );
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    const answers: [RsvpAnswer | null, 'code' | 'roll_call' | null][] = [
      ['yes', 'code'],
      ['yes', 'code'],
      ['yes', 'roll_call'],
      ['maybe', null],
      ['no', null],
      [null, null],
    ];
    for (const [index, [rsvp, attendedBy]] of answers.entries()) {
      const person = await t.test.db.person.create({ data: { displayName: `Salma ${index}`, roles: ['participant'] } });
      await t.test.db.sessionInvitation.create({
        data: {
          sessionId,
          venueId: venue.id,
          personId: person.id,
          rsvp,
          attendedBy,
          attendedAt: attendedBy ? venue.startsAt : null,
        },
      });
    }
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('# TYPE compagnon_session_rsvps gauge');
    expect(body).toContain('compagnon_session_rsvps{answer="yes"} 3');
    expect(body).toContain('compagnon_session_rsvps{answer="maybe"} 1');
    expect(body).toContain('compagnon_session_rsvps{answer="no"} 1');
    expect(body).toContain('compagnon_session_rsvps{answer="none"} 1');
    expect(body).toContain('compagnon_session_attendance{by="code"} 2');
    expect(body).toContain('compagnon_session_attendance{by="roll_call"} 1');
  });
});
