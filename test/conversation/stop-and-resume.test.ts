import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/conversation/conversation-context.ts';
import { handleEvent } from '../../src/conversation/handle-event.ts';
import type { InboundEvent } from '../../src/domain/inbound-event.ts';
import { createTranslate } from '../../src/i18n.ts';
import { createConversationStore } from '../../src/store/conversation-store.ts';
import { personView } from '../../src/store/people/person-view.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const translate = createTranslate({ defaultLanguage: 'fr' });
const clock = new Date('2027-01-12T10:00:00Z');

describe('STOP, PAUSE and REPRENDRE around an open exercise', () => {
  let test: TestDatabase;
  let awa: string;
  let submissionId: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    const cohort = await test.db.cohort.findFirstOrThrow();
    const hubId = (await test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } })).id;
    awa = (
      await test.db.person.create({
        data: {
          displayName: 'Awa',
          locale: 'fr',
          roles: ['participant'],
          hubId,
          identities: { create: { channel: 'simulator', platformId: 'sim-awa' } },
          enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
        },
      })
    ).id;
    const exercise = await test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    const enrolment = await test.db.enrolment.findFirstOrThrow({ where: { personId: awa } });
    submissionId = (
      await test.db.submission.create({
        data: {
          exerciseId: exercise.id,
          enrolmentId: enrolment.id,
          status: 'open',
          releaseAt: new Date('2027-01-11T09:00:00Z'),
          deadlineAt: new Date('2027-01-17T23:59:00Z'),
        },
      })
    ).id;
  });

  beforeEach(async () => {
    await test.db.person.update({ where: { id: awa }, data: { optedOutAt: null } });
    await test.db.enrolment.updateMany({
      where: { personId: awa },
      data: { status: 'active', pausedUntil: null, statusBeforeStop: null },
    });
    await test.db.answer.deleteMany({ where: { submissionId } });
    await test.db.submission.update({ where: { id: submissionId }, data: { currentPosition: 0, status: 'open' } });
    await test.db.conversationState.deleteMany({ where: { personId: awa } });
    await test.db.offlinePeriod.deleteMany({ where: { personId: awa } });
  });

  afterAll(async () => {
    await test.drop();
  });

  async function chat(message: { text: string } | { choice: string }): Promise<Outgoing[]> {
    const base = {
      channel: 'simulator' as const,
      platformEventId: `e-${Math.random()}`,
      sender: { channel: 'simulator' as const, platformId: 'sim-awa' },
      sentAt: clock.toISOString(),
    };
    const event: InboundEvent =
      'text' in message
        ? { ...base, kind: 'text', text: message.text }
        : { ...base, kind: 'choice', choiceId: message.choice };
    return test.db.$transaction(async (tx) =>
      handleEvent(event, {
        person: await personView(tx, awa),
        defaultLanguage: 'fr',
        translate,
        store: createConversationStore(tx),
        now: () => clock,
      }),
    );
  }
  const said = async (message: string) =>
    (await chat({ text: message })).map((o) => ('text' in o.payload ? o.payload.text : ''));
  const enrolment = () => test.db.enrolment.findFirstOrThrow({ where: { personId: awa } });
  const state = () => test.db.conversationState.findUnique({ where: { personId: awa } });
  const STILL_STOPPED = 'Vous avez demandé STOP : je ne vous écris plus. Pour revenir, envoyez REPRENDRE.';

  it('after STOP, a greeting or anything else brings nobody back into the exercise', async () => {
    expect((await said('Bonjour'))[0]).toContain('Question 1/3');
    expect((await said('STOP'))[0]).toContain('vous ne recevrez plus de messages');
    for (const message of ['Bonjour', 'Parce que je veux apprendre', 'Pause', 'PAUSE 3', 'MENTOR', 'Plan']) {
      expect(await said(message), message).toEqual([STILL_STOPPED]);
    }
    expect(await state()).toBeNull();
    expect(await test.db.answer.count({ where: { submissionId } })).toBe(0);
    expect((await enrolment()).status).toBe('stopped');
  });

  it('after STOP, HELP, MY DATA and DELETE still answer', async () => {
    await said('STOP');
    expect((await said('AIDE'))[0]).toContain('PROGRÈS');
    expect((await said('MES DONNÉES'))[0]).toContain('Voici ce que je garde sur vous');
    const [erase] = await chat({ text: 'EFFACER' });
    expect(erase?.payload).toMatchObject({ kind: 'choices', choices: [{ id: 'erase:yes' }, { id: 'erase:no' }] });
    expect(await said('non')).toEqual(["Rien n'a été effacé."]);
  });

  it('REPRENDRE always works, even with a dialogue open, and gives back the status held before STOP', async () => {
    await test.db.enrolment.updateMany({ where: { personId: awa }, data: { status: 'selected' } });
    await said('STOP');
    expect((await enrolment()).status).toBe('stopped');
    // A dialogue written meanwhile (an exercise released before the stop was known).
    await test.db.conversationState.create({
      data: { personId: awa, flow: 'exercise', step: 'question', data: { submissionId } },
    });
    expect((await said('REPRENDRE'))[0]).toContain('vos messages reprennent');
    expect(await test.db.answer.count({ where: { submissionId } })).toBe(0);
    expect((await enrolment()).status).toBe('selected');
    expect((await test.db.person.findUniqueOrThrow({ where: { id: awa } })).optedOutAt).toBeNull();
    expect((await said('Bonjour'))[0]).toContain('Question 1/3');
  });

  it('REPRENDRE from someone paused, typed in a text question, resumes rather than being asked about', async () => {
    await said('PAUSE 5');
    expect((await enrolment()).status).toBe('paused');
    await test.db.conversationState.create({
      data: { personId: awa, flow: 'exercise', step: 'question', data: { submissionId } },
    });
    expect((await said('reprendre'))[0]).toContain('vos messages reprennent');
    expect((await enrolment()).status).toBe('active');
    expect(await test.db.answer.count({ where: { submissionId } })).toBe(0);
  });

  it('PAUSE while paused moves the pause and says until when, keeping a selection', async () => {
    await test.db.enrolment.updateMany({ where: { personId: awa }, data: { status: 'selected' } });
    expect((await said('PAUSE 3'))[0]).toBe(
      "C'est noté : pause jusqu'au 15 janvier. Envoyez REPRENDRE pour revenir plus tôt.\n" +
        'Vos échéances ne bougent pas : à votre retour, un message vous dira ce qui vous attend.',
    );
    expect((await said('PAUSE 10'))[0]).toBe(
      "C'est noté : votre pause court maintenant jusqu'au 22 janvier. Envoyez REPRENDRE pour revenir plus tôt.\n" +
        'Vos échéances ne bougent pas : à votre retour, un message vous dira ce qui vous attend.',
    );
    expect(await enrolment()).toMatchObject({
      status: 'paused',
      statusBeforeStop: 'selected',
      pausedUntil: new Date('2027-01-22T10:00:00Z'),
    });
    await said('REPRENDRE');
    expect((await enrolment()).status).toBe('selected');
  });

  it("at the exercise's confirm step, another message says what to press instead of the whole summary", async () => {
    await test.db.submission.update({ where: { id: submissionId }, data: { currentPosition: 3 } });
    await test.db.conversationState.create({
      data: { personId: awa, flow: 'exercise', step: 'confirm', data: { submissionId } },
    });
    const replies = await chat({ text: 'ok' });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.payload).toMatchObject({
      kind: 'choices',
      text: 'Pour rendre vos réponses, appuyez sur « Envoyer ✓ » ; pour les reprendre depuis le début, sur « Recommencer ».',
      // The summary's own buttons: tagged with the exercise, so a tap hands in this one and no other.
      choices: [{ id: expect.stringMatching(/^ex:confirm#/) }, { id: expect.stringMatching(/^ex:restart#/) }],
    });
  });

  it('at the erase confirmation, another message says what to press; keeping the data gives the dialogue back', async () => {
    await test.db.conversationState.create({
      data: { personId: awa, flow: 'exercise', step: 'question', data: { submissionId } },
    });
    await said('EFFACER');
    const [press] = await chat({ text: 'euh' });
    expect(press?.payload).toMatchObject({
      kind: 'choices',
      text: "Rien n'est effacé pour l'instant. Appuyez sur « Oui, tout effacer » pour tout effacer, ou sur « Non, garder ».",
      choices: [{ id: 'erase:yes' }, { id: 'erase:no' }],
    });
    expect((await test.db.person.findUniqueOrThrow({ where: { id: awa } })).erasedAt).toBeNull();
    expect(await said('oui')).not.toContain(expect.stringContaining('effacées'));
    expect(await said('Non')).toEqual(["Rien n'a été effacé."]);
    expect(await state()).toMatchObject({ flow: 'exercise', step: 'question' });
  });
});
