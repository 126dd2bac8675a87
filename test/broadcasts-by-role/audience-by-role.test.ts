import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesSegment, personCountry, type SegmentFilter } from '../../src/domain/segment.ts';
import { previewBroadcast } from '../../src/store/broadcasts/preview-broadcast.ts';
import { countAudience, listAudience } from '../../src/store/broadcasts/segment-query.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

const now = SAMPLE_DAYTIME;

/** Who a segment reaches once it names roles: participants, mentors, trainers, staff. */
describe('a broadcast audience by role', () => {
  let test: TestDatabase;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;
  let names: Record<string, string>;

  /** The display names of whom a segment reaches, sorted. */
  const reached = async (filter: SegmentFilter) =>
    (await listAudience(test.db, seeded.programmeId, filter)).map((member) => names[member.personId]).sort();

  beforeAll(async () => {
    test = await createTestDatabase();
    seeded = await seedCohort(test.db, now);
    trainers = await seedTrainers(test.db, seeded, now);
    const people = await test.db.person.findMany({ select: { id: true, displayName: true } });
    names = Object.fromEntries(people.map((p) => [p.id, p.displayName ?? p.id]));
  });

  afterAll(async () => {
    await test.drop();
  });

  it('reaches participants only when it names no role, as segments always did', async () => {
    // Espoir is paused and Rivo stopped: left out, as before.
    expect(await reached({})).toEqual(['Awa', 'Boubacar', 'Fatou', 'Josué', 'Salma']);
    expect(await reached({ roles: ['participant'] })).toEqual(await reached({}));
  });

  it('reaches the mentors only', async () => {
    expect(await reached({ roles: ['mentor'] })).toEqual(['M. Rakoto', 'Mme Diallo']);
  });

  it('reaches the trainers only, and the programme team only', async () => {
    expect(await reached({ roles: ['trainer'] })).toEqual(['Aline', 'Kouadio']);
    expect(await reached({ roles: ['staff'] })).toEqual(['Claire']);
  });

  it("reaches the trainers of a hub: who runs it, wherever they live, and not another hub's", async () => {
    expect(await reached({ roles: ['trainer'], hubIds: [trainers.hubIds.bukavu] })).toEqual(['Aline']);
    // Kouadio lives in Abidjan and runs Ouagadougou too.
    expect(await reached({ roles: ['trainer'], hubIds: [trainers.hubIds.ouagadougou] })).toEqual(['Kouadio']);
    expect(await reached({ roles: ['trainer'], hubIds: [trainers.hubIds.tunis] })).toEqual([]);
    // Burkina Faso by country: Kouadio runs its hub; participants are matched by their own hub only.
    expect(await reached({ roles: ['participant', 'trainer'], countries: ['BF'] })).toEqual(['Boubacar', 'Kouadio']);
    expect(await reached({ roles: ['participant', 'trainer'], hubIds: [trainers.hubIds.bukavu] })).toEqual([
      'Aline',
      'Josué',
    ]);
  });

  it('no longer counts a trainer in a hub they stopped running', async () => {
    await test.db.trainerHub.updateMany({
      where: { personId: trainers.westTrainerId, hubId: trainers.hubIds.ouagadougou },
      data: { endedAt: now },
    });
    expect(await reached({ roles: ['trainer'], hubIds: [trainers.hubIds.ouagadougou] })).toEqual([]);
    await test.db.trainerHub.updateMany({
      where: { personId: trainers.westTrainerId, hubId: trainers.hubIds.ouagadougou },
      data: { endedAt: null },
    });
  });

  it('reaches participants and mentors together, and counts each role', async () => {
    const filter: SegmentFilter = { roles: ['participant', 'mentor'] };
    expect(await reached(filter)).toEqual(['Awa', 'Boubacar', 'Fatou', 'Josué', 'M. Rakoto', 'Mme Diallo', 'Salma']);
    expect(await countAudience(test.db, seeded.programmeId, filter, now)).toMatchObject({
      recipients: 7,
      byRole: { participant: 5, mentor: 2 },
    });
  });

  it('applies the status filter to each role: a paused mentor is left out unless paused is named', async () => {
    await test.db.enrolment.updateMany({
      where: { personId: seeded.mentorIds[1], role: 'mentor' },
      data: { status: 'paused' },
    });
    expect(await reached({ roles: ['mentor'] })).toEqual(['Mme Diallo']);
    expect(await reached({ roles: ['mentor', 'participant'], statuses: ['paused'] })).toEqual(['Espoir', 'M. Rakoto']);
    await test.db.enrolment.updateMany({
      where: { personId: seeded.mentorIds[1], role: 'mentor' },
      data: { status: 'active' },
    });
  });

  it('reaches a person with two roles once, counted in both roles', async () => {
    // Mme Diallo mentors in this cohort and trains Abidjan in a second one.
    const second = await test.db.cohort.create({
      data: { programmeId: seeded.programmeId, key: 'promo-2028', name: { fr: 'Promotion 2028', en: 'Class of 2028' } },
    });
    const diallo = seeded.mentorIds[0];
    await test.db.enrolment.create({ data: { personId: diallo, cohortId: second.id, role: 'trainer' } });
    await test.db.trainerHub.create({
      data: { cohortId: second.id, personId: diallo, hubId: trainers.hubIds.abidjan },
    });
    try {
      const filter: SegmentFilter = { roles: ['mentor', 'trainer'] };
      const audience = await listAudience(test.db, seeded.programmeId, filter);
      expect(audience.filter((member) => member.personId === diallo)).toHaveLength(1);
      expect(audience.find((member) => member.personId === diallo)?.roles).toEqual(['mentor', 'trainer']);
      expect(await countAudience(test.db, seeded.programmeId, filter, now)).toMatchObject({
        recipients: 4,
        byRole: { mentor: 2, trainer: 3 },
      });
      const preview = await previewBroadcast(test.db, {
        programmeId: seeded.programmeId,
        filter: { roles: ['trainer', 'mentor'] },
        texts: { fr: 'Réunion des équipes jeudi.', en: 'Team meeting on Thursday.' },
        at: now,
        defaultLanguage: 'fr',
      });
      expect(preview).toMatchObject({ roles: ['mentor', 'trainer'], recipients: 4, byRole: { mentor: 2, trainer: 3 } });
      // Trainers of Abidjan: Kouadio, and Mme Diallo through the second cohort.
      expect(await reached({ roles: ['trainer'], hubIds: [trainers.hubIds.abidjan] })).toEqual([
        'Kouadio',
        'Mme Diallo',
      ]);
    } finally {
      await test.db.cohort.delete({ where: { id: second.id } });
    }
  });

  it('agrees with the rule in code, for every role, hub and country', async () => {
    // Awa's workshop is in Abidjan, she lives in Douala: her country is her own, not her hub's.
    await test.db.person.updateMany({
      where: { displayName: 'Awa' },
      data: { country: 'CM', timeZone: 'Africa/Douala' },
    });
    const enrolments = await test.db.enrolment.findMany({
      where: { cohortId: seeded.cohortId },
      select: {
        role: true,
        status: true,
        cohortId: true,
        person: {
          select: {
            id: true,
            hubId: true,
            country: true,
            hub: { select: { country: true } },
            trainerHubs: { where: { endedAt: null }, select: { hubId: true, hub: { select: { country: true } } } },
          },
        },
      },
    });
    const filters: SegmentFilter[] = [
      { roles: ['trainer'], hubIds: [trainers.hubIds.ouagadougou] },
      { roles: ['participant', 'mentor', 'trainer', 'staff'], hubIds: [trainers.hubIds.abidjan] },
      { roles: ['trainer', 'participant'], countries: ['CD'] },
      { countries: ['CM'] },
      { countries: ['CI'] },
      { roles: ['mentor', 'staff'] },
      {},
    ];
    for (const filter of filters) {
      const expected = enrolments
        .filter((e) =>
          matchesSegment(filter, {
            role: e.role as 'participant',
            cohortId: e.cohortId,
            hubId: e.person.hubId,
            country: personCountry(e.person),
            channel: 'simulator',
            status: e.status,
            runsHubs: e.person.trainerHubs.map((h) => ({ id: h.hubId, country: h.hub.country })),
          }),
        )
        .map((e) => names[e.person.id])
        .sort();
      expect(await reached(filter), JSON.stringify(filter)).toEqual(expected);
    }
    expect(await reached({ countries: ['CM'] })).toEqual(['Awa']);
    expect(await reached({ countries: ['CI'] })).not.toContain('Awa');
    expect(await reached({ countries: ['CI'] })).toContain('Fatou');
  });
});
