import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_SEEN_INTERVAL_MS } from '../../src/store/access/staff-sessions.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

describe('when a dashboard session was last used', () => {
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let clock = new Date();

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => clock });
    seed = await seedCohort(t.test.db, new Date());
  });

  afterAll(async () => {
    await t.close();
  });

  it('is written when the session is used, at most once every few minutes, and once for requests sent together', async () => {
    const { cookie } = await signInAs(t.app, t.test.db, seed.staffId);
    const lastSeen = async () =>
      (
        await t.test.db.staffSession.findFirstOrThrow({
          where: { personId: seed.staffId },
          orderBy: { createdAt: 'desc' },
        })
      ).lastSeenAt;
    const open = () => t.app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
    const signedInAt = await lastSeen();

    clock = new Date(signedInAt.getTime() + 60_000);
    expect((await open()).statusCode).toBe(200);
    expect(await lastSeen()).toEqual(signedInAt);

    clock = new Date(signedInAt.getTime() + LAST_SEEN_INTERVAL_MS + 1000);
    const later = clock;
    const answers = await Promise.all([open(), open(), open()]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(await lastSeen()).toEqual(later);
    clock = new Date(later.getTime() + 1000);
    await open();
    expect(await lastSeen()).toEqual(later);
  });
});
