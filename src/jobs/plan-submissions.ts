import { z } from 'zod';
import { planSubmission } from '../domain/plan-submission.ts';
import { listExerciseSchedules } from '../store/exercises/list-exercise-schedules.ts';
import { listPlannedReleases } from '../store/submissions/list-planned-releases.ts';
import { planExerciseSubmissions } from '../store/submissions/plan-exercise-submissions.ts';
import { defineJob } from './job-definition.ts';

/** How far ahead the planner queues exact-instant release jobs (it runs every ten minutes). */
const LOOKAHEAD_MS = 10 * 60 * 1000;

/**
 * Plans every exercise for every active participant: one Submission row each, with its release,
 * deadline and first reminder computed in the participant's own time zone. Rows already there
 * are left alone (the unique index makes a second run add nothing), so the planner runs often
 * and newcomers are planned within minutes of joining.
 *
 * Why rows and sweeps rather than one BullMQ job scheduler per release: every participant has
 * their own instant (four time zones, daylight saving in Paris), pausing a cohort or a person
 * must stop what is due, and a row claimed with a conditional update is sent once across
 * restarts of any process. Job schedulers drive the sweeps themselves.
 */
export const planSubmissions = defineJob({
  name: 'plan-submissions',
  payload: z.object({}),
  repeat: { pattern: '*/10 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, logger, now, queues }) => {
    let planned = 0;
    for (const exercise of await listExerciseSchedules(db)) {
      planned += await planExerciseSubmissions(
        db,
        exercise,
        (timeZone) => planSubmission(exercise.schedule, timeZone),
        now(),
      );
    }
    // Releases within the next minutes get their exact-instant job now; later ones, from the sweep.
    const soon = await listPlannedReleases(db, { until: new Date(now().getTime() + LOOKAHEAD_MS) });
    await queues.releaseSubmissions(soon, now());
    if (planned > 0) logger.info({ planned }, 'submissions planned');
    return { planned };
  },
});
