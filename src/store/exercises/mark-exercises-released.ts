import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/** Marks exercises released (the first release only: a later one leaves the instant as it was). */
export async function markExercisesReleased(
  tx: Prisma.TransactionClient | Database,
  exerciseIds: string[],
  now: Date,
): Promise<void> {
  await tx.exercise.updateMany({ where: { id: { in: exerciseIds }, releasedAt: null }, data: { releasedAt: now } });
}
