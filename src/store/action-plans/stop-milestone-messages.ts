import type { Database } from '../database.ts';

/** Plans no more messages for a milestone, unless its next one moved since it was read. */
export async function stopMilestoneMessages(
  db: Database,
  milestone: { id: string; nextReminderAt: Date },
): Promise<void> {
  await db.milestone.updateMany({
    where: { id: milestone.id, nextReminderAt: milestone.nextReminderAt },
    data: { nextReminderAt: null },
  });
}
