import type { FastifyInstance } from 'fastify';
import { recordStaffAction } from '../../store/audit/record-staff-action.ts';
import { loadCohortOperations } from '../../store/cohorts/load-cohort-operations.ts';
import { NotFoundError } from '../../store/errors.ts';
import { createOfflinePeriod } from '../../store/offline-periods/create-offline-period.ts';
import { endOfflinePeriod } from '../../store/offline-periods/end-offline-period.ts';
import { listOfflinePeriods } from '../../store/offline-periods/list-offline-periods.ts';
import type { OfflinePeriodRefusal } from '../../store/offline-periods/offline-period-types.ts';
import { previewOfflinePeriod } from '../../store/offline-periods/preview-offline-period.ts';
import { assertStaff, viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { adminTranslate, renderPage } from '../layout.ts';
import { offlineFieldsOf, readOfflinePeriod, type OfflineFieldErrors } from './offline-period-form.ts';
import { offlinePreviewBody } from './offline-period-preview-view.ts';
import { sendOperationsPage } from './operations-page.ts';

type CohortParams = { Params: { cohortId: string } };
type PeriodParams = { Params: { cohortId: string; periodId: string } };

/**
 * Offline periods from the cohort's operations (staff only): GET …/operations/offline previews a
 * period (who it concerns, how many deadlines move) from the form's fields, POST creates it,
 * POST …/offline/:periodId/end ends a current one now or cancels an upcoming one. Each change is
 * audited. A refused period shows the form again with the reason beside its field.
 */
export function registerOfflinePeriodRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<CohortParams & { Querystring: Record<string, string> }>(
    '/admin/cohorts/:cohortId/operations/offline',
    async (request, reply) => {
      const { viewer } = request;
      assertStaff(viewer);
      const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
      const fields = offlineFieldsOf(request.query);
      const choices = await loadCohortOperations(deps.db, cohortId);
      const now = deps.now();
      const read = readOfflinePeriod(fields, choices, now);
      const refuse = (errors: OfflineFieldErrors) => {
        request.log.info({ cohortId, errors }, 'offline period refused');
        return sendOperationsPage(deps, reply, viewer, cohortId, { fields, errors, done: null }, 400);
      };
      if (!read.ok) return refuse(read.errors);
      const preview = await previewOfflinePeriod(deps.db, { cohortId, ...read.request, now });
      if (!preview.ok) return refuse(errorsOf(preview.refusal));
      const t = adminTranslate(deps, viewer);
      const body = offlinePreviewBody({ choices, fields, request: read.request, preview }, viewer, t);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          renderPage(viewer, t, { title: t('dashboard-operations:offline.preview_title'), section: 'cohorts', body }),
        );
    },
  );

  app.post<CohortParams>('/admin/cohorts/:cohortId/operations/offline', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
    const fields = offlineFieldsOf((request.body ?? {}) as Record<string, unknown>);
    const choices = await loadCohortOperations(deps.db, cohortId);
    const now = deps.now();
    const read = readOfflinePeriod(fields, choices, now);
    const refuse = (errors: OfflineFieldErrors) => {
      request.log.info({ cohortId, errors }, 'offline period refused');
      return sendOperationsPage(deps, reply, viewer, cohortId, { fields, errors, done: null }, 400);
    };
    if (!read.ok) return refuse(read.errors);
    const { hubId, personId, startsAt, endsAt, moveDeadlines } = read.request;
    const created = await createOfflinePeriod(deps.db, {
      cohortId,
      hubId,
      personId,
      startsAt,
      endsAt,
      moveDeadlines,
      via: 'dashboard',
      createdById: viewer.personId,
      now,
    });
    if (!created.ok) return refuse(errorsOf(created.refusal));
    await recordStaffAction(deps.db, {
      actorId: viewer.personId,
      action: 'offline_period.create',
      entity: 'Cohort',
      entityId: cohortId,
      details: {
        periodId: created.period.id,
        scope: created.period.scope,
        hubId,
        personId,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        moveDeadlines,
        count: created.people,
        deadlinesMoved: created.deadlinesMoved,
      },
    });
    request.log.info({ cohortId, periodId: created.period.id }, 'offline period created from the dashboard');
    return reply.redirect(`/admin/cohorts/${cohortId}/operations?done=created#offline`, 303);
  });

  app.post<PeriodParams>('/admin/cohorts/:cohortId/operations/offline/:periodId/end', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
    const { periodId } = request.params;
    // Only a period of this cohort: the id alone could name another programme's.
    const periods = await listOfflinePeriods(deps.db, { cohortIds: [cohortId], now: deps.now() });
    const known = [...periods.current, ...periods.upcoming, ...periods.recent].some((p) => p.id === periodId);
    if (!known) throw new NotFoundError(`offline period ${periodId} is not of cohort ${cohortId}`);
    const ended = await endOfflinePeriod(deps.db, { periodId, endedById: viewer.personId, now: deps.now() });
    if (!ended.ok) {
      if (ended.reason === 'not_found') throw new NotFoundError(`offline period ${periodId} not found`);
      return reply.redirect(`/admin/cohorts/${cohortId}/operations?done=already_ended#offline`, 303);
    }
    await recordStaffAction(deps.db, {
      actorId: viewer.personId,
      action: ended.outcome === 'ended' ? 'offline_period.end' : 'offline_period.cancel',
      entity: 'Cohort',
      entityId: cohortId,
      details: { periodId, count: ended.people },
    });
    request.log.info({ cohortId, periodId, outcome: ended.outcome }, 'offline period ended from the dashboard');
    return reply.redirect(`/admin/cohorts/${cohortId}/operations?done=${ended.outcome}#offline`, 303);
  });
}

/** The store's refusal, beside the field it names. */
function errorsOf(refusal: OfflinePeriodRefusal): OfflineFieldErrors {
  const field = refusal.field === 'cohort' ? 'scope' : refusal.field;
  return { [field]: refusal.reason };
}
