import type { FastifyInstance } from 'fastify';
import { releaseExercise } from '../../jobs/release-exercise.ts';
import { recordStaffAction } from '../../store/audit/record-staff-action.ts';
import { previewExerciseRelease } from '../../store/exercises/preview-exercise-release.ts';
import { assertStaff, viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { adminTranslate, renderPage } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { releasePreviewBody, releaseResultBody } from './release-now-view.ts';

type CohortParams = { Params: { cohortId: string } };

/**
 * Releasing an exercise now, from the cohort's operations (staff of the cohort only): GET
 * …/operations/release?exercise=<id> shows who would get it, who already has it and who will
 * not (paused, offline, not joined), and what the quiet hours hold; POST releases it with the
 * same `releaseExercise` as `compagnon release`, audited, and says what went out.
 */
export function registerReleaseNowRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<CohortParams & { Querystring: { exercise?: string } }>(
    '/admin/cohorts/:cohortId/operations/release',
    async (request, reply) => {
      const { viewer } = request;
      assertStaff(viewer);
      const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
      const exerciseId = exerciseOf(request.query.exercise);
      const t = adminTranslate(deps, viewer);
      const now = deps.now();
      const preview = await previewExerciseRelease(deps.db, { exerciseId, cohortId, now });
      const title = t('dashboard-operations:release.preview_title', {
        exercise: localizedText(preview.exercise.title, viewer.language) || preview.exercise.key,
      });
      return reply
        .type('text/html; charset=utf-8')
        .send(renderPage(viewer, t, { title, section: 'cohorts', body: releasePreviewBody(preview, viewer, t, now) }));
    },
  );

  app.post<CohortParams>('/admin/cohorts/:cohortId/operations/release', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const exerciseId = exerciseOf(body.exercise);
    const t = adminTranslate(deps, viewer);
    // 404 for an exercise of another programme, before anything is released.
    const preview = await previewExerciseRelease(deps.db, { exerciseId, cohortId, now: deps.now() });
    const result = await releaseExercise(deps, { exercise: exerciseId, cohort: cohortId });
    await recordStaffAction(deps.db, {
      actorId: viewer.personId,
      action: 'exercise.release',
      entity: 'Cohort',
      entityId: cohortId,
      details: { exerciseId, exercise: preview.exercise.key, count: result.released, already: result.already },
    });
    request.log.info(
      { cohortId, exerciseId, released: result.released, already: result.already },
      'exercise released from the dashboard',
    );
    const title = t('dashboard-operations:release.result_title', {
      exercise: localizedText(preview.exercise.title, viewer.language) || preview.exercise.key,
    });
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title, section: 'cohorts', body: releaseResultBody(cohortId, result, viewer, t) }));
  });
}

function exerciseOf(value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new BadRequestError('no exercise chosen', { key: 'dashboard-operations:release.exercise_missing' });
  return value;
}
