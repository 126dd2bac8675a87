import { DateTime } from 'luxon';
import type { PersonView } from '../conversation/conversation-context.ts';
import { openExercise } from '../conversation/flows/exercise.ts';
import { deadlineInstant, parseDeadlineRule } from '../domain/calendar-rule.ts';
import { nextReminder } from '../domain/plan-submission.ts';
import type { Language } from '../domain/programme/language.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import type { Translate } from '../i18n.ts';
import { createConversationStore } from '../store/conversation-store.ts';
import type { Database } from '../store/database.ts';
import type { Prisma } from '../store/generated/client.ts';
import { AmbiguousReferenceError, NotFoundError } from '../store/errors.ts';
import { addOutboundMessages, type OutboxRow } from '../store/outbox.ts';
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
      const due = deadlineAt > releaseAt ? deadlineAt : new Date(releaseAt.getTime() + 24 * 3600_000);
      const data = { status: 'open' as const, releaseAt, releasedAt: releaseAt, deadlineAt: due, nextReminderAt: nextReminder(due, exercise.reminderOffsets, releaseAt) };
      const submission = existing
        ? await tx.submission.update({ where: { id: existing.id }, data })
        : await tx.submission.create({ data: { exerciseId: exercise.id, enrolmentId: enrolment.id, ...data } });
      return sendReleaseMessages(tx, deps, submission.id, enrolment.personId, person);
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

/**
 * Opens a released submission in chat: the exercise's introduction and first question, planned
 * outside the programme's quiet hours in the person's time zone. Marks the exercise released.
 */
export async function sendReleaseMessages(
  tx: Prisma.TransactionClient,
  deps: Pick<ReleaseDependencies, 'translate' | 'defaultLanguage' | 'now' | 'mediaDir'>,
  submissionId: string,
  personId: string,
  person?: PersonView,
): Promise<OutboxRow[]> {
  const { now } = deps;
  const view = person ?? (await personView(tx, personId));
  const submission = await tx.submission.update({
    where: { id: submissionId },
    data: { releasedAt: now() },
    include: { exercise: { select: { id: true, programme: { select: { settings: true } } } } },
  });
  await tx.exercise.updateMany({ where: { id: submission.exerciseId, releasedAt: null }, data: { releasedAt: now() } });
  const store = createConversationStore(tx, { mediaDir: deps.mediaDir });
  const opened = (await store.submissions(personId)).find((s) => s.id === submissionId)!;
  const messages = await openExercise(opened, { person: view, defaultLanguage: deps.defaultLanguage, translate: deps.translate, store, now });
  const identity = await preferredIdentity(tx, personId);
  if (!identity) return [];
  const settings = submission.exercise.programme.settings as unknown as ProgrammeSettings;
  const plannedAt = outsideQuietHours(now(), settings.quietHours, view.timeZone);
  return addOutboundMessages(
    tx,
    messages.map((message, index) => ({
      personId,
      channelIdentityId: identity,
      purpose: 'exercise_release',
      dedupKey: `release-${submissionId}-${index}`,
      plannedAt,
      payload: message.payload,
    })),
    now(),
  );
}
