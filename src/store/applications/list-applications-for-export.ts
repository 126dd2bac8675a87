import type { Database } from '../database.ts';
import { applicationsWhere, averageGrade, type ApplicationFilters, type ApplicationRow } from './list-applications.ts';

/** An application as applications.csv writes it: the list's row with every answer. */
export interface ApplicationForExport extends ApplicationRow {
  answers: {
    questionKey: string;
    value: unknown;
    skipped: boolean;
    mediaFile: { id: string; mimeType: string } | null;
  }[];
}

/** A call's applications under the filters, as the list orders them, each with its answers. */
export async function listApplicationsForExport(
  db: Database,
  request: { callId: string; filters: ApplicationFilters; viewerId: string },
): Promise<ApplicationForExport[]> {
  const rows = await db.application.findMany({
    where: applicationsWhere(request.callId, request.filters, request.viewerId),
    orderBy: [{ submittedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    include: {
      person: { select: { displayName: true, locale: true, country: true } },
      reviews: { select: { reviewerId: true, score: true } },
      answers: { include: { mediaFile: { select: { id: true, mimeType: true } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    name: row.person.displayName,
    locale: row.person.locale,
    country: row.person.country,
    city: row.city,
    status: row.status,
    submittedAt: row.submittedAt,
    shortlisted: row.shortlisted,
    decision: row.decision,
    decidedAt: row.decidedAt,
    reviews: row.reviews,
    average: averageGrade(row.reviews.map((review) => review.score)),
    answers: row.answers.map((answer) => ({
      questionKey: answer.questionKey,
      value: answer.value,
      skipped: answer.skipped,
      mediaFile: answer.mediaFile,
    })),
  }));
}
