import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { planSubmissions } from '../../src/jobs/plan-submissions.ts';
import { releaseDue } from '../../src/jobs/release-due.ts';
import { remindDue } from '../../src/jobs/remind-due.ts';
import { checkInsDue } from '../../src/jobs/check-ins-due.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('releases and reminders at each participant local time (injected clock)', () => {
  let test: TestDatabase;
  let clock = new Date('2027-01-04T00:00:00Z');
  let context: ReturnType<typeof testJobContext>;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => clock });
    const cohort = await test.db.cohort.findFirstOrThrow();
    for (const hub of ['abidjan', 'tunis', 'bukavu', 'antananarivo', null]) {
      const hubRow = hub ? await test.db.hub.findFirstOrThrow({ where: { key: hub } }) : null;
      const person = await test.db.person.create({
        data: {
          displayName: hub ?? 'paris',
          locale: 'fr',
          roles: ['participant'],
          hubId: hubRow?.id ?? null,
          identities: { create: { channel: 'simulator', platformId: `sim-${hub ?? 'paris'}` } },
          enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
        },
      });
      people[hub ?? 'paris'] = person.id;
    }
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  const run = (job: { handle: (p: Record<string, never>, c: JobContext) => Promise<unknown> }) =>
    job.handle({}, context);

  async function releasedTo(): Promise<string[]> {
    const rows = await test.db.outboundMessage.findMany({
      where: { purpose: 'exercise_release' },
      select: { person: { select: { displayName: true } } },
      distinct: ['personId'],
    });
    return rows.map((r) => r.person.displayName ?? '').sort();
  }

  it('plans each exercise for each participant once, in their time zone', async () => {
    expect(await run(planSubmissions)).toEqual({ planned: 30 });
    expect(await run(planSubmissions)).toEqual({ planned: 0 });
    const week1 = await test.db.submission.findMany({
      where: { exercise: { key: 'semaine-1' } },
      include: { enrolment: { include: { person: true } } },
    });
    const byName = Object.fromEntries(week1.map((s) => [s.enrolment.person.displayName, s.releaseAt.toISOString()]));
    expect(byName).toEqual({
      abidjan: '2027-01-11T09:00:00.000Z',
      tunis: '2027-01-11T08:00:00.000Z',
      bukavu: '2027-01-11T07:00:00.000Z',
      antananarivo: '2027-01-11T06:00:00.000Z',
      paris: '2027-01-11T08:00:00.000Z',
    });
  });

  it('releases to each hub at 09:00 local, once', async () => {
    clock = new Date('2027-01-11T06:30:00Z');
    expect(await run(releaseDue)).toEqual({ released: 1 });
    expect(await releasedTo()).toEqual(['antananarivo']);
    clock = new Date('2027-01-11T07:30:00Z');
    await run(releaseDue);
    expect(await releasedTo()).toEqual(['antananarivo', 'bukavu']);
    clock = new Date('2027-01-11T09:00:00Z');
    expect(await run(releaseDue)).toEqual({ released: 3 });
    expect(await run(releaseDue)).toEqual({ released: 0 });
    expect(await releasedTo()).toEqual(['abidjan', 'antananarivo', 'bukavu', 'paris', 'tunis']);
    // Introduction and first question, once each.
    expect(await test.db.outboundMessage.count({ where: { purpose: 'exercise_release' } })).toBe(10);
  });

  it('reminds only those who have not handed in, and holds night reminders until morning', async () => {
    await test.db.submission.updateMany({
      where: { exercise: { key: 'semaine-1' }, enrolment: { personId: people.abidjan } },
      data: { status: 'submitted', submittedAt: clock },
    });
    await test.db.enrolment.updateMany({ where: { personId: people.tunis }, data: { status: 'paused' } });
    // 48 hours before each local Sunday 23:59: Friday 20:59 UTC in Antananarivo, 22:59 UTC in Paris.
    clock = new Date('2027-01-15T23:00:00Z');
    await run(remindDue);
    const reminders = await test.db.outboundMessage.findMany({
      where: { purpose: 'reminder' },
      include: { person: true },
    });
    const names = reminders.map((r) => r.person.displayName).sort();
    expect(names).toEqual(['antananarivo', 'bukavu', 'paris']);
    const tana = reminders.find((r) => r.person.displayName === 'antananarivo')!;
    // 02:00 in Antananarivo is quiet: held until 07:00 there (04:00 UTC).
    expect(tana.plannedAt.toISOString()).toBe('2027-01-16T04:00:00.000Z');
    expect((tana.payload as { text: string }).text).toContain('Rappel : « Votre projet et votre motivation »');
    expect(await run(remindDue)).toEqual({ reminded: 0 });
  });

  it('prompts mentors on the programme cadence, once per due check-in', async () => {
    const cohort = await test.db.cohort.findFirstOrThrow();
    const mentor = await test.db.person.create({
      data: {
        displayName: 'Mme Diallo',
        locale: 'fr',
        roles: ['mentor'],
        identities: { create: { channel: 'simulator', platformId: 'sim-mentor' } },
        enrolments: { create: { cohortId: cohort.id, role: 'mentor' } },
      },
    });
    clock = new Date('2027-01-15T10:00:00Z');
    await assignMentor(test.db, { defaultLanguage: 'fr', mentorId: mentor.id, menteeId: people.abidjan!, now: clock });
    // The sample programme: first check-in a week after the assignment, then every two weeks.
    clock = new Date('2027-01-22T10:00:00Z');
    expect(await run(checkInsDue)).toEqual({ prompted: 1 });
    expect(await run(checkInsDue)).toEqual({ prompted: 0 });
    const assignment = await test.db.mentorAssignment.findFirstOrThrow({ where: { mentorId: mentor.id } });
    expect(assignment.nextCheckInAt?.toISOString()).toBe('2027-02-05T10:00:00.000Z');
    const prompt = await test.db.outboundMessage.findFirstOrThrow({
      where: { purpose: 'check_in', personId: mentor.id },
    });
    expect((prompt.payload as { text: string }).text).toBe('Comment se passe votre suivi avec abidjan ?');
  });

  it('releases nothing while a cohort schedule is paused, and catches up on resume', async () => {
    const cohort = await test.db.cohort.findFirstOrThrow();
    await test.db.cohort.update({ where: { id: cohort.id }, data: { pausedAt: clock } });
    clock = new Date('2027-01-18T09:30:00Z');
    expect(await run(releaseDue)).toEqual({ released: 0 });
    await test.db.cohort.update({ where: { id: cohort.id }, data: { pausedAt: null } });
    expect(await run(releaseDue)).toEqual({ released: 4 });
  });

  it('ends a pause a participant asked for when its time is up', async () => {
    await test.db.enrolment.updateMany({
      where: { personId: people.bukavu },
      data: { status: 'paused', pausedUntil: new Date(clock.getTime() - 1000) },
    });
    await run(releaseDue);
    expect((await test.db.enrolment.findFirstOrThrow({ where: { personId: people.bukavu } })).status).toBe('active');
  });
});
