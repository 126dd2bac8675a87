import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentorIntroduction } from '../../src/conversation/notices/mentor-introduction.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;

/** A session's button and PRÉSENT sent while a message to the mentor is being written. */
describe('session buttons and PRÉSENT while writing to the mentor', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let mentor: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    mentor = await SimulatedPerson.create(t, { name: 'M. Kone', role: 'mentor', hub: 'abidjan' });
    const { outbox } = await assignMentor(t.test.db, {
      defaultLanguage: 'fr',
      mentorId: mentor.personId,
      menteeId: awa.personId,
      now: t.context.now(),
      introduce: (facts) => mentorIntroduction(facts, t.context),
    });
    await t.context.queues.deliverOutbound(outbox, t.context.now());
    await awa.replies(1);
    await mentor.replies(1);
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers both and sends the next text to the mentor, as it would have been', async () => {
    const upcoming = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-mentor', localStart: '2027-03-09T09:00', hubs: ['abidjan'] }),
      SAMPLE_DAYTIME,
    );
    const invited = await inviteToSession(t.test.db, upcoming.sessionId, awa.personId);
    const ongoing = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-en-cours', localStart: '2026-11-16T09:30', hubs: ['abidjan'] }),
      new Date(SAMPLE_DAYTIME.getTime() - 2 * HOUR_MS),
    );
    const present = await inviteToSession(t.test.db, ongoing.sessionId, awa.personId, { rsvp: 'yes' });
    const { attendanceCode } = await t.test.db.sessionVenue.findFirstOrThrow({
      where: { sessionId: ongoing.sessionId },
    });

    await awa.send('MENTOR');
    const [answered] = await awa.send({ choice: `rsvp:${invited}:yes` });
    expect(answered?.text).toContain("C'est noté : vous venez à « Atelier : cartographier son projet »");
    const [recorded] = await awa.send(`PRÉSENT ${attendanceCode}`);
    expect(recorded?.text).toContain('Atelier : cartographier son projet');
    expect(await t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id: present } })).toMatchObject({
      attendedBy: 'code',
    });

    await awa.send('Pouvons-nous parler du budget ?');
    const [forwarded] = await mentor.replies(1);
    expect(forwarded?.text).toContain('Pouvons-nous parler du budget ?');
  });
});
