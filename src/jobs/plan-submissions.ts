import { z } from 'zod';
import { planSubmission } from '../domain/plan-submission.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { defineJob } from './job-definition.ts';

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
    const exercises = await db.exercise.findMany({ include: { phase: true, programme: { select: { settings: true } } } });
    let planned = 0;
    for (const exercise of exercises) {
      const enrolments = await db.enrolment.findMany({
        where: { role: 'participant', status: 'active', cohort: { programmeId: exercise.programmeId }, submissions: { none: { exerciseId: exercise.id } } },
        select: { id: true, person: { select: { timeZone: true, hub: { select: { timeZone: true } } } } },
      });
      if (enrolments.length === 0) continue;
      const schedule = {
        phaseStartsOn: exercise.phase.startsOn.toISOString().slice(0, 10),
        releaseRule: exercise.releaseRule,
        deadlineRule: exercise.deadlineRule,
        reminderOffsets: exercise.reminderOffsets,
      };
      const programmeZone = (exercise.programme.settings as unknown as ProgrammeSettings).timeZone;
      const rows = enrolments.map((enrolment) => {
        const timeZone = enrolment.person.timeZone ?? enrolment.person.hub?.timeZone ?? programmeZone;
        return { exerciseId: exercise.id, enrolmentId: enrolment.id, ...planSubmission(schedule, timeZone) };
      });
      const { count } = await db.submission.createMany({ data: rows, skipDuplicates: true });
      planned += count;
    }
    // Releases within the next minutes get their exact-instant job now; later ones, from the sweep.
    const soon = await db.submission.findMany({
      where: { status: 'planned', releaseAt: { lte: new Date(now().getTime() + 10 * 60 * 1000) } },
      select: { id: true, releaseAt: true },
    });
    await queues.releaseSubmissions(soon, now());
    if (planned > 0) logger.info({ planned }, 'submissions planned');
    return { planned };
  },
});
