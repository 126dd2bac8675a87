import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/store/errors.ts';
import { findCohortToAssignIn } from '../../src/store/mentoring/find-cohort-to-assign-in.ts';
import { findMentorAssignment } from '../../src/store/mentoring/find-mentor-assignment.ts';
import { unassignMentor } from '../../src/store/mentoring/unassign-mentor.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** Assigning and ending assignments from the mentors page, at the store. */
describe('mentor assignments from the dashboard', () => {
  let test: TestDatabase;
  let seed: SeededCohort;

  beforeAll(async () => {
    test = await createTestDatabase();
    seed = await seedCohort(test.db, new Date());
  });

  afterAll(async () => {
    await test.drop();
  });

  it("finds the cohort where the mentee is a participant and the mentor a mentor, among the viewer's", async () => {
    const [diallo] = seed.mentorIds;
    const awa = seed.participantIds[0]!;
    const request = { menteeId: awa, mentorId: diallo, cohortIds: [seed.cohortId] };
    expect(await findCohortToAssignIn(test.db, request)).toBe(seed.cohortId);
    expect(await findCohortToAssignIn(test.db, { ...request, cohortIds: [] })).toBeNull();
    // A participant is nobody's mentor.
    expect(await findCohortToAssignIn(test.db, { ...request, mentorId: seed.participantIds[1]! })).toBeNull();
  });

  it('ends an assignment once, audited once', async () => {
    const [diallo] = seed.mentorIds;
    const row = await test.db.mentorAssignment.findFirstOrThrow({ where: { mentorId: diallo, endedAt: null } });
    const assignment = await findMentorAssignment(test.db, row.id);
    expect(assignment).toMatchObject({ cohortId: seed.cohortId, mentorId: diallo, menteeId: row.menteeId });
    await unassignMentor(test.db, { assignment, actorId: seed.staffId, now: new Date() });
    await unassignMentor(test.db, { assignment, actorId: seed.staffId, now: new Date() });
    expect((await test.db.mentorAssignment.findUniqueOrThrow({ where: { id: row.id } })).endedAt).not.toBeNull();
    expect(await test.db.auditLog.count({ where: { action: 'mentor.unassign', entityId: row.id } })).toBe(1);
  });

  it('answers NotFoundError for an assignment that does not exist', async () => {
    await expect(findMentorAssignment(test.db, 'nothing')).rejects.toBeInstanceOf(NotFoundError);
  });
});
