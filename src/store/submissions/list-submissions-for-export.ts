import type { Database } from '../database.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';

/**
 * Every released submission of the cohort's participants the viewer may see, by name then
 * exercise, with its answers in question order (their question, and the file answered with).
 */
export async function listSubmissionsForExport(db: Database, request: { cohortId: string; scope: DashboardScope }) {
  return db.submission.findMany({
    where: {
      enrolment: { AND: [visibleEnrolments(request.scope), { cohortId: request.cohortId, role: 'participant' }] },
      status: { not: 'planned' },
    },
    orderBy: [
      { enrolment: { person: { displayName: 'asc' } } },
      { enrolment: { personId: 'asc' } },
      { exercise: { position: 'asc' } },
    ],
    include: {
      enrolment: { select: { personId: true, person: { select: { displayName: true } } } },
      exercise: { select: { key: true, title: true } },
      answers: {
        orderBy: { question: { position: 'asc' } },
        include: { question: true, mediaFile: { select: { id: true, mimeType: true } } },
      },
    },
  });
}

export type SubmissionForExport = Awaited<ReturnType<typeof listSubmissionsForExport>>[number];
