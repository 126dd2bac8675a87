import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPersonData } from '../../src/store/people/export-person-data.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** A person's data export holds their sessions: what they answered, whether they came, what they said of it. */
describe('sessions in a personal data export', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
  });

  afterAll(async () => {
    await test.drop();
  });

  it('gives each invitation with its answer, attendance and feedback', async () => {
    const cohort = await test.db.cohort.findFirstOrThrow({ select: { id: true } });
    const hub = await test.db.hub.findFirstOrThrow({ where: { key: 'tunis' }, select: { id: true } });
    const person = await test.db.person.create({
      data: { displayName: 'Eya', roles: ['participant'], hubId: hub.id },
      select: { id: true },
    });
    await test.db.enrolment.create({ data: { personId: person.id, cohortId: cohort.id, role: 'participant' } });
    const { sessionId } = await createSampleSession(
      test.db,
      workshopDefinition({ localStart: '2027-03-09T09:00', hubs: ['tunis'], feedback: true }),
      SAMPLE_DAYTIME,
    );
    const invitationId = await inviteToSession(test.db, sessionId, person.id);
    await test.db.sessionInvitation.update({
      where: { id: invitationId },
      data: {
        rsvp: 'yes',
        attendedAt: new Date('2027-03-09T08:05:00Z'),
        attendedBy: 'code',
        feedbackScore: 4,
        feedbackComment: 'Très utile',
      },
    });

    const exported = await exportPersonData(test.db, person.id, {
      scope: { role: 'staff', cohortIds: [cohort.id], mentees: null, hubs: null },
      now: SAMPLE_DAYTIME,
    });
    expect(exported.sessions).toEqual([
      expect.objectContaining({
        session: { key: 'atelier-test', title: expect.objectContaining({ fr: 'Atelier : cartographier son projet' }) },
        venue: expect.objectContaining({ key: 'tunis', startsAt: new Date('2027-03-09T08:00:00Z') }),
        rsvp: 'yes',
        attendedBy: 'code',
        feedbackScore: 4,
        feedbackComment: 'Très utile',
      }),
    ]);
  });
});
