import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseDeclinedApplications } from '../../src/jobs/erase-declined-applications.ts';
import { createApplicationStore } from '../../src/store/conversation/application-store.ts';
import { seedCohort, startAdminTestApp } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedApplications, type SeededApplications } from '../support/seed-applications.ts';
import type { TestApp } from '../support/test-app.ts';

const DAY = 24 * 3600_000;

/** Declined applications are kept for the call's keep_declined after the decision, then erased. */
describe('the erasure of declined applications', () => {
  let t: TestApp & { baseUrl: string };
  let applications: SeededApplications;
  let clock = SAMPLE_DAYTIME;
  const decidedAt = SAMPLE_DAYTIME;
  const run = () => eraseDeclinedApplications.handle({}, { ...t.context, now: () => clock });

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => clock });
    const seed = await seedCohort(t.test.db, SAMPLE_DAYTIME);
    applications = await seedApplications(t.test.db, SAMPLE_DAYTIME, { mediaDir: t.mediaDir, keepDeclinedDays: 30 });
    const db = t.test.db;
    // Aminata (with her photo) and John declined; Grace declined too but she is staff elsewhere: she stays.
    for (const { applicationId } of [applications.aminata, applications.john, applications.grace])
      await db.application.update({
        where: { id: applicationId },
        data: {
          decision: 'declined',
          decidedAt,
          decidedById: seed.staffId,
          eraseAfter: new Date(decidedAt.getTime() + 30 * DAY),
        },
      });
    await db.person.update({ where: { id: applications.grace.personId }, data: { roles: ['staff'] } });
    await db.applicationReview.create({
      data: { applicationId: applications.john.applicationId, reviewerId: seed.staffId, score: 2, comment: 'Trop tôt' },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps them until keep_declined has passed', async () => {
    clock = new Date(decidedAt.getTime() + 30 * DAY - 60_000);
    expect(await run()).toEqual({ applications: 0, people: 0 });
    expect(await t.test.db.application.count({ where: { decision: 'declined' } })).toBe(3);
    expect(existsSync(path.join(t.mediaDir, `applications/${applications.aminata.applicationId}-photo.png`))).toBe(
      true,
    );
  });

  it('then erases answers, files and reviews, and the applicant when nothing else keeps them here', async () => {
    const db = t.test.db;
    clock = new Date(decidedAt.getTime() + 30 * DAY);
    expect(await run()).toEqual({ applications: 3, people: 2 });
    expect(await db.application.count({ where: { decision: 'declined' } })).toBe(0);
    expect(await db.applicationAnswer.count({ where: { applicationId: applications.aminata.applicationId } })).toBe(0);
    expect(await db.applicationReview.count({ where: { applicationId: applications.john.applicationId } })).toBe(0);
    expect(await db.mediaFile.count({ where: { id: applications.aminata.photoId } })).toBe(0);
    expect(existsSync(path.join(t.mediaDir, `applications/${applications.aminata.applicationId}-photo.png`))).toBe(
      false,
    );
    for (const { personId } of [applications.aminata, applications.john]) {
      const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
      expect(person.erasedAt).toEqual(clock);
      expect(person.displayName).toBeNull();
    }
    const grace = await db.person.findUniqueOrThrow({ where: { id: applications.grace.personId } });
    expect(grace.erasedAt).toBeNull();
    expect(grace.displayName).toBe('Grace Nkemelu');
    // Koffi, still writing, is untouched.
    expect(await db.application.count({ where: { id: applications.koffi.applicationId } })).toBe(1);
    expect(await run()).toEqual({ applications: 0, people: 0 });
  });

  it('erases an application never handed in keep_declined after the closing, one started in chat included', async () => {
    const db = t.test.db;
    const call = await db.applicationCall.findUniqueOrThrow({ where: { id: applications.call.id } });
    const awa = await db.person.create({ data: { displayName: 'Awa', roles: [] } });
    const started = await db.$transaction((tx) =>
      createApplicationStore(tx).createApplication(call.id, awa.id, { consentVersion: '1', nextReminderAt: null }),
    );
    const keptUntil = new Date(call.closesAt.getTime() + call.keepDeclinedDays * DAY);
    expect((await db.application.findUniqueOrThrow({ where: { id: started.id } })).eraseAfter).toEqual(keptUntil);
    // Koffi, still writing when the call closed, goes at the same instant.
    await db.application.update({ where: { id: applications.koffi.applicationId }, data: { eraseAfter: keptUntil } });
    clock = new Date(keptUntil.getTime() - 60_000);
    expect(await run()).toEqual({ applications: 0, people: 0 });
    clock = keptUntil;
    expect(await run()).toEqual({ applications: 2, people: 2 });
    expect(await db.application.count({ where: { id: { in: [started.id, applications.koffi.applicationId] } } })).toBe(
      0,
    );
    expect((await db.person.findUniqueOrThrow({ where: { id: awa.id } })).erasedAt).toEqual(keptUntil);
  });
});
