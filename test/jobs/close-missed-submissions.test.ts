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
