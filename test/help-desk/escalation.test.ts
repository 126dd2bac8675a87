import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpDeskEscalationsDue } from '../../src/jobs/help-desk-escalations-due.ts';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { answerHelpConversation } from '../../src/store/help-desk/answer-help-conversation.ts';
import { askForHelp } from '../../src/store/help-desk/ask-for-help.ts';
import { findHelpAsker } from '../../src/store/help-desk/find-help-asker.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

const HOUR_MS = 3_600_000;
const at = (hours: number) => new Date(SAMPLE_DAYTIME.getTime() + hours * HOUR_MS);

/**
 * A question unanswered for the programme's `help_desk.escalate_after` passes up a level (mentor →
 * the hub's trainers → the staff): the new level gets the question, whoever had it and the
 * person are told, each in their language; once, however many times the sweep runs.
 */
describe('passing an unanswered help-desk question up', () => {
  let test: TestDatabase;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;
  let context: ReturnType<typeof testJobContext>;

  beforeAll(async () => {
    test = await createTestDatabase();
    seeded = await seedCohort(test.db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(test.db, seeded, SAMPLE_DAYTIME);
    context = testJobContext(test.db, uniquePrefix());
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  const run = (now: Date) => helpDeskEscalationsDue.handle({}, { ...context, now: () => now } as JobContext);

  async function ask(personId: string, text: string | null, sentAt: Date, mediaFileId: string | null = null) {
    const asker = await findHelpAsker(test.db, personId);
    if (!asker) throw new Error(`${personId} cannot ask`);
    const result = await test.db.$transaction((tx) => askForHelp(tx, asker, { text, mediaFileId, sentAt }, sentAt));
    return result!.conversationId;
  }

  /** What the escalation of a conversation wrote, as "name: text" lines in the order written. */
  async function told(conversationId: string) {
    const rows = await test.db.outboundMessage.findMany({
      where: { dedupKey: { startsWith: `help-escalation:${conversationId}:` } },
      orderBy: { sequence: 'asc' },
      include: { person: { select: { displayName: true } } },
    });
    return rows.map((row) => {
      const payload = row.payload as { kind: string; text?: string; choices?: { label: string }[] };
      return { to: row.person.displayName, purpose: row.purpose, text: payload.text, plannedAt: row.plannedAt };
    });
  }

  it("passes Josué's question from the Bukavu trainer to the staff after 24 hours, and tells all three", async () => {
    const id = await ask(trainers.josueId, "je n'arrive pas à ouvrir la vidéo", at(0));
    expect(await run(at(23))).toEqual({ escalated: 0 });
    expect(await told(id)).toEqual([]);

    expect(await run(at(24))).toEqual({ escalated: 1 });
    const conversation = await test.db.helpConversation.findUniqueOrThrow({ where: { id } });
    expect(conversation).toMatchObject({ level: 'staff', assigneeId: null, escalateAt: null, status: 'open' });
    expect(await told(id)).toEqual([
      {
        to: 'Claire',
        purpose: 'help_message',
        text: "Question de Josué (Bukavu), restée sans réponse et passée jusqu'à vous :\n« je n'arrive pas à ouvrir la vidéo »",
        plannedAt: at(24),
      },
      {
        to: 'Aline',
        purpose: 'help_escalation',
        text: "La question de Josué est restée sans réponse depuis 24 heures : elle passe à l'équipe du programme (Claire).",
        plannedAt: at(24),
      },
      {
        to: 'Josué',
        purpose: 'help_escalation',
        text: "Votre question n'a pas encore eu de réponse : elle est maintenant entre les mains de l'équipe du programme (Claire). Vous aurez une réponse dans ce fil.",
        plannedAt: at(24),
      },
    ]);

    // A second run, or a second worker, finds nothing left to pass up.
    expect(await run(at(24))).toEqual({ escalated: 0 });
    expect(await run(at(72))).toEqual({ escalated: 0 });
    expect(await told(id)).toHaveLength(3);
  });

  it("passes a mentee's question from her mentor to her hub's trainer, in each one's language", async () => {
    const awa = seeded.participantIds[0]!;
    const id = await ask(awa, 'Je ne trouve pas le lien.', at(1));
    await ask(awa, 'Toujours rien…', at(2));
    expect(await run(at(25))).toMatchObject({ escalated: 1 });
    const conversation = await test.db.helpConversation.findUniqueOrThrow({ where: { id } });
    // The trainers get the whole delay too: the staff get it 24 hours after they did.
    expect(conversation).toMatchObject({ level: 'trainer', assigneeId: null, escalateAt: at(49) });
    const sent = await told(id);
    expect(sent.map((m) => [m.to, m.purpose])).toEqual([
      ['Kouadio', 'help_message'],
      ['Kouadio', 'help_message'],
      ['Mme Diallo', 'help_escalation'],
      ['Awa', 'help_escalation'],
    ]);
    // Kouadio reads English; both unanswered messages, in order.
    expect(sent[0]!.text).toBe(
      'Question from Awa (Abidjan), still unanswered and passed up to you:\n“Je ne trouve pas le lien.”',
    );
    expect(sent[1]!.text).toMatch(/“Toujours rien…”$/);
    expect(sent[2]!.text).toBe(
      "La question d'Awa est restée sans réponse depuis 24 heures : elle passe à l'équipe de Abidjan (Kouadio).",
    );
    expect(sent[3]!.text).toMatch(/entre les mains de l'équipe de Abidjan \(Kouadio\)/);
  });

  it('passes nothing up when the question was answered before the delay', async () => {
    const boubacar = seeded.participantIds[1]!;
    const id = await ask(boubacar, 'Quand est le prochain atelier ?', at(0));
    await test.db.$transaction((tx) =>
      answerHelpConversation(tx, {
        conversationId: id,
        authorId: seeded.mentorIds[0],
        authorLevel: 'mentor',
        message: { text: 'Jeudi à 9 h.', mediaFileId: null, sentAt: at(3) },
        now: at(3),
      }),
    );
    await run(at(30));
    expect(await told(id)).toEqual([]);
    expect(await test.db.helpConversation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      level: 'mentor',
      status: 'waiting',
    });
  });

  it("follows the programme's escalate_after (2h), skipping a hub with no trainer", async () => {
    const programme = await test.db.programme.findUniqueOrThrow({ where: { id: seeded.programmeId } });
    const settings = programme.settings as Record<string, unknown>;
    await test.db.programme.update({
      where: { id: seeded.programmeId },
      data: { settings: { ...settings, helpDesk: { escalateAfterMinutes: 120 } } },
    });
    const salma = seeded.participantIds[2]!; // Tunis: no trainer there.
    const id = await ask(salma, 'Le formulaire ne s’envoie pas.', at(100));
    await run(at(101));
    expect(await test.db.helpConversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ level: 'mentor' });
    await run(at(102));
    expect(await test.db.helpConversation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      level: 'staff',
      escalateAt: null,
    });
    const sent = await told(id);
    expect(sent.map((m) => [m.to, m.purpose])).toEqual([
      ['Claire', 'help_message'],
      ['Mme Diallo', 'help_escalation'],
      ['Salma', 'help_escalation'],
    ]);
    expect(sent[1]!.text).toMatch(/depuis 2 heures/);
    await test.db.programme.update({ where: { id: seeded.programmeId }, data: { settings: programme.settings! } });
  });

  it('passes a photo on with the words, and holds the notices of a night until the morning in each zone', async () => {
    const espoir = seeded.participantIds[3]!; // Bukavu, mentored by M. Rakoto (Antananarivo).
    const id = await ask(espoir, 'Voici la capture :', at(204));
    await ask(espoir, null, at(204.1), seeded.photoMediaFileId);
    // 24 hours later (22:00 UTC) it is 00:00 in Bukavu and 01:00 in Antananarivo: quiet hours (21:00–07:00).
    await run(at(228));
    const rows = await test.db.outboundMessage.findMany({
      where: { dedupKey: { startsWith: `help-escalation:${id}:` } },
      orderBy: { sequence: 'asc' },
      include: { person: { select: { displayName: true } } },
    });
    expect(rows.map((row) => [row.person.displayName, (row.payload as { kind: string }).kind])).toEqual([
      ['Aline', 'choices'],
      ['Aline', 'media'],
      ['Aline', 'choices'],
      ['M. Rakoto', 'text'],
      ['Espoir', 'text'],
    ]);
    expect(rows[1]!.payload).toMatchObject({ kind: 'media', media: 'photo', mediaFileId: seeded.photoMediaFileId });
    expect((rows[2]!.payload as { text: string }).text).toMatch(/\n\(fichier ci-dessus\)$/);
    // 07:00 in Bukavu (05:00 UTC) for Aline and Espoir, 07:00 in Antananarivo (04:00 UTC) for M. Rakoto.
    const morning = (hourUtc: number) => new Date(Date.UTC(2026, 10, 26, hourUtc));
    expect(rows.map((row) => row.plannedAt)).toEqual([morning(5), morning(5), morning(5), morning(4), morning(5)]);
  });
});
