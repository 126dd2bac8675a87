import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseExpiredProgrammes } from '../../src/jobs/erase-expired-programmes.ts';
import { parseProgrammeFile } from '../../src/domain/programme/parse-programme-file.ts';
import { importProgramme } from '../../src/store/programmes/import-programme.ts';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

// The sample ends on Sunday 2027-09-19 (Paris) and keeps personal data one year after: its data
// is erased at the start of 2028-09-20 in Paris, 2028-09-19T22:00Z.
const ERASE_AT = new Date('2028-09-19T22:00:00Z');
const DAY = 24 * 3600_000;

describe('the retention of personal data after a programme ends', () => {
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let clock = new Date(ERASE_AT.getTime() - 45 * DAY);
  let otherProgrammeId: string;
  let kofi: string;
  const run = () => eraseExpiredProgrammes.handle({}, { ...t.context, now: () => clock });

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => clock });
    seed = await seedCohort(t.test.db, new Date(), { mediaDir: t.mediaDir });
    // A second programme, with no retention: someone in it only, and a mentor of the sample in it too.
    const source = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
    const parsed = parseProgrammeFile(
      source.replace('id: connexions-citoyennes', 'id: autre-programme').replace(/^retention:\n.*\n/m, ''),
    );
    if (!parsed.ok) throw new Error('the second programme is invalid');
    expect(parsed.programme.settings.retention).toBeNull();
    otherProgrammeId = (await importProgramme(t.test.db, parsed.programme, { source: 'autre', now: new Date() }))
      .programmeId;
    const otherCohort = await t.test.db.cohort.findFirstOrThrow({ where: { programmeId: otherProgrammeId } });
    kofi = (
      await t.test.db.person.create({
        data: {
          displayName: 'Kofi',
          roles: ['participant'],
          enrolments: { create: { cohortId: otherCohort.id, role: 'participant' } },
        },
      })
    ).id;
    await t.test.db.enrolment.create({
      data: { personId: seed.mentorIds[0], cohortId: otherCohort.id, role: 'mentor' },
    });
    await t.test.db.inviteCode.createMany({
      data: [
        { code: 'CC-ANCIEN', cohortId: seed.cohortId },
        { code: 'AUTRE-1', cohortId: otherCohort.id },
      ],
    });
  });

  afterAll(async () => {
    await t.close();
  });

  async function dashboardAsStaff(): Promise<string> {
    const link = await createSignInLink(t.test.db, { personId: seed.staffId, now: clock, validMinutes: 15 });
    if (!link.ok) throw new Error(link.reason);
    const signIn = await t.app.inject({ method: 'POST', url: `/admin/sign-in/${link.token}` });
    const cookie = [signIn.headers['set-cookie']]
      .flat()
      .find((c): c is string => typeof c === 'string' && c.startsWith('compagnon_session='))!
      .split(';')[0]!;
    const page = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    return page.body;
  }

  it('more than 30 days before: nothing erased, no notice', async () => {
    expect(await run()).toEqual({ programmes: [] });
    expect(await dashboardAsStaff()).not.toContain('seront effacées');
    expect(await t.test.db.person.count({ where: { erasedAt: { not: null } } })).toBe(0);
  });

  it('within 30 days: staff see the date on the dashboard, and nothing is erased yet', async () => {
    clock = new Date(ERASE_AT.getTime() - 20 * DAY);
    expect(await run()).toEqual({ programmes: [] });
    const page = await dashboardAsStaff();
    expect(page).toContain(
      'Les données personnelles de Connexions citoyennes seront effacées le 20 septembre 2028 (conservation : 1\u00a0an après la fin).',
    );
    await t.test.db.person.update({ where: { id: seed.staffId }, data: { locale: 'en' } });
    expect(await dashboardAsStaff()).toContain(
      'The personal data of Civic Connections will be erased on September 20, 2028 (retention: 1 year after the end).',
    );
    expect(await t.test.db.person.count({ where: { erasedAt: { not: null } } })).toBe(0);
    expect(await t.test.db.answer.count()).toBeGreaterThan(0);
  });

  it('once past: everyone only in the programme is erased as DELETE erases, with one audit entry', async () => {
    clock = new Date(ERASE_AT.getTime() + 3 * 3600_000);
    const awa = seed.participantIds[0]!;
    const files = await t.test.db.mediaFile.findMany({ where: { personId: awa }, select: { path: true } });
    expect(files.length).toBeGreaterThan(0);
    await t.test.db.outboundMessage.create({
      data: {
        personId: awa,
        channelIdentityId: (await t.test.db.channelIdentity.findFirstOrThrow({ where: { personId: awa } })).id,
        channel: 'simulator',
        purpose: 'reply',
        payload: { kind: 'text', text: 'Bonjour Awa' },
        status: 'sent',
      },
    });

    const result = await run();
    expect(result).toEqual({
      programmes: [{ programmeId: seed.programmeId, erased: 8, kept: 1, inviteCodesRemoved: 1 }],
    });

    // Awa: what DELETE erases is gone; anonymous counts stay.
    const person = await t.test.db.person.findUniqueOrThrow({
      where: { id: awa },
      include: { identities: true, outboundMessages: true },
    });
    expect(person).toMatchObject({ displayName: null, hubId: null, timeZone: null, erasedAt: clock });
    expect(person.outboundMessages.map((m) => m.payload)).toEqual([{ kind: 'text', text: '' }]);
    expect(await t.test.db.answer.count({ where: { submission: { enrolment: { personId: awa } } } })).toBe(0);
    expect(await t.test.db.submission.count({ where: { enrolment: { personId: awa } } })).toBe(6);
    expect(await t.test.db.mediaFile.count({ where: { personId: awa } })).toBe(0);
    for (const file of files) expect(existsSync(path.join(t.mediaDir, file.path))).toBe(false);
    expect(await t.test.db.checkIn.count({ where: { note: { not: null } } })).toBe(0);
    expect(await t.test.db.milestone.count({ where: { note: { not: null } } })).toBe(0);
    // Staff and mentors of the programme only are erased too; the mentor also in the other programme is kept, so is Kofi.
    expect(await t.test.db.person.findUniqueOrThrow({ where: { id: seed.staffId } })).toMatchObject({
      displayName: null,
    });
    expect(await t.test.db.person.findUniqueOrThrow({ where: { id: seed.mentorIds[0] } })).toMatchObject({
      displayName: 'Mme Diallo',
      erasedAt: null,
    });
    expect(await t.test.db.person.findUniqueOrThrow({ where: { id: kofi } })).toMatchObject({
      displayName: 'Kofi',
      erasedAt: null,
    });
    // The programme's invite codes are gone; the other programme's stay.
    expect((await t.test.db.inviteCode.findMany()).map((code) => code.code)).toEqual(['AUTRE-1']);

    const audit = await t.test.db.auditLog.findMany({ where: { action: 'programme.retention_erase' } });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: null,
        entity: 'Programme',
        entityId: seed.programmeId,
        details: {
          erased: 8,
          kept: 1,
          inviteCodesRemoved: 1,
          eraseAfterEnd: '1y',
          endsOn: '2027-09-19',
          eraseAt: ERASE_AT.toISOString(),
        },
      }),
    ]);
    const personEntries = await t.test.db.auditLog.findMany({ where: { action: 'person.erase', entityId: awa } });
    expect(personEntries).toEqual([expect.objectContaining({ actorId: null, details: { reason: 'retention' } })]);
    // The notice is gone once the date has passed (seen by the staff member, erased too, brought back for this).
    await t.test.db.person.update({ where: { id: seed.staffId }, data: { erasedAt: null } });
    await t.test.db.enrolment.updateMany({ where: { personId: seed.staffId }, data: { status: 'active' } });
    expect(await dashboardAsStaff()).not.toContain('will be erased');
  });

  it('running again erases nothing more, and writes no second entry', async () => {
    await t.test.db.person.update({ where: { id: seed.staffId }, data: { erasedAt: clock } });
    clock = new Date(clock.getTime() + DAY);
    expect(await run()).toEqual({
      programmes: [{ programmeId: seed.programmeId, erased: 0, kept: 1, inviteCodesRemoved: 0 }],
    });
    expect(await t.test.db.auditLog.count({ where: { action: 'programme.retention_erase' } })).toBe(1);
  });

  it('a programme without retention is never erased', async () => {
    clock = new Date('2040-01-01T00:00:00Z');
    expect(await run()).toEqual({
      programmes: [{ programmeId: seed.programmeId, erased: 0, kept: 1, inviteCodesRemoved: 0 }],
    });
    expect(await t.test.db.person.findUniqueOrThrow({ where: { id: kofi } })).toMatchObject({
      displayName: 'Kofi',
      erasedAt: null,
    });
    expect(await t.test.db.inviteCode.count({ where: { cohort: { programmeId: otherProgrammeId } } })).toBe(1);
  });
});
