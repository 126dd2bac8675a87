import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** The workshop week in five cities at 09:00 local: each participant is told of their own hub's workshop, at their hour. */
describe('announcing a workshop held in five cities at once', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let hery: SimulatedPerson;
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    hery = await SimulatedPerson.create(t, { name: 'Hery', hub: 'antananarivo' });
    await t.test.db.person.update({ where: { id: hery.personId }, data: { locale: 'en' } });
    ({ sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ localStart: '2027-03-09T09:00' }),
      SAMPLE_DAYTIME,
    ));
  });

  afterAll(async () => {
    await t.close();
  });

  it("tells each participant of their own hub's workshop, at 09:00 their time, with the RSVP buttons", async () => {
    expect(await announceSessions.handle({}, t.context)).toEqual({ announced: 2 });

    const [toAwa] = await awa.replies(1);
    expect(toAwa?.text).toBe(
      [
        'Vous êtes invité·e à un atelier.',
        '',
        'Atelier : cartographier son projet',
        'Une matinée de travail en groupe.',
        'Quand : mardi 9 mars 2027, 09:00–12:00',
        'Où : Salle du hub de abidjan, 1 rue du Hub, abidjan',
        '',
        'Serez-vous là ?',
      ].join('\n'),
    );
    expect(toAwa?.kind === 'choices' && toAwa.choices.map((choice) => choice.label)).toEqual([
      'Je viens',
      'Peut-être',
      'Je ne peux pas',
    ]);

    const [toHery] = await hery.replies(1);
    expect(toHery?.text).toContain('You are invited to a workshop.');
    expect(toHery?.text).toContain('When: Tuesday 9 March 2027, 09:00–12:00');
    expect(toHery?.text).toContain('Where: antananarivo hub room, 1 rue du Hub, antananarivo');
    expect(toHery?.text).not.toContain('abidjan');

    const invitations = await t.test.db.sessionInvitation.findMany({
      where: { sessionId },
      include: { venue: { select: { key: true } } },
    });
    expect(invitations.map((invitation) => [invitation.personId, invitation.venue.key]).sort()).toEqual(
      [
        [awa.personId, 'abidjan'],
        [hery.personId, 'antananarivo'],
      ].sort(),
    );
    const session = await t.test.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.announcedAt).not.toBeNull();
  });

  it('sends nothing more when the job runs again', async () => {
    expect(await announceSessions.handle({}, t.context)).toEqual({ announced: 0 });
    expect(await t.test.db.outboundMessage.count({ where: { purpose: 'session_announcement' } })).toBe(2);
  });
});
