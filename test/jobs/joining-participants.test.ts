import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSubmissions } from '../../src/jobs/plan-submissions.ts';
import { listAudience } from '../../src/store/broadcasts/segment-query.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * A code redeemed makes an enrolment at once, before the language, consent, hub and name are
 * asked. Until all are given, the person gets no exercise; if they stop halfway, none ever.
 */
describe('people who have not finished joining', () => {
  let test: TestDatabase;
  let context: ReturnType<typeof testJobContext>;
  const enrolments: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    context = testJobContext(test.db, uniquePrefix(), { now: () => new Date('2027-01-04T00:00:00Z') });
    const cohort = await test.db.cohort.findFirstOrThrow();
    const hub = await test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } });
    for (const name of ['Ana', 'Ben']) {
      const person = await test.db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          hubId: hub.id,
          identities: { create: { channel: 'simulator', platformId: `sim-${name}` } },
          enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
        },
        include: { enrolments: true },
      });
      enrolments[name] = person.enrolments[0]!.id;
    }
    // Ben redeemed his code and stopped at the consent question: he has not joined yet.
    await test.db.enrolment.update({ where: { id: enrolments.Ben! }, data: { joinedAt: null } });
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  const plannedFor = async (name: string) => test.db.submission.count({ where: { enrolmentId: enrolments[name] } });

  it('plans exercises and sends announcements to those who finished joining only, and to the others once they have', async () => {
    await planSubmissions.handle({}, context);
    expect(await plannedFor('Ana')).toBeGreaterThan(0);
    expect(await plannedFor('Ben')).toBe(0);
    const programme = await test.db.programme.findFirstOrThrow();
    const audience = async () =>
      (await listAudience(test.db, programme.id, {})).map((member) => member.personId).sort();
    const [ana, ben] = await Promise.all(
      ['Ana', 'Ben'].map(
        async (name) => (await test.db.enrolment.findUniqueOrThrow({ where: { id: enrolments[name]! } })).personId,
      ),
    );
    expect(await audience()).toEqual([ana]);

    await test.db.enrolment.update({ where: { id: enrolments.Ben! }, data: { joinedAt: new Date() } });
    await planSubmissions.handle({}, context);
    expect(await plannedFor('Ben')).toBe(await plannedFor('Ana'));
    expect(await audience()).toEqual([ana, ben].sort());
  });
});
