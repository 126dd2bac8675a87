import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPersonData } from '../../src/store/people/export-person-data.ts';
import { personView } from '../../src/store/people/person-view.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * A data export says where the person lives as the conversation does (`personTimeZone`): their
 * own zone, else their hub's, else their programme's — never nothing, never UTC by mistake.
 */
describe('the time zone in a personal data export', () => {
  let test: TestDatabase;
  let seed: SeededCohort;
  const now = new Date();

  beforeAll(async () => {
    test = await createTestDatabase();
    seed = await seedCohort(test.db, now);
  });

  afterAll(async () => {
    await test.drop();
  });

  const staffScope = () => ({ role: 'staff' as const, cohortIds: [seed.cohortId], mentees: null, hubs: null });

  async function participant(data: { timeZone?: string }): Promise<string> {
    const person = await test.db.person.create({
      data: { displayName: 'Sans hub', roles: ['participant'], ...data },
      select: { id: true },
    });
    await test.db.enrolment.create({ data: { personId: person.id, cohortId: seed.cohortId, role: 'participant' } });
    return person.id;
  }

  it("gives the programme's zone to a person with no zone of their own and no hub", async () => {
    const personId = await participant({});
    const exported = await exportPersonData(test.db, personId, { scope: staffScope(), now });
    // The sample programme lives in Europe/Paris, not UTC.
    expect(exported.person.timeZone).toBe('Europe/Paris');
    expect(exported.person.hub).toBeNull();
    expect((await personView(test.db, personId)).timeZone).toBe('Europe/Paris');
  });

  it('keeps the zone a person set for themselves', async () => {
    const personId = await participant({ timeZone: 'Africa/Abidjan' });
    const exported = await exportPersonData(test.db, personId, { scope: staffScope(), now });
    expect(exported.person.timeZone).toBe('Africa/Abidjan');
    expect((await personView(test.db, personId)).timeZone).toBe('Africa/Abidjan');
  });

  it("gives a hub's zone to a person of that hub", async () => {
    const awa = seed.participantIds[0]!;
    const exported = await exportPersonData(test.db, awa, { scope: staffScope(), now });
    expect(exported.person.timeZone).toBe('Africa/Abidjan');
  });
});
