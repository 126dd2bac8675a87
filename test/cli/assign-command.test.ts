import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `compagnon assign`: the plan's start staff choose, and the introductions it sends. */
describe('compagnon assign', () => {
  let test: TestDatabase;
  let mentor: string;
  let mentee: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    const cohort = await test.db.cohort.findFirstOrThrow();
    const person = async (name: string, role: 'participant' | 'mentor') =>
      (
        await test.db.person.create({
          data: {
            displayName: name,
            locale: 'fr',
            roles: [role],
            identities: { create: { channel: 'simulator', platformId: `sim-cli-${name}` } },
            enrolments: { create: { cohortId: cohort.id, role } },
          },
        })
      ).id;
    mentor = await person('Mme Diallo', 'mentor');
    mentee = await person('Awa', 'participant');
  });

  afterAll(async () => {
    await test.drop();
  });

  const compagnon = async (args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)('node', ['bin/compagnon.js', ...args], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          LOG_LEVEL: 'silent',
          DATABASE_URL: test.url,
          REDIS_URL,
          QUEUE_PREFIX: uniquePrefix(),
        },
      });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr };
    }
  };

  it('refuses a start that is not a date, and assigns nothing', async () => {
    const refused = await compagnon(['assign', '--mentor', mentor, '--mentee', mentee, '--starts', '03/05/2027']);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('--starts must be a date written YYYY-MM-DD, not "03/05/2027"');
    expect(await test.db.mentorAssignment.count()).toBe(0);
  });

  it('dates the plan from --starts and writes both introductions', async () => {
    const assigned = await compagnon(['assign', '--mentor', mentor, '--mentee', mentee, '--starts', '2027-05-03']);
    expect(assigned.output).toContain('Awa is now mentored by Mme Diallo');
    expect(assigned.output).toContain('introductions on their way to both');
    const milestones = await test.db.milestone.findMany({ orderBy: { position: 'asc' } });
    expect(milestones.map((m) => m.dueOn.toISOString().slice(0, 10))).toEqual([
      '2027-05-31',
      '2027-08-02',
      '2027-11-01',
    ]);
    expect(await test.db.outboundMessage.count({ where: { purpose: 'mentor_introduction' } })).toBe(2);
  });
});
