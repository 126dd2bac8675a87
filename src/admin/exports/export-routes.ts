import type { FastifyInstance, FastifyReply } from 'fastify';
import { assertCanSeePerson } from '../../store/access/assert-can-see-person.ts';
import { recordStaffAction } from '../../store/audit/record-staff-action.ts';
import { findCohortKey } from '../../store/cohorts/find-cohort-key.ts';
import { loadCohortScores } from '../../store/cohorts/load-cohort-scores.ts';
import { exportPersonData } from '../../store/people/export-person-data.ts';
import { listParticipantsForExport } from '../../store/people/list-participants-for-export.ts';
import { listSubmissionsForExport } from '../../store/submissions/list-submissions-for-export.ts';
import { assertCanSeeCohort, assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { adminTranslate } from '../layout.ts';
import type { MenteeInCohort, Viewer } from '../viewer.ts';
import { participantsCsv } from './participants-csv.ts';
import { scoresCsv } from './scores-csv.ts';
import { submissionsCsv } from './submissions-csv.ts';

const CSV_EXPORTS = ['participants', 'submissions', 'scores'] as const;
type CsvExport = (typeof CSV_EXPORTS)[number];

/**
 * Downloads: participants.csv, submissions.csv and scores.csv of a cohort (staff get the whole
 * cohort, a mentor only their mentees: the rows are filtered here, not in the browser), and a
 * person's data as JSON for a data-protection request (staff only, and only what of that person
 * is in the staff member's cohorts). Each download is audited:
 * it carries personal data out of the service.
 */
export function registerExportRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  for (const kind of CSV_EXPORTS) {
    app.get<{ Querystring: { cohort?: string } }>(`/admin/exports/${kind}.csv`, async (request, reply) => {
      const { viewer } = request;
      const cohortId = request.query.cohort;
      if (!cohortId)
        throw new BadRequestError('the cohort is missing: add ?cohort=<id>', {
          key: 'dashboard:error_export_cohort_missing',
        });
      assertCanSeeCohort(viewer, cohortId);
      const cohortKey = await findCohortKey(deps.db, cohortId);
      const csv = await buildCsv(kind, cohortId, viewer, deps);
      await recordStaffAction(deps.db, {
        actorId: viewer.personId,
        action: 'export.csv',
        entity: 'Cohort',
        entityId: cohortId,
        details: { file: `${kind}.csv`, role: viewer.role },
      });
      return download(reply, `${kind}-${cohortKey}-${day(deps.now())}.csv`, 'text/csv; charset=utf-8', csv);
    });
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

async function buildCsv(kind: CsvExport, cohortId: string, viewer: Viewer, deps: AdminDependencies): Promise<string> {
  const t = adminTranslate(deps, viewer);
  const format = { language: viewer.language, t };
  switch (kind) {
    case 'participants':
      return participantsCsv(await listParticipantsForExport(deps.db, { cohortId, scope: viewer }), format);
    case 'submissions':
      return submissionsCsv(await listSubmissionsForExport(deps.db, { cohortId, scope: viewer }), format);
    case 'scores':
      return scoresCsv(
        await loadCohortScores(deps.db, {
          cohortId,
          now: deps.now(),
          // A mentor's rows are their mentees' only.
          ...(viewer.mentees && { personIds: menteesIn(viewer.mentees, cohortId) }),
        }),
        { t },
      );
  }
}

/** A mentor's mentees in this cohort: mentored elsewhere is not mentored here. */
function menteesIn(mentees: MenteeInCohort[], cohortId: string): string[] {
  return mentees.filter((mentee) => mentee.cohortId === cohortId).map((mentee) => mentee.menteeId);
}

/** A file to save, never to show or keep in a cache: it holds personal data. */
function download(reply: FastifyReply, fileName: string, type: string, body: string): FastifyReply {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

function day(at: Date): string {
  return at.toISOString().slice(0, 10);
}
