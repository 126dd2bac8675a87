import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { markExercisesReleased } from '../exercises/mark-exercises-released.ts';
import type { ReleaseTransaction } from './release-transaction.ts';

/**
 * Marks a submission, and its exercise if it was not yet, released now. Returns the settings of
 * the exercise's programme (its quiet hours say when the messages may go).
 */
export async function markSubmissionReleased(
  tx: ReleaseTransaction,
  submissionId: string,
  now: Date,
): Promise<ProgrammeSettings> {
  const submission = await tx.submission.update({
    where: { id: submissionId },
    data: { releasedAt: now },
    include: { exercise: { select: { id: true, programme: { select: { settings: true } } } } },
  });
  await markExercisesReleased(tx, [submission.exerciseId], now);
  return parseProgrammeSettings(submission.exercise.programme.settings);
}
