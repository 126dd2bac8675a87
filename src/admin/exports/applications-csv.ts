import type { FastifyInstance } from 'fastify';
import { applicationCallJson } from '../../domain/applications/application-call.ts';
import { findViewerCall } from '../../store/applications/find-viewer-call.ts';
import { listApplicationsForExport } from '../../store/applications/list-applications-for-export.ts';
import { recordStaffAction } from '../../store/audit/record-staff-action.ts';
import { assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { adminTranslate } from '../layout.ts';
import { readApplicationFilters, type ApplicationsQuery } from '../pages/application-filters.ts';
import { applicationsTable } from './applications-table.ts';
import { download } from './export-routes.ts';
import { toCsv } from './to-csv.ts';

/**
 * GET /admin/applications.csv (staff) — the applications of the list's call under the same
 * filters, one row each with its answers as columns. Audited: it carries personal data out.
 */
export function registerApplicationsCsv(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: ApplicationsQuery }>('/admin/applications.csv', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const call = await findViewerCall(deps.db, viewer.programmeIds, request.query.call || undefined);
    const filters = readApplicationFilters(request.query);
    const applications = await listApplicationsForExport(deps.db, {
      callId: call.id,
      filters,
      viewerId: viewer.personId,
    });
    const table = applicationsTable(applications, applicationCallJson.questions.parse(call.questions), {
      language: viewer.language,
      t: adminTranslate(deps, viewer),
    });
    await recordStaffAction(deps.db, {
      actorId: viewer.personId,
      action: 'export.csv',
      entity: 'Cohort',
      entityId: call.cohortId,
      details: { file: 'applications.csv', role: viewer.role, rows: applications.length },
    });
    const day = deps.now().toISOString().slice(0, 10);
    return download(reply, `applications-${day}.csv`, 'text/csv; charset=utf-8', toCsv(table.header, table.rows));
  });
}
