import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * Gives a submission a rubric grade, one per grader: grading again replaces the grader's own
 * grade and comment, never another grader's.
 */
export async function gradeSubmission(
  db: Prisma.TransactionClient | Database,
  grade: { submissionId: string; graderId: string; score: number; comment: string | null },
) {
  return db.rubricGrade.upsert({
    where: { submissionId_graderId: { submissionId: grade.submissionId, graderId: grade.graderId } },
    create: grade,
    update: { score: grade.score, comment: grade.comment },
  });
}
