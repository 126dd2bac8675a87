import type { FastifyInstance } from 'fastify';
import { recordStaffAction } from '../../store/audit/record-staff-action.ts';
import { NotFoundError } from '../../store/errors.ts';
import { listSessionsForExport } from '../../store/sessions/list-sessions-for-export.ts';
import { visibleVenues } from '../../store/access/visible-venues.ts';
import { assertStaffOrTrainer } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { adminTranslate } from '../layout.ts';
import { download, XLSX_TYPE } from './export-routes.ts';
import { sessionsTable } from './sessions-table.ts';
import { toCsv } from './to-csv.ts';
import { toXlsx } from './to-xlsx.ts';

/**
 * sessions.csv and sessions.xlsx, for staff: every invitation to the sessions of their programmes
 * (or of one, `?programme=<id>`, 404 unless it is theirs), one row per person and session; for a
 * trainer, the invitations to the venues of their hubs only.
 * Audited: it carries personal data (answers, feedback comments) out of the service.
 */
export function registerSessionExportRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  for (const format of ['csv', 'xlsx'] as const) {
    app.get<{ Querystring: { programme?: string } }>(`/admin/exports/sessions.${format}`, async (request, reply) => {
      const { viewer } = request;
      assertStaffOrTrainer(viewer);
      const asked = request.query.programme;
      if (asked && !viewer.programmeIds.includes(asked)) throw new NotFoundError(`programme ${asked} is not visible`);
      const programmeIds = asked ? [asked] : viewer.programmeIds;
      const t = adminTranslate(deps, viewer);
      // A trainer's rows: the invitations to their hubs' venues only.
      const venues = visibleVenues(viewer);
      const table = sessionsTable(await listSessionsForExport(deps.db, { programmeIds, venues }), {
        language: viewer.language,
        t,
      });
      await recordStaffAction(deps.db, {
        actorId: viewer.personId,
        action: 'sessions.export',
        entity: 'Programme',
        entityId: programmeIds.length === 1 ? programmeIds[0] : null,
        details: { file: `sessions.${format}`, programmeIds, rows: table.rows.length },
      });
      const fileName = `sessions-${deps.now().toISOString().slice(0, 10)}.${format}`;
      if (format === 'csv')
        return download(reply, fileName, 'text/csv; charset=utf-8', toCsv(table.header, table.rows));
      const workbook = await toXlsx(table, { timeZone: viewer.timeZone, language: viewer.language, sheet: 'sessions' });
      return download(reply, fileName, XLSX_TYPE, workbook);
    });
  }
}
