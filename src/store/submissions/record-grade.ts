import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { gradeSubmission } from './grade-submission.ts';

/** A grader's rubric grade on a submission and its audit line, in one transaction. */
export async function recordGrade(
  db: Database,
  grade: { submissionId: string; graderId: string; score: number; comment: string | null },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const saved = await gradeSubmission(tx, grade);
    await recordStaffAction(tx, {
      actorId: grade.graderId,
      action: 'submission.grade',
      entity: 'Submission',
      entityId: grade.submissionId,
      // No free text in the audit log: the comment is the grade's, and goes with the grade's erasure.
      details: { gradeId: saved.id, score: saved.score, commented: saved.comment !== null },
    });
  });
}
