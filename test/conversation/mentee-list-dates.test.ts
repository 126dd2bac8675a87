import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe("a mentor's list of mentees", () => {
  let t: TestApp;
  let mentor: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    const awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    mentor = await SimulatedPerson.create(t, { name: 'Mme Diallo', role: 'mentor', hub: 'abidjan' });
    await t.test.db.person.update({ where: { id: mentor.personId }, data: { locale: 'fr' } });
    await assignMentor(t.test.db, {
      defaultLanguage: 'fr',
      mentorId: mentor.personId,
      menteeId: awa.personId,
      now: t.context.now(),
    });
    await t.test.db.channelIdentity.updateMany({
      where: { personId: awa.personId },
      data: { lastInboundAt: new Date('2026-11-14T18:30:00Z') },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it("dates the mentee's last message in words, in the mentor's time", async () => {
    const [list] = await mentor.send('mentorés');
    expect(list?.text).toContain('dernier message : samedi 14 novembre 2026, 18:30 ;');
  });
});
