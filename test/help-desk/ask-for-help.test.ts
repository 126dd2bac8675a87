import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askForHelp } from '../../src/store/help-desk/ask-for-help.ts';
import { findHelpAsker } from '../../src/store/help-desk/find-help-asker.ts';
import { answerHelpConversation } from '../../src/store/help-desk/answer-help-conversation.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

const now = SAMPLE_DAYTIME;

/** Where a participant's question goes: their mentor, else their hub's trainers, else the staff. */
describe('routing a question to the help desk', () => {
  let test: TestDatabase;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;

  beforeAll(async () => {
    test = await createTestDatabase();
    seeded = await seedCohort(test.db, now);
    trainers = await seedTrainers(test.db, seeded, now);
  });

  afterAll(async () => {
    await test.drop();
  });

  async function ask(personId: string, text: string, at = now) {
    const asker = await findHelpAsker(test.db, personId);
    if (!asker) throw new Error(`${personId} cannot ask`);
    return test.db.$transaction((tx) => askForHelp(tx, asker, { text, mediaFileId: null, sentAt: at }, at));
  }

  it('goes to the mentor of a participant who has one, who takes it', async () => {
    const awa = seeded.participantIds[0]!;
    const result = await ask(awa, 'Je ne trouve pas le lien de la session.');
    expect(result?.level).toBe('mentor');
    expect(result?.notify.map((r) => r.personId)).toEqual([seeded.mentorIds[0]]);
    const conversation = await test.db.helpConversation.findUniqueOrThrow({ where: { id: result!.conversationId } });
    expect(conversation).toMatchObject({ status: 'open', assigneeId: seeded.mentorIds[0], waitingSince: now });
    // 24 hours unless the programme file says otherwise.
    expect(conversation.escalateAt).toEqual(new Date(now.getTime() + 24 * 3600_000));
  });

  it("goes to the hub's trainers when there is no mentor, shared until one answers", async () => {
    const result = await ask(trainers.josueId, "je n'arrive pas à ouvrir la vidéo");
    expect(result?.level).toBe('trainer');
    expect(result?.notify.map((r) => r.personId)).toEqual([trainers.bukavuTrainerId]);
    const conversation = await test.db.helpConversation.findUniqueOrThrow({ where: { id: result!.conversationId } });
    expect(conversation.assigneeId).toBeNull();

    // A second message joins the same conversation; an answer makes it wait for the person.
    const again = await ask(trainers.josueId, 'Le lien ne marche pas non plus.', new Date(now.getTime() + 60_000));
    expect(again).toMatchObject({ conversationId: result!.conversationId, outcome: 'joined' });
    const answered = await test.db.$transaction((tx) =>
      answerHelpConversation(tx, {
        conversationId: result!.conversationId,
        authorId: trainers.bukavuTrainerId,
        authorLevel: 'trainer',
        message: { text: 'Essayez depuis la salle du hub.', mediaFileId: null, sentAt: now },
        now,
      }),
    );
    expect(answered?.person.id).toBe(trainers.josueId);
    const after = await test.db.helpConversation.findUniqueOrThrow({ where: { id: result!.conversationId } });
    expect(after).toMatchObject({
      status: 'waiting',
      assigneeId: trainers.bukavuTrainerId,
      escalateAt: null,
      waitingSince: null,
    });
  });

  it('goes to the staff when the hub has no trainer and there is no mentor', async () => {
    const tunisian = await test.db.person.create({
      data: { displayName: 'Yasmine', roles: ['participant'], hubId: trainers.hubIds.tunis },
      select: { id: true },
    });
    await test.db.enrolment.create({ data: { personId: tunisian.id, cohortId: seeded.cohortId, role: 'participant' } });
    const result = await ask(tunisian.id, 'Bonjour, une question sur le programme.');
    expect(result?.level).toBe('staff');
    expect(result?.notify.map((r) => r.personId)).toEqual([seeded.staffId]);
    const conversation = await test.db.helpConversation.findUniqueOrThrow({ where: { id: result!.conversationId } });
    // Nobody is above the staff: nothing passes up.
    expect(conversation.escalateAt).toBeNull();
  });
});
