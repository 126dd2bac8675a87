import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSubmissions } from '../../src/jobs/plan-submissions.ts';
import { releaseDue } from '../../src/jobs/release-due.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('after the selection, the selected go on and the others are done', () => {
  let test: TestDatabase;
  let clock = new Date('2027-01-04T00:00:00Z');
  let context: ReturnType<typeof testJobContext>;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => clock });
    const cohort = await test.db.cohort.findFirstOrThrow();
    const hub = await test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } });
    for (const [name, status] of [
      ['Selma', 'selected'],
      ['Noé', 'not_selected'],
      ['Paul', 'paused'],
    ] as const) {
      const person = await test.db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          hubId: hub.id,
          identities: { create: { channel: 'simulator', platformId: `sim-${name}` } },
          enrolments: { create: { cohortId: cohort.id, role: 'participant', status } },
        },
      });
      people[name] = person.id;
    }
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  it('plans and releases exercises to selected participants only', async () => {
    await planSubmissions.handle({}, context);
    const planned = await test.db.submission.findMany({ select: { enrolment: { select: { personId: true } } } });
    expect(new Set(planned.map((s) => s.enrolment.personId))).toEqual(new Set([people.Selma]));

    clock = new Date('2027-01-11T09:00:00Z');
    await releaseDue.handle({}, context);
    const released = await test.db.outboundMessage.findMany({
      where: { purpose: 'exercise_release' },
      select: { personId: true },
    });
    expect(released.length).toBeGreaterThan(0);
    expect(new Set(released.map((m) => m.personId))).toEqual(new Set([people.Selma]));
  });
});
