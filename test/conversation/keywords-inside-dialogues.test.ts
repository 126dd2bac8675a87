import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/conversation/conversation-context.ts';
import { handleEvent } from '../../src/conversation/handle-event.ts';
import type { InboundEvent } from '../../src/domain/inbound-event.ts';
import { createTranslate } from '../../src/i18n.ts';
import { createConversationStore } from '../../src/store/conversation-store.ts';
import type { Prisma } from '../../src/store/generated/client.ts';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { personView } from '../../src/store/people/person-view.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const translate = createTranslate({ defaultLanguage: 'fr' });
const clock = new Date('2027-01-12T10:00:00Z');

/**
 * Keywords typed as a whole message, in both languages, any case, with or without accents or a
 * slash; `asked` when the word is an ordinary word someone may mean as their text (the person is
 * asked which), otherwise the command acts at once.
 */
const WORDS: { typed: string; asked: boolean | 'outside exercises' }[] = [
  { typed: 'PAUSE 7', asked: false },
  { typed: 'Pause', asked: true },
  { typed: '/pause', asked: false },
  { typed: 'MES DONNÉES', asked: false },
  { typed: 'My data', asked: false },
  { typed: 'Data', asked: true },
  { typed: 'EFFACER', asked: false },
  { typed: 'delete', asked: false },
  { typed: 'LANGUE', asked: false },
  { typed: 'MENTOR', asked: true },
  { typed: 'PROGRÈS', asked: false },
  { typed: 'REPRENDRE', asked: true },
  { typed: 'Continue', asked: true },
  { typed: 'AIDE', asked: false },
  { typed: 'Menu', asked: true },
  { typed: 'STOP', asked: false },
  { typed: 'Arrêt', asked: false },
  // A greeting asks an exercise's question again; elsewhere it may be the message itself.
  { typed: 'Bonjour', asked: 'outside exercises' },
  { typed: 'ANNULER', asked: false },
  { typed: 'Plan', asked: true },
  { typed: "plan d'action", asked: false },
  { typed: 'MENTORÉS', asked: false },
  { typed: 'ANNONCE', asked: true },
  { typed: 'STATS', asked: false },
  { typed: 'tableau de bord', asked: false },
  { typed: 'Agenda', asked: true },
  { typed: 'Sessions', asked: true },
  { typed: 'MES SESSIONS', asked: false },
  { typed: '/agenda', asked: false },
  // PRÉSENT acts at once with a venue's attendance code; alone, or before a word that is no code, it may be the text.
  { typed: 'Présent', asked: true },
  { typed: 'Here today', asked: true },
];

const ASK_BUTTONS = ['aoc:answer', 'aoc:command'];

