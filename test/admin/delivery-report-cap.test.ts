import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  broadcastDeliveryReport,
  DELIVERY_PROBLEMS_SHOWN,
} from '../../src/store/broadcasts/broadcast-delivery-report.ts';
import { signInAs, seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

type Session = { cookie: string; csrfToken: string };

/** People a broadcast could not reach: more than a report lists. */
const FAILED = DELIVERY_PROBLEMS_SHOWN + 5;

describe('a delivery report with more problems than it lists', () => {
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let staff: Session;
  let broadcastId: string;

  const post = (url: string, fields: [string, string][] = []) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', staff.csrfToken], ...fields]).toString(),
    });

  beforeAll(async () => {
    t = await startAdminTestApp();
    seed = await seedCohort(t.test.db, new Date());
    staff = await signInAs(t.app, t.test.db, seed.staffId);
    const at = DateTime.now().setZone('Europe/Paris').plus({ days: 2 }).startOf('minute');
    const created = await post('/admin/broadcasts', [
      ['programme', seed.programmeId],
      ['text_fr', 'Atelier demain'],
      ['when', 'later'],
      ['at', at.toFormat("yyyy-LL-dd'T'HH:mm")],
    ]);
    broadcastId = /\/admin\/broadcasts\/(\w+)$/.exec(created.headers.location as string)![1]!;
    // It went out, and failed for every one of them.
    await t.test.db.broadcast.update({ where: { id: broadcastId }, data: { status: 'sent', fannedOutAt: new Date() } });
    const people = await t.test.db.person.createManyAndReturn({
      data: Array.from({ length: FAILED }, (_, n) => ({
        displayName: `Injoignable ${n}`,
        roles: ['participant' as const],
      })),
      select: { id: true },
    });
    const identities = await t.test.db.channelIdentity.createManyAndReturn({
      data: people.map((person, n) => ({
        personId: person.id,
        channel: 'simulator' as const,
        platformId: `unreachable-${n}`,
      })),
      select: { id: true, personId: true },
    });
    await t.test.db.outboundMessage.createMany({
      data: identities.map((identity) => ({
        personId: identity.personId,
        channelIdentityId: identity.id,
        channel: 'simulator' as const,
        purpose: 'broadcast',
        payload: { kind: 'text', text: 'Atelier demain' },
        status: 'failed' as const,
        lastError: 'chat not found',
        failedAt: new Date(),
        broadcastId,
      })),
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it(`lists the first ${DELIVERY_PROBLEMS_SHOWN} and counts them all`, async () => {
    const report = await broadcastDeliveryReport(t.test.db, broadcastId);
    expect(report.problems).toHaveLength(DELIVERY_PROBLEMS_SHOWN);
    expect(report.problemCount).toBe(FAILED);
    expect(report.counts.failed).toBe(FAILED);
    expect((await broadcastDeliveryReport(t.test.db, broadcastId, { problemLimit: 3 })).problems).toHaveLength(3);
  });

  it('says on the page how many more there are', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: `/admin/broadcasts/${broadcastId}`,
      headers: { cookie: staff.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`data-bucket="failed">${FAILED}<`));
    expect(page.body.match(/chat not found/g)).toHaveLength(DELIVERY_PROBLEMS_SHOWN);
    expect(page.body).toContain(
      `Et 5 de plus, non affichées ici : seules les ${DELIVERY_PROBLEMS_SHOWN} premières sont listées.`,
    );
  });

  it('refuses to cancel a broadcast already sent, and one that is not there', async () => {
    expect((await post(`/admin/broadcasts/${broadcastId}/cancel`)).statusCode).toBe(400);
    expect((await t.test.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status).toBe('sent');
    expect((await post('/admin/broadcasts/nothing-here/cancel')).statusCode).toBe(404);
  });
});
