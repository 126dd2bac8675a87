import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpMessageForTeam, teamAnswerForPerson } from '../../src/conversation/notices/help-desk-notices.ts';
import type { Outgoing } from '../../src/conversation/conversation-context.ts';
import { answerHelpConversation } from '../../src/store/help-desk/answer-help-conversation.ts';
import { askForHelp } from '../../src/store/help-desk/ask-for-help.ts';
import { findHelpAsker } from '../../src/store/help-desk/find-help-asker.ts';
import { addOutboundMessages } from '../../src/store/outbox/outbox.ts';
import { seedCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { waitFor } from '../support/processes.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

const QUESTION = "Je n'arrive pas à ouvrir la vidéo du module Josué-7731";
const PHOTO = 'capture-ecran-noir-de-josue-7731';
const ANSWER = 'Essayez depuis la salle du hub, Josué-7731-réponse';

/**
 * Josué asked the help desk with a photo and Aline answered; he erases his data: his conversation,
 * its messages, the photo on disk and every copy relayed to Aline go, and nothing names him.
 */
describe('erasing a participant who used the help desk', () => {
  let t: TestApp;
  let trainers: SeededTrainers;
  let josue: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    const seeded = await seedCohort(t.test.db, t.context.now());
    trainers = await seedTrainers(t.test.db, seeded, t.context.now());
    await t.test.db.consent.create({
      data: {
        personId: trainers.josueId,
        programmeId: seeded.programmeId,
        given: true,
        textVersion: '2027-01',
        locale: 'fr',
      },
    });
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { personId: trainers.josueId } });
    josue = new SimulatedPerson(t, identity.platformId, trainers.josueId);
  });

  afterAll(async () => {
    await t.close();
  });

  /** Puts the notices in the outbox, as the help desk does. */
  async function send(outgoing: Outgoing[]) {
    const rows = [];
    for (const message of outgoing) {
      const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { personId: message.toPersonId } });
      rows.push({
        personId: message.toPersonId!,
        channelIdentityId: identity.id,
        purpose: message.purpose ?? 'reply',
        payload: message.payload,
        aboutPersonIds: message.about ?? [],
      });
    }
    await addOutboundMessages(t.test.db, rows, t.context.now());
  }

  it('leaves nothing of his question, photo, the answer or his name', async () => {
    const now = t.context.now();
    await josue.send(
      { media: { kind: 'photo', mimeType: 'image/jpeg', data: Buffer.from(PHOTO).toString('base64') } },
      { replies: 0 },
    );
    const photo = await waitFor(
      async () => (await t.test.db.mediaFile.findFirst({ where: { personId: trainers.josueId } })) ?? undefined,
      15_000,
      'his photo stored',
    );
    // His photo is handled (kept, asked about) before the team's exchange below, not in the middle of it.
    await waitFor(
      async () =>
        (await t.test.db.inboundEvent.count({ where: { personId: trainers.josueId, status: 'received' } })) === 0 ||
        undefined,
      15_000,
      'his photo handled',
    );
    const asker = await findHelpAsker(t.test.db, trainers.josueId);
    const asked = await t.test.db.$transaction((tx) =>
      askForHelp(tx, asker!, { text: QUESTION, mediaFileId: photo.id, sentAt: now }, now),
    );
    const deps = { translate: t.context.translate, defaultLanguage: t.context.defaultLanguage };
    await send(
      helpMessageForTeam(
        {
          conversationId: asked!.conversationId,
          personId: trainers.josueId,
          personName: 'Josué',
          hubName: { fr: 'Bukavu' },
          level: asked!.level,
          content: { text: QUESTION, media: { kind: 'photo', mediaFileId: photo.id } },
        },
        { personId: trainers.bukavuTrainerId, locale: 'fr' },
        null,
        deps,
      ),
    );
    await t.test.db.$transaction((tx) =>
      answerHelpConversation(tx, {
        conversationId: asked!.conversationId,
        authorId: trainers.bukavuTrainerId,
        authorLevel: 'trainer',
        message: { text: ANSWER, mediaFileId: null, sentAt: now },
        now,
      }),
    );
    await send(
      teamAnswerForPerson(
        {
          conversationId: asked!.conversationId,
          authorId: trainers.bukavuTrainerId,
          authorName: 'Aline',
          authorRole: 'trainer',
          content: { text: ANSWER, media: null },
        },
        { personId: trainers.josueId, locale: 'fr' },
        null,
        deps,
      ),
    );
    const relayed = await t.test.db.outboundMessage.findMany({ where: { personId: trainers.bukavuTrainerId } });
    expect(JSON.stringify(relayed.map((row) => row.payload))).toContain(QUESTION);
    await josue.send('MES DONNÉES', { replies: 0 });
    expect(await replyContaining('Voici ce que je garde')).toMatch(
      /Questions à l'équipe : 1 conversation, 2 messages \(les vôtres et les réponses\), la dernière le /,
    );
    const photoPath = path.join(t.mediaDir, photo.path);
    expect(readFileSync(photoPath, 'utf8')).toBe(PHOTO);

    await josue.send('EFFACER', { replies: 0 });
    await replyContaining('Voulez-vous vraiment effacer');
    await josue.send({ choice: 'erase:yes' }, { replies: 0 });
    await waitFor(
      async () => (await t.test.db.person.findUniqueOrThrow({ where: { id: trainers.josueId } })).erasedAt ?? undefined,
      15_000,
      'his erasure',
    );

    expect(await t.test.db.helpConversation.count({ where: { personId: trainers.josueId } })).toBe(0);
    expect(await t.test.db.helpMessage.count()).toBe(0);
    // Files go once the erasure has committed, just after it: waited for, not raced.
    await waitFor(
      async () =>
        filesUnder(t.mediaDir).some((file) => readFileSync(file, 'utf8').includes(PHOTO)) ? undefined : true,
      15_000,
      'his photo deleted from the disk',
    );
    expect(await findings([QUESTION, PHOTO, ANSWER, 'Josué'])).toEqual([]);
    // Aline keeps her place: her own rows are there, emptied of his words.
    expect(await t.test.db.outboundMessage.count({ where: { personId: trainers.bukavuTrainerId } })).toBe(
      relayed.length,
    );
  }, 120_000);

  /** The text of the first message to Josué containing `words`, once it is in the outbox. */
  async function replyContaining(words: string): Promise<string> {
    return waitFor(
      async () => {
        const rows = await t.test.db.outboundMessage.findMany({ where: { personId: trainers.josueId } });
        return rows
          .map((row) => (row.payload as { text?: string }).text ?? '')
          .find((text) => text.includes(words) && text !== words);
      },
      15_000,
      `a reply containing ${words}`,
    );
  }

  /** Where each string still is: every table's rows and the media folder. */
  async function findings(strings: string[]): Promise<string[]> {
    const haystacks: { where: string; text: string }[] = [];
    const tables = await t.test.db.$queryRaw<
      { name: string }[]
    >`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`;
    for (const { name } of tables) {
      const rows = await t.test.db.$queryRawUnsafe<{ row: string }[]>(
        `SELECT row_to_json(t)::text AS row FROM "${name}" AS t`,
      );
      for (const { row } of rows) haystacks.push({ where: `table ${name}`, text: row });
    }
    for (const file of filesUnder(t.mediaDir))
      haystacks.push({ where: `file ${file}`, text: readFileSync(file, 'utf8') });
    return strings.flatMap((value) =>
      haystacks
        .filter(
          (haystack) => haystack.text.includes(value) || haystack.text.includes(JSON.stringify(value).slice(1, -1)),
        )
        .map((haystack) => `${JSON.stringify(value)} in ${haystack.where}`),
    );
  }
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
