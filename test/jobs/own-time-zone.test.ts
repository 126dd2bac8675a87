import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { planSubmissions } from '../../src/jobs/plan-submissions.ts';
import { releaseDue } from '../../src/jobs/release-due.ts';
import { remindDue } from '../../src/jobs/remind-due.ts';
import { createCountryStore } from '../../src/store/conversation/country-store.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * Three participants of the Abidjan hub (UTC+0): Awa lives in Abidjan and never gave a country
 * (she keeps her hub's zone), Paul lives in Douala (Cameroon, UTC+1), Kadi moves to Bukavu later.
 */
describe("each person's own time zone: releases and quiet hours (injected clock)", () => {
  let test: TestDatabase;
  let clock = new Date('2027-01-04T00:00:00Z');
  let context: ReturnType<typeof testJobContext>;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => clock });
    const cohort = await test.db.cohort.findFirstOrThrow();
    const abidjan = await test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } });
    const own = { awa: null, paul: ['CM', 'Africa/Douala'], kadi: null } as const;
    for (const [name, country] of Object.entries(own)) {
      const person = await test.db.person.create({
        data: {
          displayName: name,
          locale: 'fr',
          roles: ['participant'],
          hubId: abidjan.id,
          country: country?.[0] ?? null,
          timeZone: country?.[1] ?? null,
          identities: { create: { channel: 'simulator', platformId: `sim-${name}` } },
          enrolments: { create: { cohortId: cohort.id, role: 'participant', joinedAt: clock } },
        },
      });
      people[name] = person.id;
    }
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  const run = (job: { handle: (p: Record<string, never>, c: JobContext) => Promise<unknown> }) =>
    job.handle({}, context);
  const releasedTo = async () =>
    (
      await test.db.outboundMessage.findMany({
        where: { purpose: 'exercise_release' },
        select: { person: { select: { displayName: true } } },
        distinct: ['personId'],
      })
    )
      .map((row) => row.person.displayName ?? '')
      .sort();
  const week = async (key: string) =>
    Object.fromEntries(
      (
        await test.db.submission.findMany({
          where: { exercise: { key } },
          include: { enrolment: { include: { person: true } } },
        })
      ).map((s) => [s.enrolment.person.displayName, s.releaseAt.toISOString()]),
    );

  it('releases the 09:00 exercise at 09:00 Douala time to Paul, at 09:00 Abidjan time to Awa', async () => {
    await run(planSubmissions);
    expect(await week('semaine-1')).toEqual({
      awa: '2027-01-11T09:00:00.000Z',
      paul: '2027-01-11T08:00:00.000Z',
      kadi: '2027-01-11T09:00:00.000Z',
    });
    clock = new Date('2027-01-11T08:00:00Z');
    expect(await run(releaseDue)).toEqual({ released: 1 });
    expect(await releasedTo()).toEqual(['paul']);
    clock = new Date('2027-01-11T09:00:00Z');
    expect(await run(releaseDue)).toEqual({ released: 2 });
    expect(await releasedTo()).toEqual(['awa', 'kadi', 'paul']);
  });

  it("holds a night reminder until 07:00 in the person's own zone", async () => {
    // The deadline is Sunday 23:59 local; the reminder 48 hours before falls at night everywhere.
    clock = new Date('2027-01-16T00:30:00Z');
    await run(remindDue);
    const reminders = await test.db.outboundMessage.findMany({
      where: { purpose: 'reminder' },
      select: { plannedAt: true, person: { select: { displayName: true } } },
    });
    const held = Object.fromEntries(reminders.map((r) => [r.person.displayName, r.plannedAt.toISOString()]));
    expect(held).toEqual({
      paul: '2027-01-16T06:00:00.000Z',
      awa: '2027-01-16T07:00:00.000Z',
      kadi: '2027-01-16T07:00:00.000Z',
    });
  });

  it('follows a change of country: the next release comes at 09:00 in the new zone', async () => {
    await test.db.$transaction((tx) => createCountryStore(tx).setCountry(people.kadi!, 'CD', 'Africa/Lubumbashi'));
    expect(await run(planSubmissions)).toMatchObject({ planned: expect.any(Number) });
    const week2 = await week('semaine-2');
    expect(week2.kadi).toBe('2027-01-18T07:00:00.000Z');
    expect(week2.awa).toBe('2027-01-18T09:00:00.000Z');
    // What was released already stays: week 1 is not planned again.
    expect(
      await test.db.submission.count({
        where: { enrolment: { personId: people.kadi! }, exercise: { key: 'semaine-1' } },
      }),
    ).toBe(1);
  });
});
