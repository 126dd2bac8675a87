import { DateTime } from 'luxon';
import { openExercise } from '../conversation/flows/exercise.ts';
import { deadlineInstant, parseDeadlineRule } from '../domain/calendar-rule.ts';
import type { Language } from '../domain/programme/language.ts';
import type { Translate } from '../i18n.ts';
import { createConversationStore } from '../store/conversation-store.ts';
import type { Database } from '../store/database.ts';
import { AmbiguousReferenceError, NotFoundError } from '../store/errors.ts';
import { addOutboundMessages } from '../store/outbox.ts';
import { personView, preferredIdentity } from '../store/person-view.ts';
import type { JobQueues } from './job-queues.ts';

export interface ReleaseDependencies {
  db: Database;
  queues: JobQueues;
  translate: Translate;
  defaultLanguage: Language;
  now: () => Date;
  mediaDir: string;
}

/**
 * Releases an exercise now to every active participant of a cohort (or of all the programme's
 * cohorts): each gets a submission, with the deadline computed in their own time zone, and the
 * introduction and first question. Releasing again sends nothing to those who already have it.
 */
export async function releaseExercise(
  deps: ReleaseDependencies,
  request: { exercise: string; cohort?: string },
): Promise<{ released: number; already: number }> {
  const { db, now } = deps;
  const exercises = await db.exercise.findMany({
    where: { OR: [{ id: request.exercise }, { key: request.exercise }] },
    include: { phase: true, programme: { include: { cohorts: true } } },
  });
  const exercise = exercises.find((e) => e.id === request.exercise) ?? exercises[0];
  if (!exercise) throw new NotFoundError(`no exercise has the id or key "${request.exercise}"`);
  if (exercises.length > 1 && exercise.id !== request.exercise) {
    throw new AmbiguousReferenceError(`several exercises have the key "${request.exercise}"; give its id: ${exercises.map((e) => e.id).join(', ')}`);
  }
  const cohorts = request.cohort
    ? exercise.programme.cohorts.filter((c) => c.id === request.cohort || c.key === request.cohort)
    : exercise.programme.cohorts;
  if (cohorts.length === 0) throw new NotFoundError(`the programme of ${exercise.key} has no cohort "${request.cohort}"`);
  const deadlineRule = parseDeadlineRule(exercise.deadlineRule);
  if (!deadlineRule.ok) throw new Error(`exercise ${exercise.key}: ${deadlineRule.error}`);
  const phaseStart = exercise.phase.startsOn.toISOString().slice(0, 10);

  const enrolments = await db.enrolment.findMany({
    where: { cohortId: { in: cohorts.map((c) => c.id) }, role: 'participant', status: 'active', person: { optedOutAt: null, erasedAt: null } },
    select: { id: true, personId: true },
  });
  let released = 0;
  let already = 0;
  for (const enrolment of enrolments) {
    const outbound = await db.$transaction(async (tx) => {
      const existing = await tx.submission.findUnique({ where: { exerciseId_enrolmentId: { exerciseId: exercise.id, enrolmentId: enrolment.id } } });
      if (existing && existing.status !== 'planned') return null;
      const person = await personView(tx, enrolment.personId);
      const releaseAt = now();
      const deadlineAt = deadlineInstant(phaseStart, deadlineRule.rule, DateTime.fromJSDate(releaseAt), person.timeZone).toJSDate();
      const data = { status: 'open' as const, releaseAt, releasedAt: releaseAt, deadlineAt: deadlineAt > releaseAt ? deadlineAt : new Date(releaseAt.getTime() + 24 * 3600_000) };
      const submission = existing
        ? await tx.submission.update({ where: { id: existing.id }, data })
        : await tx.submission.create({ data: { exerciseId: exercise.id, enrolmentId: enrolment.id, ...data } });
      await tx.exercise.updateMany({ where: { id: exercise.id, releasedAt: null }, data: { releasedAt: releaseAt } });
      const store = createConversationStore(tx, { mediaDir: deps.mediaDir });
      const view = (await store.submissions(enrolment.personId)).find((s) => s.id === submission.id)!;
      const messages = await openExercise(view, { person, defaultLanguage: deps.defaultLanguage, translate: deps.translate, store, now });
      const identity = await preferredIdentity(tx, enrolment.personId);
      if (!identity) return [];
      return addOutboundMessages(
        tx,
        messages.map((message, index) => ({
          personId: enrolment.personId,
          channelIdentityId: identity,
          purpose: 'exercise_release',
          dedupKey: `release-${submission.id}-${index}`,
          payload: message.payload,
        })),
        now(),
      );
    });
    if (outbound === null) {
      already++;
      continue;
    }
    released++;
    await deps.queues.deliverOutbound(outbound, now());
  }
  return { released, already };
}
