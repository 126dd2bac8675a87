import type { FastifyInstance } from 'fastify';
import { releaseExercise, type HeldByQuietHours } from '../../jobs/release-exercise.ts';
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
    // Answered by a page of its own (303): reloading it, or switching its language, releases nothing again.
    const done = new URLSearchParams({
      exercise: exerciseId,
      released: String(result.released),
      already: String(result.already),
    });
    if (result.held) {
      const { held } = result;
      done.set(
        'held',
        [
          held.messages,
          held.people,
          held.first.toISOString(),
          held.last.toISOString(),
          held.timeZone,
          held.quietHours.from,
          held.quietHours.to,
        ].join('|'),
      );
    }
    return reply.redirect(`/admin/cohorts/${cohortId}/operations/release/done?${done.toString()}`, 303);
  });

  app.get<CohortParams & { Querystring: Record<string, string | undefined> }>(
    '/admin/cohorts/:cohortId/operations/release/done',
    async (request, reply) => {
      const { viewer } = request;
      assertStaff(viewer);
      const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
      const exerciseId = exerciseOf(request.query.exercise);
      const t = adminTranslate(deps, viewer);
      const preview = await previewExerciseRelease(deps.db, { exerciseId, cohortId, now: deps.now() });
      const result = {
        released: count(request.query.released),
        already: count(request.query.already),
        ...heldOf(request.query.held),
      };
      const title = t('dashboard-operations:release.result_title', {
        exercise: localizedText(preview.exercise.title, viewer.language) || preview.exercise.key,
      });
      return reply
        .type('text/html; charset=utf-8')
        .send(
          renderPage(viewer, t, { title, section: 'cohorts', body: releaseResultBody(cohortId, result, viewer, t) }),
        );
    },
  );
}

function exerciseOf(value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new BadRequestError('no exercise chosen', { key: 'dashboard-operations:release.exercise_missing' });
  return value;
}

function count(value: string | undefined): number {
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : 0;
}

/** What the quiet hours hold, as the release wrote it into the result page's address. */
function heldOf(value: string | undefined): { held?: HeldByQuietHours } {
  const [messages, people, first, last, timeZone, from, to] = (value ?? '').split('|');
  const firstAt = new Date(first ?? '');
  const lastAt = new Date(last ?? '');
  if (!timeZone || !from || !to || Number.isNaN(firstAt.getTime()) || Number.isNaN(lastAt.getTime())) return {};
  return {
    held: {
      messages: count(messages),
      people: count(people),
      first: firstAt,
      last: lastAt,
      timeZone,
      quietHours: { from, to },
    },
  };
}
