import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMissedSubmissions } from '../../src/jobs/close-missed-submissions.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('exercises nobody finished become missed when they close', () => {
  let test: TestDatabase;
  let clock = new Date('2027-01-20T00:00:00Z');
  let context: ReturnType<typeof testJobContext>;
  const submissionIds: Record<string, string> = {};
  const personIds: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => clock });
    const cohort = await test.db.cohort.findFirstOrThrow();
    // semaine-1 closes 7 days after its deadline (closes_after: 7d).
    const exercise = await test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    const deadlineAt = new Date('2027-01-17T23:59:00Z');
    const states = { open: 'open', half: 'in_progress', done: 'submitted', later: 'planned', offline: 'open' } as const;
    for (const [name, status] of Object.entries(states)) {
      const person = await test.db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
        },
        include: { enrolments: true },
      });
      const submission = await test.db.submission.create({
        data: {
          exerciseId: exercise.id,
          enrolmentId: person.enrolments[0]!.id,
          status,
          releaseAt: new Date('2027-01-11T09:00:00Z'),
          deadlineAt,
          nextReminderAt: status === 'open' ? new Date('2027-01-25T00:00:00Z') : null,
        },
      });
      submissionIds[name] = submission.id;
      personIds[name] = person.id;
    }
    // Sent just before the closing, not handled yet (a backlog after an outage).
    await test.db.inboundEvent.create({
      data: {
        channel: 'simulator',
        platformEventId: 'late-1',
        personId: personIds.offline!,
        payload: { kind: 'text', text: 'ma réponse' },
        sentAt: new Date('2027-01-24T23:50:00Z'),
      },
    });
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  const statuses = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(submissionIds).map(async ([name, id]) => [
          name,
          (await test.db.submission.findUniqueOrThrow({ where: { id } })).status,
        ]),
      ),
    );

  it('leaves everything alone while late answers are still accepted', async () => {
    clock = new Date('2027-01-24T23:58:00Z');
    expect(await closeMissedSubmissions.handle({}, context)).toEqual({ closed: 0 });
    expect(await statuses()).toEqual({
      open: 'open',
      half: 'in_progress',
      done: 'submitted',
      later: 'planned',
      offline: 'open',
    });
  });

  it('marks open and half-answered submissions missed once the exercise closes, with no reminder left', async () => {
    clock = new Date('2027-01-24T23:59:00Z');
    expect(await closeMissedSubmissions.handle({}, context)).toEqual({ closed: 2 });
    expect(await statuses()).toEqual({
      open: 'missed',
      half: 'missed',
      done: 'submitted',
      later: 'planned',
      offline: 'open',
    });
    expect(
      (await test.db.submission.findUniqueOrThrow({ where: { id: submissionIds.open! } })).nextReminderAt,
    ).toBeNull();
    expect(await closeMissedSubmissions.handle({}, context)).toEqual({ closed: 0 });
  });

  it('waits for messages sent before the closing to be handled', async () => {
    await test.db.inboundEvent.updateMany({ where: { platformEventId: 'late-1' }, data: { status: 'processed' } });
    expect(await closeMissedSubmissions.handle({}, context)).toEqual({ closed: 1 });
    expect((await statuses()).offline).toBe('missed');
  });

  it('never closes before the grace ends, even when closes_after is shorter', async () => {
    // A programme imported before such files were refused.
    const { id } = await test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-2' } });
    const exercise = await test.db.exercise.update({
      where: { id },
      data: { graceMinutes: 12 * 60, closesAfterMinutes: 60 },
    });
    const enrolment = await test.db.enrolment.findFirstOrThrow({ where: { personId: personIds.open! } });
    const deadlineAt = new Date('2027-01-24T23:59:00Z');
    const submission = await test.db.submission.create({
      data: {
        exerciseId: exercise.id,
        enrolmentId: enrolment.id,
        status: 'open',
        releaseAt: new Date('2027-01-18T09:00:00Z'),
        deadlineAt,
      },
    });
    clock = new Date('2027-01-25T11:58:00Z');
    await closeMissedSubmissions.handle({}, context);
    expect((await test.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).status).toBe('open');
    clock = new Date('2027-01-25T11:59:00Z');
    await closeMissedSubmissions.handle({}, context);
    expect((await test.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).status).toBe('missed');
  });
});

