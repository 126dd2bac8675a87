import type { Database } from '../database.ts';
import {
  APPLICATION_ROW_SELECT,
  applicationRow,
  applicationsWhere,
  type ApplicationFilters,
  type ApplicationRow,
} from './list-applications.ts';

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
    select: {
      ...APPLICATION_ROW_SELECT,
      answers: { include: { mediaFile: { select: { id: true, mimeType: true } } } },
    },
  });
  return rows.map((row) => ({
    ...applicationRow(row),
    answers: row.answers.map((answer) => ({
      questionKey: answer.questionKey,
      value: answer.value,
      skipped: answer.skipped,
      mediaFile: answer.mediaFile,
    })),
  }));
}
