import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutBroadcast } from '../../src/jobs/fan-out-broadcast.ts';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { broadcastDeliveryReport } from '../../src/store/broadcasts/broadcast-delivery-report.ts';
import { NotFoundError } from '../../src/store/errors.ts';
import { listBroadcasts } from '../../src/store/broadcasts/list-broadcasts.ts';
import { testJobContext } from '../support/job-context.ts';
import { uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs the `compagnon` command as a user would. */
async function compagnon(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/compagnon.js', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the delivery report of a broadcast', () => {
  let test: TestDatabase;
  let context: Omit<JobContext, 'job' | 'token'>;
  let broadcastId: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestDatabase();
    context = testJobContext(test.db, uniquePrefix());
    await importSample(test.db);
    const cohort = await test.db.cohort.findFirstOrThrow();
    const staff = await test.db.person.create({
      data: { displayName: 'Claire', roles: ['staff'], enrolments: { create: { cohortId: cohort.id, role: 'staff' } } },
    });
    const recipients = [
      ['Awa', 'whatsapp'],
      ['Bruno', 'whatsapp'],
      ['Chloé', 'telegram'],
      ['Dédé', 'telegram'],
      ['Éric', 'simulator'],
    ] as const;
    for (const [name, channel] of recipients) {
      const person = await test.db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          locale: 'fr',
          enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
          identities: { create: { channel, platformId: `${channel}-${name}`, lastInboundAt: new Date() } },
        },
      });
      people[name] = person.id;
    }
    const programme = await test.db.programme.findFirstOrThrow();
    const segment = await test.db.segment.create({
      data: { programmeId: programme.id, filter: { cohortIds: [cohort.id] } },
    });
    const broadcast = await test.db.broadcast.create({
      data: {
        programmeId: programme.id,
        segmentId: segment.id,
        createdById: staff.id,
        texts: { fr: 'Atelier à 15h', en: 'Workshop at 3pm' },
        status: 'scheduled',
        scheduledAt: new Date(Date.now() - 1000),
      },
    });
    broadcastId = broadcast.id;
    await fanOutBroadcast.handle({ broadcastId }, context);
    // What the delivery worker and the platforms' status callbacks leave behind.
    const set = (name: string, data: Record<string, unknown>) =>
      test.db.outboundMessage.updateMany({ where: { broadcastId, personId: people[name] }, data });
    await set('Awa', { status: 'read', sentAt: new Date(), deliveredAt: new Date(), readAt: new Date() });
    await set('Bruno', { status: 'held', lastError: 'WhatsApp window closed: template broadcast sent' });
    await set('Chloé', { status: 'delivered', sentAt: new Date(), deliveredAt: new Date() });
    await set('Dédé', { status: 'failed', failedAt: new Date(), lastError: 'InvalidRequestError: chat not found' });
    await set('Éric', { status: 'skipped', lastError: 'the person opted out (STOP)' });
  });

  afterAll(async () => {
    await context.queues.close();
    await test.drop();
  });

  it('counts the messages by bucket and by channel, and names who it did not reach', async () => {
    const report = await broadcastDeliveryReport(test.db, broadcastId);
    expect(report.broadcast.status).toBe('sent');
    expect(report.broadcast.createdBy).toBe('Claire');
    expect(report.counts).toEqual({ queued: 1, sent: 0, delivered: 1, read: 1, failed: 1, skipped: 1, total: 5 });
    expect(report.byChannel).toEqual({
      telegram: { queued: 0, sent: 0, delivered: 1, read: 0, failed: 1, skipped: 0, total: 2 },
      whatsapp: { queued: 1, sent: 0, delivered: 0, read: 1, failed: 0, skipped: 0, total: 2 },
      simulator: { queued: 0, sent: 0, delivered: 0, read: 0, failed: 0, skipped: 1, total: 1 },
    });
    expect(report.problems.map(({ name, channel, status, error }) => ({ name, channel, status, error }))).toEqual([
      { name: 'Dédé', channel: 'telegram', status: 'failed', error: 'InvalidRequestError: chat not found' },
      { name: 'Éric', channel: 'simulator', status: 'skipped', error: 'the person opted out (STOP)' },
    ]);
  });

  it('lists broadcasts with the same counts, and refuses an unknown id', async () => {
    const [listed] = await listBroadcasts(test.db);
    expect(listed).toMatchObject({
      id: broadcastId,
      status: 'sent',
      programmeKey: 'connexions-citoyennes',
      counts: { total: 5, read: 1, queued: 1 },
    });
    expect(await listBroadcasts(test.db, { programme: 'no-such-programme' })).toEqual([]);
    await expect(broadcastDeliveryReport(test.db, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('prints the list and the report from the command line', async () => {
    const list = await compagnon(['broadcast', 'list', '--programme', 'connexions-citoyennes'], {
      DATABASE_URL: test.url,
    });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${broadcastId}  sent`);
    expect(list.stdout).toContain(
      'total 5: queued 1, sent 0, delivered 1, read 1, failed 1, skipped 1  "Atelier à 15h"',
    );
    const report = await compagnon(['broadcast', 'report', broadcastId], { DATABASE_URL: test.url });
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('audience: cohort promo-2027 (except people who stopped)');
    expect(report.stdout).toContain('  whatsapp: total 2: queued 1, sent 0, delivered 0, read 1, failed 0, skipped 0');
    expect(report.stdout).toContain(
      `  Dédé (${people['Dédé']}) on telegram: failed, InvalidRequestError: chat not found`,
    );
    const unknown = await compagnon(['broadcast', 'report', 'nope'], { DATABASE_URL: test.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('no broadcast has the id "nope"');
  });
});
