import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCohortOverview } from '../../src/store/cohorts/cohort-overview.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('the cohort overview', () => {
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

  it("counts each participant's missed deadlines in a row from the latest, among everyone's submissions", async () => {
    const overview = (await loadCohortOverview(test.db, seed.cohortId, now))!;
    // Records (oldest first): Salma TTLMM, alerted; Boubacar TLTML; Espoir TLMMM but paused and Rivo
    // TMMMM but stopped: the slipping rule, as the alerts, watches neither.
    expect(
      overview.slipping.map(({ name, missedInARow, alertedAt }) => ({
        name,
        missedInARow,
        alerted: alertedAt !== null,
      })),
    ).toEqual([{ name: 'Salma', missedInARow: 2, alerted: true }]);
  });

  it('counts a deadline missed once it passes, back to the last one handed in', async () => {
    const boubacar = seed.participantIds[1]!;
    // Boubacar (T L T M L) misses the sixth: one missed in a row, under the programme's two.
    const sixth = seed.submissions.find((s) => s.personId === boubacar && s.exerciseId === seed.exerciseIds[5])!;
    await test.db.submission.update({
      where: { id: sixth.id },
      data: { status: 'missed', deadlineAt: new Date(now.getTime() - 3600_000) },
    });
    const overview = (await loadCohortOverview(test.db, seed.cohortId, now))!;
    expect(overview.slipping.find((p) => p.personId === boubacar)).toBeUndefined();
    // Salma (T T L M M, the sixth open and so not counted) misses it too: three in a row.
    const salma = seed.participantIds[2]!;
    const salmaSixth = seed.submissions.find((s) => s.personId === salma && s.exerciseId === seed.exerciseIds[5])!;
    await test.db.submission.update({
      where: { id: salmaSixth.id },
      data: { status: 'missed', deadlineAt: new Date(now.getTime() - 3600_000) },
    });
    const after = (await loadCohortOverview(test.db, seed.cohortId, now))!;
    expect(after.slipping.find((p) => p.personId === salma)?.missedInARow).toBe(3);
  });
});