describe('a participant told when an exercise they had not handed in closes', () => {
  let test: TestDatabase;
  let clock = new Date('2027-01-24T23:58:00Z');
  let context: ReturnType<typeof testJobContext>;
  const personIds: Record<string, string> = {};
  const queued: string[][] = [];

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => clock });
    context.queues.deliverOutbound = (rows) => {
      queued.push(rows.map((row) => row.id));
      return Promise.resolve();
    };
    const cohort = await test.db.cohort.findFirstOrThrow();
    const exercise = await test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    // semaine-1 closes 7 days after its deadline; nobody here lives on a hub: Paris time.
    const people = {
      got: { status: 'open', locale: 'fr' },
      started: { status: 'in_progress', locale: 'en' },
      done: { status: 'submitted', locale: 'fr' },
      paused: { status: 'open', locale: 'fr', enrolment: 'paused' },
      stopped: { status: 'in_progress', locale: 'fr', enrolment: 'stopped', optedOut: true },
      erased: { status: 'open', locale: 'fr', erased: true },
    } as const;
    for (const [name, facts] of Object.entries(people)) {
      const person = await test.db.person.create({
        data: {
          displayName: name,
          locale: facts.locale,
          roles: ['participant'],
          ...('optedOut' in facts && { optedOutAt: new Date('2027-01-20T00:00:00Z') }),
          ...('erased' in facts && { erasedAt: new Date('2027-01-20T00:00:00Z') }),
          enrolments: {
            create: {
              cohortId: cohort.id,
              role: 'participant',
              joinedAt: new Date('2027-01-01T00:00:00Z'),
              status: 'enrolment' in facts ? facts.enrolment : 'active',
            },
          },
          identities: { create: { channel: 'simulator', platformId: `sim-${name}` } },
        },
        include: { enrolments: true },
      });
      await test.db.submission.create({
        data: {
          exerciseId: exercise.id,
          enrolmentId: person.enrolments[0]!.id,
          status: facts.status,
          releaseAt: new Date('2027-01-11T09:00:00Z'),
          deadlineAt: new Date('2027-01-17T23:59:00Z'),
        },
      });
      personIds[name] = person.id;
    }
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  const notices = () =>
    test.db.outboundMessage.findMany({ where: { purpose: 'exercise_closed' }, include: { person: true } });

  it('tells nobody while late answers are still accepted', async () => {
    await closeMissedSubmissions.handle({}, context);
    expect(await notices()).toEqual([]);
  });

  it('tells those who got it or started it, in their language, after the quiet hours', async () => {
    clock = new Date('2027-01-24T23:59:00Z');
    expect(await closeMissedSubmissions.handle({}, context)).toEqual({ closed: 5 });
    const sent = await notices();
    expect(Object.fromEntries(sent.map((m) => [m.person.displayName, (m.payload as { text: string }).text]))).toEqual({
      got: "L'exercice « Votre projet et votre motivation » est fermé depuis le lundi 25 janvier 2027, 00:59, sans avoir été rendu : je ne peux plus y enregistrer de réponse. Envoyez PROGRÈS pour voir où vous en êtes.",
      started:
        'The exercise "Your project and your motivation" closed on Monday 25 January 2027, 00:59 before it was handed in: I can no longer record answers to it. Send PROGRESS to see where you stand.',
    });
    // Quiet hours in Paris end at 07:00, 06:00 UTC.
    expect(sent.map((m) => m.plannedAt.toISOString())).toEqual([
      '2027-01-25T06:00:00.000Z',
      '2027-01-25T06:00:00.000Z',
    ]);
    expect(queued.flat().sort()).toEqual(sent.map((m) => m.id).sort());
  });

  it('tells each of them once', async () => {
    clock = new Date('2027-01-25T00:05:00Z');
    await closeMissedSubmissions.handle({}, context);
    expect(await notices()).toHaveLength(2);
  });
});
