import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentorIntroduction } from '../../src/conversation/notices/mentor-introduction.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** A new pair, introduced: each reads who the other is and reaches them with what the introduction says. */
describe('the introduction of a mentor and a mentee', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let mentor: SimulatedPerson;

  beforeAll(async () => {
    // Daytime in Abidjan and Antananarivo: the introductions are not held for the quiet hours.
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    mentor = await SimulatedPerson.create(t, { name: 'M. Rakoto', role: 'mentor', hub: 'antananarivo' });
    await t.test.db.person.update({ where: { id: mentor.personId }, data: { locale: 'en' } });
  });

  afterAll(async () => {
    await t.close();
  });

  async function assign() {
    const { outbox } = await assignMentor(t.test.db, {
      defaultLanguage: 'fr',
      mentorId: mentor.personId,
      menteeId: awa.personId,
      now: t.context.now(),
      introduce: (facts) => mentorIntroduction(facts, t.context),
    });
    await t.context.queues.deliverOutbound(outbox, t.context.now());
    return outbox;
  }

  it('reaches both, each in their language, and the mentor can write first with its button', async () => {
    await assign();
    const [toAwa] = await awa.replies(1);
    expect(toAwa?.text).toBe(
      'Votre mentor pour Connexions citoyennes est M. Rakoto (ville : Antananarivo). Pour lui écrire, envoyez MENTOR : je lui transmets votre message, et sa réponse vous arrive ici.',
    );
    const [toMentor] = await mentor.replies(1);
    expect(toMentor?.text).toContain('You are now mentoring Awa (city: Abidjan) in Civic Connections.');
    const write = toMentor?.kind === 'choices' ? toMentor.choices[0] : undefined;
    expect(write?.label).toBe('Write to Awa');

    await mentor.send({ choice: write!.id });
    await mentor.send('Welcome! Shall we talk on Thursday?');
    expect((await awa.replies(1))[0]?.text).toContain('Welcome! Shall we talk on Thursday?');
    expect((await awa.send('mentor'))[0]?.text).toBe('Écrivez votre message pour M. Rakoto : je le lui transmets.');
  });

  it('sends nothing twice when the same pair is assigned again', async () => {
    expect(await assign()).toEqual([]);
    expect(
      await t.test.db.outboundMessage.count({
        where: { purpose: 'mentor_introduction', personId: { in: [awa.personId, mentor.personId] } },
      }),
    ).toBe(2);
  });
});