describe('a keyword typed where free text is expected is never silently filed as the text', () => {
  let test: TestDatabase;
  let awa: string;
  let newcomer: string;
  let sophie: string;
  let submissionId: string;
  let milestoneId: string;
  let programmeId: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    const cohort = await test.db.cohort.findFirstOrThrow();
    programmeId = cohort.programmeId;
    const hubId = (await test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } })).id;
    const person = async (name: string, role: 'participant' | 'mentor' | 'staff') =>
      (
        await test.db.person.create({
          data: {
            displayName: name,
            locale: 'fr',
            roles: [role],
            hubId,
            identities: { create: { channel: 'simulator', platformId: `sim-${name}` } },
            enrolments: { create: { cohortId: cohort.id, role } },
          },
        })
      ).id;
    awa = await person('Awa', 'participant');
    sophie = await person('Sophie', 'staff');
    const mentor = await person('Mme Diallo', 'mentor');
    await assignMentor(test.db, { defaultLanguage: 'fr', mentorId: mentor, menteeId: awa, now: clock });
    milestoneId = (
      await test.db.milestone.findFirstOrThrow({ where: { actionPlan: { enrolment: { personId: awa } } } })
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

    newcomer = (
      await test.db.person.create({
        data: { identities: { create: { channel: 'simulator', platformId: 'sim-newcomer' } } },
      })
    ).id;
  });

  afterAll(async () => {
    await test.drop();
  });

  /** What a message brings back, handled as the inbound job does (real store, one transaction). */
  async function chat(personId: string, message: { text: string } | { choice: string }): Promise<Outgoing[]> {
    const base = {
      channel: 'simulator' as const,
      platformEventId: `e-${Math.random()}`,
      sender: { channel: 'simulator' as const, platformId: 'x' },
      sentAt: clock.toISOString(),
    };
    const event: InboundEvent =
      'text' in message
        ? { ...base, kind: 'text', text: message.text }
        : { ...base, kind: 'choice', choiceId: message.choice };
    return test.db.$transaction(async (tx) =>
      handleEvent(event, {
        person: await personView(tx, personId),
        defaultLanguage: 'fr',
        translate,
        store: createConversationStore(tx),
        now: () => clock,
      }),
    );
  }

  const setState = (personId: string, state: { flow: string; step: string; data: Prisma.InputJsonValue }) =>
    test.db.conversationState.upsert({
      where: { personId },
      create: { personId, ...state },
      update: state,
    });

  /** Back to before the word: not stopped nor paused, the dialogue's state and what it had stored. */
  async function reset(personId: string) {
    await test.db.person.update({ where: { id: personId }, data: { optedOutAt: null, locale: 'fr' } });
    await test.db.enrolment.updateMany({
      where: { personId },
      data: { status: 'active', pausedUntil: null, statusBeforeStop: null },
    });
    await test.db.broadcast.deleteMany();
    await test.db.answer.deleteMany({ where: { submissionId } });
    await test.db.submission.update({ where: { id: submissionId }, data: { currentPosition: 0, status: 'open' } });
    await test.db.milestone.update({ where: { id: milestoneId }, data: { note: null } });
  }

  /** Someone joining with a code, up to the name question (again after a CANCEL dropped the join). */
  async function joinUpToTheName() {
    if ((await test.db.enrolment.count({ where: { personId: newcomer } })) === 0) {
      const cohort = await test.db.cohort.findFirstOrThrow();
      const [code] = await createInviteCodes(test.db, { cohortId: cohort.id, role: 'participant', count: 1 });
      await chat(newcomer, { text: `REJOINDRE ${code}` });
      await chat(newcomer, { choice: 'lang:fr' });
      await chat(newcomer, { choice: 'consent:yes' });
      await chat(newcomer, { choice: 'hub:abidjan' });
      await chat(newcomer, { choice: 'join-country:CI' });
      joiningState = await test.db.conversationState.findUniqueOrThrow({ where: { personId: newcomer } });
    }
    expect(joiningState).toMatchObject({ flow: 'joining', step: 'name' });
    await setState(newcomer, {
      flow: joiningState!.flow,
      step: joiningState!.step,
      data: joiningState!.data as Prisma.InputJsonValue,
    });
  }
  let joiningState: { flow: string; step: string; data: unknown } | undefined;

  const motivation = async () =>
    (await test.db.answer.findFirst({ where: { submissionId, question: { key: 'motivation' } } }))?.value ?? null;

  /** Each step where people write freely: how to open it, and whether a text was filed there. */
  const STEPS: {
    name: string;
    personId: () => string;
    exercise?: true;
    open: () => Promise<unknown>;
    filed: (typed: string, replies: Outgoing[]) => Promise<boolean>;
  }[] = [
    {
      name: 'an exercise text question',
      personId: () => awa,
      exercise: true,
      open: () => setState(awa, { flow: 'exercise', step: 'question', data: { submissionId } }),
      filed: async (typed) => JSON.stringify(await motivation()).includes(JSON.stringify(typed).slice(1, -1)),
    },
    {
      name: 'an exercise text question, once a first part was saved',
      personId: () => awa,
      exercise: true,
      open: async () => {
        await setState(awa, { flow: 'exercise', step: 'question', data: { submissionId } });
        await chat(awa, { text: 'Première partie' });
      },
      filed: async () => JSON.stringify(await motivation()) !== JSON.stringify({ text: 'Première partie' }),
    },
    {
      name: 'the name question when joining',
      personId: () => newcomer,
      open: joinUpToTheName,
      filed: async () =>
        // CANCEL drops the join: nothing was filed either.
        ((await test.db.enrolment.findFirst({ where: { personId: newcomer } }))?.joinedAt ?? null) !== null,
    },
    {
      name: 'a milestone note',
      personId: () => awa,
      open: () =>
        setState(awa, {
          flow: 'milestone_note',
          step: 'note',
          data: { milestoneId, askedAt: clock.toISOString() },
        }),
      filed: async () => (await test.db.milestone.findUniqueOrThrow({ where: { id: milestoneId } })).note !== null,
    },
    {
      name: 'a message to the mentor',
      personId: () => awa,
      open: () => setState(awa, { flow: 'message_mentor', step: 'compose', data: {} }),
      filed: async (_typed, replies) => replies.some((r) => r.toPersonId !== undefined),
    },
    {
      name: "a staff member's announcement text",
      personId: () => sophie,
      open: () => setState(sophie, { flow: 'broadcast', step: 'text', data: { programmeId, texts: {} } }),
      filed: async () => {
        const state = await test.db.conversationState.findUnique({ where: { personId: sophie } });
        const texts = (state?.data as { texts?: Record<string, string> } | undefined)?.texts ?? {};
        return state?.flow === 'broadcast' && (state.step !== 'text' || Object.keys(texts).length > 0);
      },
    },
  ];

  const choiceIds = (replies: Outgoing[]) =>
    replies.flatMap((r) => (r.payload.kind === 'choices' ? r.payload.choices.map((c) => c.id) : []));
  const texts = (replies: Outgoing[]) => replies.map((r) => ('text' in r.payload ? r.payload.text : ''));

  describe.each(STEPS)('in $name', (step) => {
    it.each(WORDS)('"$typed" acts, or asks whether it is the text or the command', async ({ typed, asked }) => {
      await reset(step.personId());
      await step.open();
      const replies = await chat(step.personId(), { text: typed });
      expect(await step.filed(typed, replies)).toBe(false);
      if (asked === true || (asked === 'outside exercises' && !step.exercise)) {
        expect(choiceIds(replies)).toEqual(ASK_BUTTONS);
        expect(texts(replies)[0]).toContain(`Vous avez écrit « ${typed} »`);
      } else {
        expect(choiceIds(replies)).not.toContain('aoc:answer');
      }
    });

    it('files an ordinary word as the text once the person says it is what they meant', async () => {
      for (const { typed } of WORDS.filter((w) => w.asked === true || (w.asked && !step.exercise))) {
        await reset(step.personId());
        await step.open();
        await chat(step.personId(), { text: typed });
        const replies = await chat(step.personId(), { choice: 'aoc:answer' });
        expect(await step.filed(typed, replies), typed).toBe(true);
      }
    });
  });

  it('runs the command once the person says so, and gives the dialogue back', async () => {
    await reset(awa);
    await setState(awa, { flow: 'exercise', step: 'question', data: { submissionId } });
    await chat(awa, { text: 'Pause' });
    expect(texts(await chat(awa, { choice: 'aoc:command' }))[0]).toContain("C'est noté : pause jusqu'au 19 janvier");
    expect((await test.db.enrolment.findFirstOrThrow({ where: { personId: awa } })).status).toBe('paused');
    expect(await test.db.conversationState.findUnique({ where: { personId: awa } })).toMatchObject({
      flow: 'exercise',
      step: 'question',
    });
    expect(texts(await chat(awa, { text: 'Parce que je veux apprendre' }))[0]).toContain('noté');
    expect(await motivation()).toEqual({ text: 'Parce que je veux apprendre' });
  });

  it('reads anything else, after the question, in the dialogue it was typed in', async () => {
    await reset(awa);
    await setState(awa, { flow: 'exercise', step: 'question', data: { submissionId } });
    await chat(awa, { text: 'Continuer' });
    await chat(awa, { text: 'Pour aider mon quartier' });
    expect(await motivation()).toEqual({ text: 'Pour aider mon quartier' });
  });

  it('answers the commands the issue names, in a text question, as those commands', async () => {
    const inQuestion = async (typed: string) => {
      await reset(awa);
      await setState(awa, { flow: 'exercise', step: 'question', data: { submissionId } });
      return chat(awa, { text: typed });
    };
    expect(texts(await inQuestion('PAUSE 7'))[0]).toContain("pause jusqu'au 19 janvier");
    expect(texts(await inQuestion('MES DONNÉES'))[0]).toContain('Voici ce que je garde sur vous');
    expect(choiceIds(await inQuestion('EFFACER'))).toEqual(['erase:yes', 'erase:no']);
    expect(choiceIds(await inQuestion('LANGUE'))).toEqual(['lang:fr', 'lang:en']);
    expect(texts(await inQuestion('PROGRÈS'))[0]).toContain('Exercices rendus');
    expect(texts(await inQuestion('STOP'))[0]).toContain('vous ne recevrez plus de messages');
  });

  it('names the attendance command as it is written in English', async () => {
    await reset(awa);
    await test.db.person.update({ where: { id: awa }, data: { locale: 'en' } });
    await setState(awa, { flow: 'exercise', step: 'question', data: { submissionId } });
    const replies = await chat(awa, { text: 'HERE' });
    expect(texts(replies)[0]).toContain('or the command HERE (');
    expect(replies[0]?.payload).toMatchObject({ choices: [{}, { label: 'The command HERE' }] });
    await reset(awa);
  });

  describe.each([
    { name: "the exercise's confirm step", step: 'confirm', position: 3 },
    { name: 'a choice question', step: 'question', position: 1 },
  ])('in $name', ({ step, position }) => {
    it.each(WORDS)('"$typed" acts as the command and is not filed', async ({ typed }) => {
      await reset(awa);
      await test.db.submission.update({ where: { id: submissionId }, data: { currentPosition: position } });
      await setState(awa, { flow: 'exercise', step, data: { submissionId } });
      const replies = await chat(awa, { text: typed });
      expect(choiceIds(replies)).not.toContain('aoc:answer');
      expect(await test.db.answer.count({ where: { submissionId } })).toBe(0);
      expect((await test.db.submission.findUniqueOrThrow({ where: { id: submissionId } })).status).toBe('open');
    });
  });
});
