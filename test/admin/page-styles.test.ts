import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

describe('dashboard styles', () => {
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let staff: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    t = await startAdminTestApp();
    seed = await seedCohort(t.test.db, new Date());
    staff = await signInAs(t.app, t.test.db, seed.staffId);
  });

  afterAll(async () => {
    await t.close();
  });

  it('styles secondary buttons once, in the layout, on every page that has them', async () => {
    const preview = await t.app.inject({
      method: 'POST',
      url: '/admin/broadcasts/preview',
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: staff.csrfToken,
        programme: seed.programmeId,
        text_fr: 'Bonjour',
        when: 'now',
      }).toString(),
    });
    const mentors = await t.app.inject({
      method: 'GET',
      url: `/admin/mentors?cohort=${seed.cohortId}`,
      headers: { cookie: staff.cookie },
    });
    for (const page of [preview, mentors]) {
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('class="secondary"');
      expect(page.body.match(/button\.secondary\{/g)).toHaveLength(1);
    }
  });
});
