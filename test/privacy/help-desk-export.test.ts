import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerHelpConversation } from '../../src/store/help-desk/answer-help-conversation.ts';
import { askForHelp } from '../../src/store/help-desk/ask-for-help.ts';
import { findHelpAsker } from '../../src/store/help-desk/find-help-asker.ts';
import { erasePerson } from '../../src/store/people/erase-person.ts';
import { exportPersonData } from '../../src/store/people/export-person-data.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

const now = SAMPLE_DAYTIME;

/** The help desk in the per-person export, and what a team member's erasure leaves of it. */
describe('help-desk conversations in the export', () => {
  let test: TestDatabase;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;
  let conversationId: string;

  const staffScope = () => ({ role: 'staff' as const, cohortIds: [seeded.cohortId], mentees: null, hubs: null });

  beforeAll(async () => {
    test = await createTestDatabase();
    seeded = await seedCohort(test.db, now);
    trainers = await seedTrainers(test.db, seeded, now);
    const asker = await findHelpAsker(test.db, trainers.josueId);
    const asked = await test.db.$transaction((tx) =>
      askForHelp(tx, asker!, { text: "je n'arrive pas à ouvrir la vidéo", mediaFileId: null, sentAt: now }, now),
    );
    conversationId = asked!.conversationId;
    const later = new Date(now.getTime() + 3600_000);
    await test.db.$transaction((tx) =>
      answerHelpConversation(tx, {
        conversationId,
        authorId: trainers.bukavuTrainerId,
        authorLevel: 'trainer',
        message: { text: 'Essayez depuis la salle du hub.', mediaFileId: null, sentAt: later },
        now: later,
      }),
    );
  });

  afterAll(async () => {
    await test.drop();
  });

  it("gives the participant's conversation with every message, and the answers a trainer wrote", async () => {
    const josue = await exportPersonData(test.db, trainers.josueId, { scope: staffScope(), now });
    expect(josue.helpDesk.conversations).toEqual([
      expect.objectContaining({
        id: conversationId,
        status: 'waiting',
        level: 'trainer',
        hub: 'bukavu',
        messages: [
          expect.objectContaining({ from: 'person', author: null, text: "je n'arrive pas à ouvrir la vidéo" }),
          expect.objectContaining({ from: 'team', author: 'Aline', text: 'Essayez depuis la salle du hub.' }),
        ],
      }),
    ]);
    const aline = await exportPersonData(test.db, trainers.bukavuTrainerId, { scope: staffScope(), now });
    expect(aline.helpDesk.messagesWritten).toEqual([
      expect.objectContaining({ conversationId, text: 'Essayez depuis la salle du hub.' }),
    ]);
    expect(aline.helpDesk.conversations).toEqual([]);
  });

  it("keeps a team member's words in the participant's record once she erased, without her name", async () => {
    await test.db.helpConversation.update({
      where: { id: conversationId },
      data: { assigneeId: trainers.bukavuTrainerId },
    });
    await test.db.$transaction((tx) => erasePerson(tx, { personId: trainers.bukavuTrainerId, at: now }));
    const josue = await exportPersonData(test.db, trainers.josueId, { scope: staffScope(), now });
    const [conversation] = josue.helpDesk.conversations;
    expect(conversation?.assignee).toBeNull();
    expect(conversation?.messages[1]).toMatchObject({
      from: 'team',
      author: 'team',
      text: 'Essayez depuis la salle du hub.',
    });
    const stored = await test.db.helpConversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(stored.assigneeId).toBeNull();
    expect(await test.db.helpMessage.count({ where: { authorId: trainers.bukavuTrainerId } })).toBe(0);
  });
});
