import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { FAN_OUT_BROADCAST_QUEUE } from '../../src/jobs/job-queues.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';

type Session = { cookie: string; csrfToken: string };

describe('Bull Board: read-only for staff, changes for operators', () => {
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let staff: Session;
  let operator: Session;
  let mentor: Session;
  let queue: Queue;

  /** A Bull Board action as its own page sends it: JSON, from the dashboard's origin. */
  const act = (session: Session, url: string) =>
    t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: session.cookie, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      payload: '{}',
    });

  beforeAll(async () => {
    t = await startAdminTestApp();
    seed = await seedCohort(t.test.db, new Date());
    // A second staff member of the same cohort, named an operator (DASHBOARD_OPERATORS).
    const operatorPerson = await t.test.db.person.create({
      data: {
        displayName: 'Opérateur',
        roles: ['staff'],
        enrolments: { create: { cohortId: seed.cohortId, role: 'staff' } },
      },
    });
    t.deps.queueOperatorIds = loadConfig({ DASHBOARD_OPERATORS: ` ${operatorPerson.id} ,` }).DASHBOARD_OPERATORS;
    staff = await signInAs(t.app, t.test.db, seed.staffId);
    operator = await signInAs(t.app, t.test.db, operatorPerson.id);
    mentor = await signInAs(t.app, t.test.db, seed.mentorIds[0]);
    queue = t.queues.all().find((q) => q.name === FAN_OUT_BROADCAST_QUEUE)!;
  });

  afterAll(async () => {
    await queue.resume();
    await t.close();
  });

  it('shows the queues to every staff member, read-only', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: staff.cookie } });
    expect(page.statusCode).toBe(200);
    const api = await t.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { cookie: staff.cookie },
    });
    expect(api.statusCode).toBe(200);
    const listed = api.json<{ queues: { name: string; readOnlyMode: boolean }[] }>().queues;
    expect(listed.find((q) => q.name === FAN_OUT_BROADCAST_QUEUE)?.readOnlyMode).toBe(true);
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: mentor.cookie } })).statusCode,
    ).toBe(403);
  });

  it('leads back to the dashboard from the queues, in the viewer’s language, and asks no other site for a font', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: staff.cookie } });
    expect(page.body).toMatch(/<a class="back-to-dashboard" href="\/admin"[^>]*>← Tableau de bord<\/a>/);
    expect(page.body).not.toContain('fonts.googleapis.com');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('googleapis');
  });

  it('refuses a staff member who is not an operator any change, on either board, and the queue stays as it was', async () => {
    await queue.add('probe', { broadcastId: 'none' }, { delay: 3600_000, jobId: 'queue-board-probe' });
    for (const url of [
      `/admin/queues/api/queues/${FAN_OUT_BROADCAST_QUEUE}/pause`,
      `/admin/queues/api/queues/${FAN_OUT_BROADCAST_QUEUE}/clean/delayed`,
      '/admin/queues/api/queues/pause',
      `/admin/queues/manage/api/queues/${FAN_OUT_BROADCAST_QUEUE}/pause`,
      `/admin/queues/manage/api/queues/${FAN_OUT_BROADCAST_QUEUE}/clean/delayed`,
    ]) {
      expect((await act(staff, url)).statusCode, url).toBe(403);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/queues/manage', headers: { cookie: staff.cookie } }))
        .statusCode,
    ).toBe(403);
    expect(await queue.isPaused()).toBe(false);
    expect(await (await queue.getJob('queue-board-probe'))?.getState()).toBe('delayed');
    expect(await t.test.db.auditLog.count({ where: { action: 'queue.change' } })).toBe(0);
  });

  it('refuses a staff member who is not an operator the managing board however its address is spelt', async () => {
    for (const url of [
      '/admin/queues/%6Danage',
      '/admin/queues/%6danage/api/queues',
      '/admin/%71ueues/manage',
      '/admin/queues%2Fmanage',
      '/admin/queues/%2Fmanage',
      '/admin/queues//manage',
      '/admin/queues/manage/',
      '/admin/queues/MANAGE',
      '/admin/queues/%256Danage',
    ]) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: staff.cookie } });
      expect(response.statusCode, url).toBe(403);
      expect(response.body, url).not.toContain('readOnlyMode');
    }
    // Not even with the dashboard's own CSRF token, on a spelling that hides the board's prefix.
    const sneaked = await t.app.inject({
      method: 'PUT',
      url: `/admin/%71ueues/manage/api/queues/${FAN_OUT_BROADCAST_QUEUE}/pause`,
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrfToken,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
      payload: '{}',
    });
    expect(sneaked.statusCode).toBe(403);
    expect(await queue.isPaused()).toBe(false);
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/%71ueues', headers: { cookie: mentor.cookie } })).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/%71ueues/api/queues', headers: { cookie: mentor.cookie } }))
        .statusCode,
    ).toBe(403);
    // The operator still reaches it, however spelt.
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/queues/%6Danage', headers: { cookie: operator.cookie } }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses an operator changes through the read-only board', async () => {
    expect((await act(operator, `/admin/queues/api/queues/${FAN_OUT_BROADCAST_QUEUE}/pause`)).statusCode).toBe(403);
    expect(await queue.isPaused()).toBe(false);
  });

  it('lets an operator pause and resume a queue at /admin/queues/manage, and audits it', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/queues/manage', headers: { cookie: operator.cookie } }))
        .statusCode,
    ).toBe(200);
    expect((await act(operator, `/admin/queues/manage/api/queues/${FAN_OUT_BROADCAST_QUEUE}/pause`)).statusCode).toBe(
      200,
    );
    expect(await queue.isPaused()).toBe(true);
    expect((await act(operator, `/admin/queues/manage/api/queues/${FAN_OUT_BROADCAST_QUEUE}/resume`)).statusCode).toBe(
      200,
    );
    expect(await queue.isPaused()).toBe(false);
    // Written once the answer has gone out.
    const paths = async () =>
      (await t.test.db.auditLog.findMany({ where: { action: 'queue.change' } }))
        .map((a) => (a.details as { path: string }).path)
        .sort();
    await expect
      .poll(paths)
      .toEqual([
        `/admin/queues/manage/api/queues/${FAN_OUT_BROADCAST_QUEUE}/pause`,
        `/admin/queues/manage/api/queues/${FAN_OUT_BROADCAST_QUEUE}/resume`,
      ]);
  });

  it('still refuses an operator a change sent from another site', async () => {
    const forged = await t.app.inject({
      method: 'PUT',
      url: `/admin/queues/manage/api/queues/${FAN_OUT_BROADCAST_QUEUE}/pause`,
      headers: {
        cookie: operator.cookie,
        'sec-fetch-site': 'cross-site',
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      payload: '{}',
    });
    expect(forged.statusCode).toBe(403);
    expect(await queue.isPaused()).toBe(false);
  });
});

describe('DASHBOARD_OPERATORS', () => {
  it('is a list of person ids separated by commas, empty when unset', () => {
    expect(loadConfig({}).DASHBOARD_OPERATORS).toEqual([]);
    expect(loadConfig({ DASHBOARD_OPERATORS: 'cabc123, cdef456' }).DASHBOARD_OPERATORS).toEqual(['cabc123', 'cdef456']);
    expect(() => loadConfig({ DASHBOARD_OPERATORS: 'cabc123; drop' })).toThrow(
      'DASHBOARD_OPERATORS must be person ids separated by commas',
    );
  });
});
