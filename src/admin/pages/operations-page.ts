import type { FastifyInstance, FastifyReply } from 'fastify';
import { recordStaffAction } from '../../store/audit/record-staff-action.ts';
import { loadCohortOperations } from '../../store/cohorts/load-cohort-operations.ts';
import { listCohortExercises } from '../../store/exercises/list-cohort-exercises.ts';
import { listOfflinePeriods } from '../../store/offline-periods/list-offline-periods.ts';
import { pauseCohort } from '../../store/offline-periods/pause-cohort.ts';
import { resumeCohort } from '../../store/offline-periods/resume-cohort.ts';
import { assertStaff, viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { adminTranslate, renderPage } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { offlineFieldsOf, type OfflineFieldErrors, type OfflinePeriodFields } from './offline-period-form.ts';
import { registerOfflinePeriodRoutes } from './offline-period-routes.ts';
import { operationsBody } from './operations-view.ts';
import { registerReleaseNowRoutes } from './release-now-routes.ts';

type CohortParams = { Params: { cohortId: string } };

/** What a redirect back to the page may say was done. */
const DONE = new Set([
  'already_ended',
  'paused',
  'already_paused',
  'resumed',
  'not_paused',
  'created',
  'ended',
  'cancelled',
]);

/**
 * The cohort's operations (staff of the cohort only; mentors and trainers 403, another
 * programme's staff 404): GET /admin/cohorts/:id/operations, pausing and resuming the schedule
 * (…/pause, …/resume, audited), and the routes of releasing now and of offline periods.
 */
export function registerOperationsPages(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<CohortParams & { Querystring: { done?: string; person?: string } }>(
    '/admin/cohorts/:cohortId/operations',
    async (request, reply) => {
      const { viewer } = request;
      assertStaff(viewer);
      const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
      const done = request.query.done && DONE.has(request.query.done) ? request.query.done : null;
      // ?person=<id>, from a participant's page: the form comes with them chosen.
      const fields = offlineFieldsOf({ person: request.query.person ?? '' }, true);
      return sendOperationsPage(deps, reply, viewer, cohortId, { fields, errors: {}, done });
    },
  );

  app.post<CohortParams>('/admin/cohorts/:cohortId/operations/pause', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
    const result = await pauseCohort(deps.db, {
      cohort: cohortId,
      via: 'dashboard',
      createdById: viewer.personId,
      now: deps.now(),
    });
    if (!result.alreadyPaused)
      await recordStaffAction(deps.db, {
        actorId: viewer.personId,
        action: 'cohort.pause',
        entity: 'Cohort',
        entityId: cohortId,
        details: { periodId: result.periodId },
      });
    request.log.info({ cohortId, alreadyPaused: result.alreadyPaused }, 'cohort paused from the dashboard');
    return reply.redirect(
      `/admin/cohorts/${cohortId}/operations?done=${result.alreadyPaused ? 'already_paused' : 'paused'}#pause`,
      303,
    );
  });

  app.post<CohortParams>('/admin/cohorts/:cohortId/operations/resume', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const moveDeadlines = body.move === '1' || body.move === 'on';
    const result = await resumeCohort(deps.db, {
      cohort: cohortId,
      endedById: viewer.personId,
      now: deps.now(),
      moveDeadlines,
    });
    if (result.wasPaused)
      await recordStaffAction(deps.db, {
        actorId: viewer.personId,
        action: 'cohort.resume',
        entity: 'Cohort',
        entityId: cohortId,
        details: { moveDeadlines, count: result.people, deadlinesMoved: result.deadlinesMoved },
      });
    request.log.info({ cohortId, wasPaused: result.wasPaused }, 'cohort resumed from the dashboard');
    return reply.redirect(
      `/admin/cohorts/${cohortId}/operations?done=${result.wasPaused ? 'resumed' : 'not_paused'}#pause`,
      303,
    );
  });

  registerReleaseNowRoutes(app, deps);
  registerOfflinePeriodRoutes(app, deps);
}

/** The operations page, with the offline-period form as given (and its errors, with `status` 400). */
export async function sendOperationsPage(
  deps: AdminDependencies,
  reply: FastifyReply,
  viewer: Viewer,
  cohortId: string,
  state: { fields: OfflinePeriodFields; errors: OfflineFieldErrors; done: string | null },
  status = 200,
): Promise<FastifyReply> {
  const t = adminTranslate(deps, viewer);
  const choices = await loadCohortOperations(deps.db, cohortId);
  const exercises = await listCohortExercises(deps.db, cohortId);
  const periods = await listOfflinePeriods(deps.db, { cohortIds: [cohortId], now: deps.now() });
  const title = t('dashboard-operations:title', { cohort: localizedText(choices.name, viewer.language) });
  const body = operationsBody({ choices, exercises, periods, ...state }, viewer, t);
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(renderPage(viewer, t, { title, section: 'cohorts', body }));
}
