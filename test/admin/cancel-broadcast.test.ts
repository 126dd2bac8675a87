import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelBroadcast } from '../../src/store/broadcasts/cancel-broadcast.ts';
import { NotFoundError } from '../../src/store/errors.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** Cancelling from the dashboard: only the viewer's programmes' broadcasts, only while scheduled, audited once. */
describe('cancelling a broadcast', () => {
  let test: TestDatabase;
  let seed: SeededCohort;

  beforeAll(async () => {
    test = await createTestDatabase();
    seed = await seedCohort(test.db, new Date());
  });

  afterAll(async () => {
    await test.drop();
  });

  async function scheduled(): Promise<string> {
    const segment = await test.db.segment.create({ data: { programmeId: seed.programmeId, filter: {} } });
    const broadcast = await test.db.broadcast.create({
      data: {
        programmeId: seed.programmeId,
        segmentId: segment.id,
        texts: { fr: 'Bientôt' },
        status: 'scheduled',
        scheduledAt: new Date(Date.now() + 3600_000),
      },
    });
    return broadcast.id;
  }

  it('cancels a scheduled broadcast once, with one audit line', async () => {
    const broadcastId = await scheduled();
    const request = { broadcastId, programmeIds: [seed.programmeId], actorId: seed.staffId };
    expect(await cancelBroadcast(test.db, request)).toBe(true);
    expect(await cancelBroadcast(test.db, request)).toBe(false);
    expect((await test.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status).toBe('cancelled');
    expect(await test.db.auditLog.count({ where: { action: 'broadcast.cancel', entityId: broadcastId } })).toBe(1);
  });

  it("answers NotFoundError for another programme's broadcast, or none, and leaves it scheduled", async () => {
    const broadcastId = await scheduled();
    await expect(
      cancelBroadcast(test.db, { broadcastId, programmeIds: ['another'], actorId: seed.staffId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      cancelBroadcast(test.db, { broadcastId: 'nothing', programmeIds: [seed.programmeId], actorId: seed.staffId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await test.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status).toBe('scheduled');
  });
});
