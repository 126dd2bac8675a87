import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/conversation/conversation-context.ts';
import { handleEvent } from '../../src/conversation/handle-event.ts';
import type { InboundEvent } from '../../src/domain/inbound-event.ts';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { milestonesDue } from '../../src/jobs/milestones-due.ts';
import { releaseExercise } from '../../src/jobs/release-exercise.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { createConversationStore } from '../../src/store/conversation-store.ts';
import { personView } from '../../src/store/people/person-view.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('action plans: milestones, reminders and follow-ups in local time (injected clock)', () => {
  let test: TestDatabase;
  let clock = new Date('2027-01-15T22:30:00Z');
  let context: ReturnType<typeof testJobContext>;
  let rivo: string;
  let paused: string;
  let mentor: string;
  let others: string[] = [];

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    // These plans count from the assignment, as in a programme file without `action_plan.starts`
    // (the sample's would wait for the incubation; action-plan-start.test.ts covers that).
    const programme = await test.db.programme.findFirstOrThrow();
    const settings = programme.settings as { actionPlan: Record<string, unknown> };
    await test.db.programme.update({
      where: { id: programme.id },
      data: { settings: { ...settings, actionPlan: { ...settings.actionPlan, startsOn: null } } },
    });
    context = testJobContext(test.db, uniquePrefix(), { now: () => clock });
    const cohort = await test.db.cohort.findFirstOrThrow();
    const hub = (key: string) => test.db.hub.findFirstOrThrow({ where: { key } }).then((h) => h.id);
    const person = async (name: string, role: 'participant' | 'mentor', hubKey: string, locale: string) =>
      (
        await test.db.person.create({
          data: {
            displayName: name,
            locale,
            roles: [role],
            hubId: await hub(hubKey),
            identities: { create: { channel: 'simulator', platformId: `sim-${name}` } },
            enrolments: { create: { cohortId: cohort.id, role } },
          },
        })
      ).id;
    rivo = await person('Rivo', 'participant', 'antananarivo', 'en');
    paused = await person('Sami', 'participant', 'tunis', 'fr');
    mentor = await person('Mme Diallo', 'mentor', 'abidjan', 'fr');
    // Mentors who must hear nothing about Rivo: one who opted out, one whose assignment ended,
    // one who mentored Rivo in an earlier cohort.
    const optedOut = await person('M. Sow', 'mentor', 'abidjan', 'fr');
    const ended = await person('M. Kaboré', 'mentor', 'abidjan', 'fr');
    const earlier = await person('Mme Rakoto', 'mentor', 'antananarivo', 'fr');
    const earlierCohort = await test.db.cohort.create({
      data: { programmeId: cohort.programmeId, key: 'earlier', name: { fr: 'Avant', en: 'Before' } },
    });
    await test.db.person.update({ where: { id: optedOut }, data: { optedOutAt: clock } });
    await test.db.mentorAssignment.createMany({
      data: [
        { cohortId: cohort.id, mentorId: optedOut, menteeId: rivo },
        { cohortId: cohort.id, mentorId: ended, menteeId: rivo, endedAt: clock },
        { cohortId: earlierCohort.id, mentorId: earlier, menteeId: rivo },
      ],
    });
    others = [optedOut, ended, earlier];
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  const run = () => milestonesDue.handle({}, context as JobContext);
  const milestones = (personId: string) =>
    test.db.milestone.findMany({ where: { actionPlan: { enrolment: { personId } } }, orderBy: { position: 'asc' } });
  /** What the delivery job records once the platform took the message. */
  const deliverAll = () =>
    test.db.outboundMessage.updateMany({ where: { status: 'queued' }, data: { status: 'sent', sentAt: clock } });
  const texts = (replies: Outgoing[]) =>
    replies.map((r) => [r.toPersonId ?? 'participant', (r.payload as { text: string }).text]);
  const sent = (where: { purpose: string; personId?: string }) =>
    test.db.outboundMessage.findMany({
      where,
      orderBy: { sequence: 'asc' },
      include: { person: { select: { displayName: true } } },
    });

  /** What the participant's message brings back, handled as the inbound job does (real store, one transaction). */
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
        translate: context.translate,
        store: createConversationStore(tx),
        now: () => clock,
      }),
    );
  }

  it('creates the plan at assignment, dated in the participant local time and titled in their language, once', async () => {
    // 22:30 UTC on 15 January is already 01:30 on 16 January in Antananarivo: the plan counts from the 16th.
    await assignMentor(test.db, { defaultLanguage: 'fr', mentorId: mentor, menteeId: rivo, now: clock });
    await assignMentor(test.db, {
      defaultLanguage: 'fr',
      mentorId: mentor,
      menteeId: rivo,
      now: new Date('2027-01-20T10:00:00Z'),
    });
    await assignMentor(test.db, { defaultLanguage: 'fr', mentorId: mentor, menteeId: paused, now: clock });
    expect(await test.db.actionPlan.count()).toBe(2);
    const plan = await milestones(rivo);
    expect(plan.map((m) => [m.position, m.title, m.dueOn.toISOString().slice(0, 10), m.status])).toEqual([
      [1, 'First action-plan milestone', '2027-02-13', 'pending'],
      [2, 'Mid-term review', '2027-04-17', 'pending'],
      [3, 'Incubation review', '2027-07-17', 'pending'],
    ]);
    // First reminder three days before, at 09:00 in Antananarivo (UTC+3).
    expect(plan[0]!.nextReminderAt?.toISOString()).toBe('2027-02-10T06:00:00.000Z');
    expect((await milestones(paused))[0]!.title).toBe("Premier jalon du plan d'action");
  });

  it('reminds the participant and the mentor at 09:00 local, each in their language and out of their quiet hours, once', async () => {
    await test.db.enrolment.updateMany({ where: { personId: paused }, data: { status: 'paused' } });
    clock = new Date('2027-02-10T05:59:00Z');
    expect(await run()).toEqual({ reminded: 0, followedUp: 0 });
    clock = new Date('2027-02-10T06:00:00Z');
    expect(await run()).toEqual({ reminded: 1, followedUp: 0 });
    expect(await run()).toEqual({ reminded: 0, followedUp: 0 });
    const reminders = await sent({ purpose: 'milestone' });
    expect(
      reminders.map((r) => [r.person.displayName, r.plannedAt.toISOString(), (r.payload as { text: string }).text]),
    ).toEqual([
      [
        'Rivo',
        '2027-02-10T06:00:00.000Z',
        expect.stringContaining('"First action-plan milestone" is due on Saturday 13 February 2027'),
      ],
      // 06:00 in Abidjan is within the quiet hours (21:00–07:00): the mentor's copy waits until 07:00 there.
      [
        'Mme Diallo',
        '2027-02-10T07:00:00.000Z',
        expect.stringContaining(
          "L'étape « Premier jalon du plan d'action » du plan d'action de Rivo est prévue pour le samedi 13 février 2027",
        ),
      ],
    ]);
    expect(reminders.some((r) => (r.payload as { text: string }).text.includes('Sami'))).toBe(false);
  });

  it('follows up after the date with three choices, once', async () => {
    // The end of 13 February in Antananarivo plus one day is midnight, in the quiet hours: 07:00 local on the 15th.
    const [first] = await milestones(rivo);
    expect(first!.nextReminderAt?.toISOString()).toBe('2027-02-15T04:00:00.000Z');
    clock = new Date('2027-02-15T03:59:00Z');
    expect(await run()).toEqual({ reminded: 0, followedUp: 0 });
    clock = new Date('2027-02-15T04:00:00Z');
    expect(await run()).toEqual({ reminded: 0, followedUp: 1 });
    expect(await run()).toEqual({ reminded: 0, followedUp: 0 });
    const [followUp, ...others] = await sent({ purpose: 'follow_up' });
    expect(others).toEqual([]);
    expect(followUp!.personId).toBe(rivo);
    expect(followUp!.payload).toEqual({
      kind: 'choices',
      text: 'Your milestone "First action-plan milestone" was due on Saturday 13 February 2027. Where do you stand?',
      choices: [
        { id: `ms:${first!.id}:done`, label: 'Done' },
        { id: `ms:${first!.id}:in_progress`, label: 'In progress' },
        { id: `ms:${first!.id}:blocked`, label: 'Blocked' },
      ],
    });
    expect(await milestones(rivo).then((m) => m[0])).toMatchObject({ followedUpAt: clock, nextReminderAt: null });
  });

  it('accepts a typed number for the follow-up only once it has reached the participant', async () => {
    // Written but not delivered yet (quiet hours, a slow queue): a "2" typed now is not an answer to it.
    expect(texts(await chat(rivo, { text: '2' }))).toEqual([
      ['participant', 'I have no question waiting for you. Send HELP to see what I can do.'],
    ]);
    expect(await milestones(rivo).then((m) => m[0]?.status)).toBe('pending');

    await deliverAll();
    // The mentor reads the milestone's title in their own language.
    expect(texts(await chat(rivo, { text: '2' }))).toEqual([
      ['participant', 'Noted: "First action-plan milestone" is in progress. Your mentor has been told.'],
      [mentor, "Rivo : l'étape « Premier jalon du plan d'action » est en cours."],
    ]);
    expect(await milestones(rivo).then((m) => m[0]?.status)).toBe('in_progress');
  });

  it('does not tell the mentor twice when the same answer is tapped again', async () => {
    const [first] = await milestones(rivo);
    expect(texts(await chat(rivo, { choice: `ms:${first!.id}:in_progress` }))).toEqual([
      ['participant', 'Noted: "First action-plan milestone" is in progress. Your mentor has been told.'],
    ]);
  });

  it('tells the mentor of "blocked" at once, then sends the whole note, and keeps it when the milestone moves on', async () => {
    const [first] = await milestones(rivo);
    const askNote = await chat(rivo, { choice: `ms:${first!.id}:blocked` });
    expect(askNote[0]?.payload).toMatchObject({
      kind: 'choices',
      text: expect.stringContaining('What is blocking you?'),
    });
    expect(texts(askNote.slice(1))).toEqual([
      [mentor, "Rivo : l'étape « Premier jalon du plan d'action » est bloquée."],
    ]);

    const note = 'No answer from the town hall about the room.\nThe second venue is too far for half of the team.';
    expect(texts(await chat(rivo, { text: note }))).toEqual([
      ['participant', 'Thank you: your note has been passed to your mentor, who will get in touch.'],
      [mentor, `Rivo : l'étape « Premier jalon du plan d'action » est bloquée : ${note}`],
    ]);
    expect(await milestones(rivo).then((m) => m[0])).toMatchObject({
      status: 'blocked',
      note,
      reportedAt: clock,
      reportedById: rivo,
    });
    // Answered: a typed "1" no longer changes it.
    await chat(rivo, { text: '1' });
    expect(await milestones(rivo).then((m) => m[0]?.status)).toBe('blocked');

    await chat(rivo, { choice: `ms:${first!.id}:in_progress` });
    expect(await milestones(rivo).then((m) => m[0])).toMatchObject({ status: 'in_progress', note });
  });

  it('cuts a very long note at 2,000 characters and says so', async () => {
    const [first] = await milestones(rivo);
    await chat(rivo, { choice: `ms:${first!.id}:blocked` });
    const long = 'x'.repeat(2500);
    const [thanks] = texts(await chat(rivo, { text: long }));
    expect(thanks).toEqual([
      'participant',
      'Thank you: your note was long, its first 2000 characters have been passed to your mentor, who will get in touch.',
    ]);
    expect(await milestones(rivo).then((m) => m[0]?.note)).toBe('x'.repeat(2000));
  });

  it('tells no mentor who opted out, whose assignment ended, or who mentored them in another cohort', async () => {
    expect(await test.db.outboundMessage.count({ where: { personId: { in: others } } })).toBe(0);
  });

  it('sends each reminder once when two sweeps run at the same time, in the language chosen since', async () => {
    await test.db.person.update({ where: { id: rivo }, data: { locale: 'fr' } });
    // 3 days before 17 April, 09:00 in Antananarivo.
    clock = new Date('2027-04-14T06:00:00Z');
    const results = await Promise.all([run(), run()]);
    expect(results.map((r) => (r as { reminded: number }).reminded).sort()).toEqual([0, 1]);
    const second = (await milestones(rivo))[1]!;
    const reminders = await test.db.outboundMessage.findMany({
      where: { purpose: 'milestone', dedupKey: { contains: second.id } },
    });
    expect(reminders.map((r) => r.personId).sort()).toEqual([rivo, mentor].sort());
    expect((reminders.find((r) => r.personId === rivo)?.payload as { text: string }).text).toContain(
      "Rappel : l'étape « Point à mi-parcours »",
    );
    expect(await test.db.outboundMessage.count({ where: { personId: { in: others } } })).toBe(0);
  });

  it('sends no follow-up for a milestone the participant already marked done', async () => {
    const second = (await milestones(rivo))[1]!;
    const replies = await chat(rivo, { choice: `ms:${second.id}:done` });
    expect((replies[0]?.payload as { text: string }).text).toBe(
      'Bravo ! « Point à mi-parcours » est notée comme terminée. Votre mentor est prévenu.',
    );
    clock = new Date('2027-04-20T12:00:00Z');
    expect(await run()).toEqual({ reminded: 0, followedUp: 0 });
    expect(
      await test.db.outboundMessage.count({
        where: { purpose: 'follow_up', payload: { path: ['text'], string_contains: 'Mid-term' } },
      }),
    ).toBe(0);
  });

  it('shows the participant their plan on PLAN', async () => {
    const [plan] = await chat(rivo, { text: 'Plan d’action' });
    expect((plan?.payload as { text: string }).text).toBe(
      [
        "Votre plan d'action :",
        "• Premier jalon du plan d'action, samedi 13 février 2027 : bloquée",
        '• Point à mi-parcours, samedi 17 avril 2027 : terminée',
        "• Bilan de l'incubation, samedi 17 juillet 2027 : à faire",
      ].join('\n'),
    );
  });

  it('gives an exercise option pressed in place of the note to the exercise, where it is saved', async () => {
    await releaseExercise({ ...context, mediaDir: context.media.dir }, { exercise: 'semaine-1' });
    await chat(rivo, { text: 'Ouvrir les données de ma commune.' });
    expect((await chat(rivo, { choice: 'ex:next' }))[0]?.payload).toMatchObject({
      text: expect.stringContaining('Question 2/3'),
    });
    const [first] = await milestones(rivo);
    await chat(rivo, { choice: `ms:${first!.id}:blocked` });
    expect((await chat(rivo, { choice: 'a:prototype' }))[0]?.payload).toMatchObject({
      kind: 'media-request',
      media: 'photo',
    });
    const answers = await test.db.answer.findMany({
      where: { submission: { enrolment: { personId: rivo } } },
      include: { question: { select: { key: true } } },
    });
    expect(answers.map((a) => [a.question.key, a.value]).sort()).toEqual([
      ['motivation', { text: 'Ouvrir les données de ma commune.' }],
      ['stade', { choices: ['prototype'] }],
    ]);
  });

  it('assigns a mentor and starts the plan together or not at all', async () => {
    const cohort = await test.db.cohort.findFirstOrThrow({ where: { key: { not: 'earlier' } } });
    const broken = await test.db.person.create({
      data: {
        displayName: 'Zone inconnue',
        roles: ['participant'],
        timeZone: 'Mars/Olympus_Mons',
        enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
      },
    });
    await expect(
      assignMentor(test.db, { defaultLanguage: 'fr', mentorId: mentor, menteeId: broken.id, now: clock }),
    ).rejects.toThrow();
    expect(await test.db.mentorAssignment.count({ where: { menteeId: broken.id } })).toBe(0);
  });

  it('stops the messages of a programme imported again without an action plan', async () => {
    const programme = await test.db.programme.findFirstOrThrow();
    const { actionPlan: _left, ...settings } = programme.settings as Record<string, unknown>;
    await test.db.programme.update({ where: { id: programme.id }, data: { settings: settings as object } });
    const third = (await milestones(rivo))[2]!;
    clock = new Date('2027-07-14T06:00:00Z');
    expect(third.nextReminderAt!.getTime()).toBeLessThanOrEqual(clock.getTime());
    expect(await run()).toEqual({ reminded: 0, followedUp: 0 });
    expect((await milestones(rivo))[2]!.nextReminderAt).toBeNull();
    // The plan can still be read, with the titles it was given.
    const [plan] = await chat(rivo, { text: 'plan' });
    expect((plan?.payload as { text: string }).text).toContain('• Incubation review, samedi 17 juillet 2027 : à faire');
    await test.db.programme.update({ where: { id: programme.id }, data: { settings: programme.settings as object } });
  });

  it('sends nothing to a paused participant, nor about them to the mentor', async () => {
    const messages = await test.db.outboundMessage.findMany({
      where: { OR: [{ personId: paused }, { payload: { path: ['text'], string_contains: 'Sami' } }] },
    });
    expect(messages).toEqual([]);
    // Their reminder is still due: it was not used up while they were paused.
    expect((await milestones(paused))[0]!.nextReminderAt!.getTime()).toBeLessThan(clock.getTime());
  });
});
