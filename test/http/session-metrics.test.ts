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

  it('counts RSVPs by answer (waiting apart, erased people left out) and attendance by how it was recorded', async () => {
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ localStart: '2027-03-08T09:00', hubs: ['tunis'] }),
      SAMPLE_DAYTIME,
    );
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    const { programmeId } = await t.test.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    const cohort = await t.test.db.cohort.findFirstOrThrow({ where: { programmeId } });
    type Row = [RsvpAnswer | null, 'code' | 'roll_call' | null, 'waiting' | 'erased' | null];
    const answers: Row[] = [
      ['yes', 'code', null],
      ['yes', 'code', null],
      ['yes', 'roll_call', null],
      ['yes', null, 'waiting'],
      ['yes', null, 'erased'],
      ['maybe', null, null],
      ['no', null, null],
      [null, null, null],
    ];
    for (const [index, [rsvp, attendedBy, state]] of answers.entries()) {
      const person = await t.test.db.person.create({
        data: {
          displayName: `Salma ${index}`,
          roles: ['participant'],
          erasedAt: state === 'erased' ? SAMPLE_DAYTIME : null,
          enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
        },
      });
      await t.test.db.sessionInvitation.create({
        data: {
          sessionId,
          venueId: venue.id,
          personId: person.id,
          rsvp,
          waitlistedAt: state === 'waiting' ? SAMPLE_DAYTIME : null,
          attendedBy,
          attendedAt: attendedBy ? venue.startsAt : null,
        },
      });
    }
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('# TYPE compagnon_session_rsvps gauge');
    // Those waiting for a seat are counted apart; an erased person's yes holds no seat and is not counted.
    expect(body).toContain('compagnon_session_rsvps{answer="yes"} 3');
    expect(body).toContain('compagnon_session_rsvps{answer="waitlisted"} 1');
    expect(body).toContain('compagnon_session_rsvps{answer="maybe"} 1');
    expect(body).toContain('compagnon_session_rsvps{answer="no"} 1');
    expect(body).toContain('compagnon_session_rsvps{answer="none"} 1');
    expect(body).toContain('compagnon_session_attendance{by="code"} 2');
    expect(body).toContain('compagnon_session_attendance{by="roll_call"} 1');
  });
});
