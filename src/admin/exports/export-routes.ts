import type { FastifyInstance, FastifyReply } from 'fastify';
import { assertCanSeePerson } from '../../store/access/assert-can-see-person.ts';
import { recordStaffAction } from '../../store/audit/record-staff-action.ts';
import { findCohortKey } from '../../store/cohorts/find-cohort-key.ts';
import { findCohortTimeZone } from '../../store/cohorts/find-cohort-time-zone.ts';
import { loadCohortScores } from '../../store/cohorts/load-cohort-scores.ts';
import { exportPersonData } from '../../store/people/export-person-data.ts';
import { listParticipantsForExport } from '../../store/people/list-participants-for-export.ts';
import { listVisibleParticipants } from '../../store/people/list-visible-participants.ts';
import { listSubmissionsForExport } from '../../store/submissions/list-submissions-for-export.ts';
import { assertCanSeeCohort, assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { adminTranslate } from '../layout.ts';
import type { MenteeInCohort, Viewer } from '../viewer.ts';
import type { ExportTable } from './export-table.ts';
import { participantsTable } from './participants-table.ts';
import { scoresTable } from './scores-table.ts';
import { submissionsTable } from './submissions-table.ts';
import { toCsv } from './to-csv.ts';
import { toXlsx } from './to-xlsx.ts';

const COHORT_EXPORTS = ['participants', 'submissions', 'scores'] as const;
type CohortExport = (typeof COHORT_EXPORTS)[number];

/** The content type of a workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Downloads: participants, submissions and scores of a cohort, each as .csv and as .xlsx (staff
 * get the whole cohort, a mentor only their mentees, a trainer their hubs' participants: the rows
 * are filtered here, not in the browser), and a
 * person's data as JSON for a data-protection request (staff only, and only what of that person
 * is in the staff member's cohorts). Each download is audited:
 * it carries personal data out of the service.
 */
export function registerExportRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  for (const kind of COHORT_EXPORTS) {
    for (const format of ['csv', 'xlsx'] as const) {
      app.get<{ Querystring: { cohort?: string } }>(`/admin/exports/${kind}.${format}`, async (request, reply) => {
        const { viewer } = request;
        const cohortId = request.query.cohort;
        if (!cohortId)
          throw new BadRequestError('the cohort is missing: add ?cohort=<id>', {
            key: 'dashboard:error_export_cohort_missing',
          });
        assertCanSeeCohort(viewer, cohortId);
        const cohortKey = await findCohortKey(deps.db, cohortId);
        const table = await buildTable(kind, cohortId, viewer, deps);
        await recordStaffAction(deps.db, {
          actorId: viewer.personId,
          action: `export.${format}`,
          entity: 'Cohort',
          entityId: cohortId,
          details: { file: `${kind}.${format}`, role: viewer.role },
        });
        const fileName = `${kind}-${cohortKey}-${day(deps.now())}.${format}`;
        if (format === 'csv')
          return download(reply, fileName, 'text/csv; charset=utf-8', toCsv(table.header, table.rows));
        const timeZone = await findCohortTimeZone(deps.db, cohortId);
        const workbook = await toXlsx(table, { timeZone, language: viewer.language, sheet: kind });
        return download(reply, fileName, XLSX_TYPE, workbook);
      });
    }
  }

  app.get<{ Params: { personId: string } }>('/admin/people/:personId/export.json', async (request, reply) => {
    const { viewer } = request;
    const { personId } = request.params;
    assertStaff(viewer);
    await assertCanSeePerson(deps.db, viewer, personId);
    // Only what the viewer may see of the person: they may also be enrolled in another programme.
    const data = await exportPersonData(deps.db, personId, { scope: viewer, now: deps.now() });
    await recordStaffAction(deps.db, {
      actorId: viewer.personId,
      action: 'person.export',
      entity: 'Person',
      entityId: personId,
      details: { complete: data.complete },
    });
    return download(
      reply,
      `person-${personId}-${day(deps.now())}.json`,
      'application/json; charset=utf-8',
      JSON.stringify(data, null, 2),
    );
  });
}

async function buildTable(
  kind: CohortExport,
  cohortId: string,
  viewer: Viewer,
  deps: AdminDependencies,
): Promise<ExportTable> {
  const t = adminTranslate(deps, viewer);
  const format = { language: viewer.language, t };
  switch (kind) {
    case 'participants':
      return participantsTable(await listParticipantsForExport(deps.db, { cohortId, scope: viewer }), format);
    case 'submissions':
      return submissionsTable(await listSubmissionsForExport(deps.db, { cohortId, scope: viewer }), format);
    case 'scores':
      return scoresTable(
        await loadCohortScores(deps.db, {
          cohortId,
          now: deps.now(),
          // A mentor's rows are their mentees' only; a trainer's, their hubs' participants (and mentees).
          ...(viewer.mentees && { personIds: await visiblePeopleIn(deps, viewer, cohortId) }),
        }),
        { t },
      );
  }
}

/** A mentor's mentees in this cohort: mentored elsewhere is not mentored here. */
function menteesIn(mentees: MenteeInCohort[], cohortId: string): string[] {
  return mentees.filter((mentee) => mentee.cohortId === cohortId).map((mentee) => mentee.menteeId);
}

/** Whom a mentor or trainer sees in this cohort: a trainer's hubs are read through `visibleEnrolments`. */
async function visiblePeopleIn(deps: AdminDependencies, viewer: Viewer, cohortId: string): Promise<string[]> {
  if (viewer.hubs === null) return menteesIn(viewer.mentees ?? [], cohortId);
  const visible = await listVisibleParticipants(deps.db, viewer);
  return visible.filter((row) => row.cohortId === cohortId).map((row) => row.person.id);
}

/** A file to save, never to show or keep in a cache: it holds personal data. */
export function download(reply: FastifyReply, fileName: string, type: string, body: string | Buffer): FastifyReply {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

function day(at: Date): string {
  return at.toISOString().slice(0, 10);
}
