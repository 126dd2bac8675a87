import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelSession } from '../../src/store/sessions/cancel-session.ts';
import { recordRollCall } from '../../src/store/sessions/record-roll-call.ts';
import type { Database } from '../../src/store/database.ts';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
  type SeededSecondProgramme,
} from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';

/** What staff do with sessions reads as a sentence in their programme's audit log, and in no other. */
describe('sessions in the audit log', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let first: SeededCohort;
  let second: SeededSecondProgramme;

  beforeAll(async () => {
    app = await startAdminTestApp();
    db = app.test.db;
    first = await seedCohort(db, SAMPLE_DAYTIME, { mediaDir: app.mediaDir });
    second = await seedSecondProgramme(db, SAMPLE_DAYTIME, first, { mediaDir: app.mediaDir });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('words a roll call and a cancellation, for the staff of the session’s programme only', async () => {
    const { sessionId } = await createSampleSession(
      db,
      workshopDefinition({ key: 'atelier-journal', localStart: '2027-03-09T09:00', hubs: ['abidjan'] }),
      SAMPLE_DAYTIME,
    );
    const awa = first.participantIds[0]!;
    await inviteToSession(db, sessionId, awa);
    const venue = await db.sessionVenue.findFirstOrThrow({ where: { sessionId }, select: { id: true } });
    const duringTheWorkshop = new Date('2027-03-09T10:00:00Z');
    await recordRollCall(db, { venueId: venue.id, present: [awa], actorId: first.staffId, now: duringTheWorkshop });
    await cancelSession(db, { sessionId, actorId: null, now: duringTheWorkshop });

    const claire = await signInAs(app.app, db, first.staffId);
    const mine = await app.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: claire.cookie } });
    expect(mine.body).toMatch(
      /a fait l’appel à la session « Atelier : cartographier son projet » \(Abidjan, présences : 1\)/,
    );
    expect(mine.body).toContain('a annulé la session « Atelier : cartographier son projet »');

    const bernard = await signInAs(app.app, db, second.staffId);
    const theirs = await app.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: bernard.cookie } });
    expect(theirs.body).not.toContain('cartographier son projet');
  });
});
