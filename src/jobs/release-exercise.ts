import { DateTime } from 'luxon';
import type { ConversationStore, FlowState, PersonView, SubmissionView } from '../conversation/conversation-context.ts';
import { openExercise } from '../conversation/flows/exercise.ts';
import { deadlineInstant, parseDeadlineRule } from '../domain/calendar-rule.ts';
import { nextReminder } from '../domain/plan-submission.ts';
import { isLanguage, type Language } from '../domain/programme/language.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import type { Translate } from '../i18n.ts';
import { createConversationStore, exerciseView } from '../store/conversation-store.ts';
import type { Database } from '../store/database.ts';
import type { Prisma } from '../store/generated/client.ts';
import { AmbiguousReferenceError, NotFoundError } from '../store/errors.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../store/outbox/outbox.ts';
import { personView, preferredIdentity } from '../store/people/person-view.ts';
import type { JobQueues } from './job-queues.ts';
import { FOLLOWED_STATUSES } from '../domain/followed-statuses.ts';

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
    throw new AmbiguousReferenceError(
      `several exercises have the key "${request.exercise}"; give its id: ${exercises.map((e) => e.id).join(', ')}`,
    );
  }
  const cohorts = request.cohort
    ? exercise.programme.cohorts.filter((c) => c.id === request.cohort || c.key === request.cohort)
    : exercise.programme.cohorts;
  if (cohorts.length === 0)
    throw new NotFoundError(`the programme of ${exercise.key} has no cohort "${request.cohort}"`);
  const deadlineRule = parseDeadlineRule(exercise.deadlineRule);
  if (!deadlineRule.ok) throw new Error(`exercise ${exercise.key}: ${deadlineRule.error}`);
  const phaseStart = exercise.phase.startsOn.toISOString().slice(0, 10);

  const enrolments = await db.enrolment.findMany({
    where: {
      cohortId: { in: cohorts.map((c) => c.id) },
      role: 'participant',
      status: { in: [...FOLLOWED_STATUSES] },
      joinedAt: { not: null },
      person: { optedOutAt: null, erasedAt: null },
    },
    select: { id: true, personId: true },
  });
  let released = 0;
  let already = 0;
  for (const enrolment of enrolments) {
    const outbound = await db.$transaction(async (tx) => {
      const existing = await tx.submission.findUnique({
        where: { exerciseId_enrolmentId: { exerciseId: exercise.id, enrolmentId: enrolment.id } },
      });
      if (existing && existing.status !== 'planned') return null;
      const person = await personView(tx, enrolment.personId);
      const releaseAt = now();
      const deadlineAt = deadlineInstant(
        phaseStart,
        deadlineRule.rule,
        DateTime.fromJSDate(releaseAt),
        person.timeZone,
      ).toJSDate();
      const due = deadlineAt > releaseAt ? deadlineAt : new Date(releaseAt.getTime() + 24 * 3600_000);
      const data = {
        status: 'open' as const,
        releaseAt,
        releasedAt: releaseAt,
        deadlineAt: due,
        nextReminderAt: nextReminder(due, exercise.reminderOffsets, releaseAt),
      };
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
  const messages = await openExercise(opened, {
    person: view,
    defaultLanguage: deps.defaultLanguage,
    translate: deps.translate,
    store,
    now,
  });
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

/** A submission just claimed for release (planned → open, releasedAt set), as it now stands. */
export interface ReleasedSubmission {
  id: string;
  exerciseId: string;
  personId: string;
  status: SubmissionView['status'];
  late: boolean;
  currentPosition: number;
  releaseAt: Date;
  deadlineAt: Date;
  submittedAt: Date | null;
}

/**
 * What `sendReleaseMessages` does, for many released submissions at once (those due at one
 * instant), in a few statements whatever their number: one read each of the people, their
 * conversation states and their channels, one write of the states, one of the outbox.
 */
export async function sendReleaseMessagesInBulk(
  tx: Prisma.TransactionClient,
  deps: Pick<ReleaseDependencies, 'translate' | 'defaultLanguage' | 'now' | 'mediaDir'>,
  released: ReleasedSubmission[],
): Promise<OutboxRow[]> {
  if (released.length === 0) return [];
  const { now } = deps;
  const exerciseIds = [...new Set(released.map((s) => s.exerciseId))];
  const personIds = [...new Set(released.map((s) => s.personId))];
  await tx.exercise.updateMany({ where: { id: { in: exerciseIds }, releasedAt: null }, data: { releasedAt: now() } });
  const exercises = new Map(
    (
      await tx.exercise.findMany({
        where: { id: { in: exerciseIds } },
        include: { questions: { orderBy: { position: 'asc' } }, programme: { select: { settings: true } } },
      })
    ).map((exercise) => [exercise.id, exercise]),
  );
  const people = await peopleByIds(tx, personIds);
  const states = new Map(
    (await tx.conversationState.findMany({ where: { personId: { in: personIds } } })).map((row) => [
      row.personId,
      { flow: row.flow, step: row.step, data: row.data as Record<string, unknown> },
    ]),
  );
  const identities = await preferredIdentities(tx, personIds);
  // The conversation decides what to say and which state to leave; states are written together after.
  const newStates = new Map<string, FlowState>();
  const store: ConversationStore = {
    ...createConversationStore(tx, { mediaDir: deps.mediaDir }),
    getState: (personId) => Promise.resolve(newStates.get(personId) ?? states.get(personId) ?? null),
    setState: (personId, state) => {
      newStates.set(personId, state);
      return Promise.resolve();
    },
  };
  const outbound: NewOutboundMessage[] = [];
  for (const submission of released) {
    const exercise = exercises.get(submission.exerciseId)!;
    const person = people.get(submission.personId)!;
    const view: SubmissionView = {
      ...submission,
      // Just released: nothing answered yet.
      answers: [],
      exercise: exerciseView(exercise),
    };
    const messages = await openExercise(view, {
      person,
      defaultLanguage: deps.defaultLanguage,
      translate: deps.translate,
      store,
      now,
    });
    const identity = identities.get(submission.personId);
    if (!identity) continue;
    const settings = exercise.programme.settings as unknown as ProgrammeSettings;
    const plannedAt = outsideQuietHours(now(), settings.quietHours, person.timeZone);
    messages.forEach((message, index) =>
      outbound.push({
        personId: submission.personId,
        channelIdentityId: identity,
        purpose: 'exercise_release',
        dedupKey: `release-${submission.id}-${index}`,
        plannedAt,
        payload: message.payload,
      }),
    );
  }
  await writeStates(tx, newStates, now());
  return addOutboundMessages(tx, outbound, now());
}

/** What `personView` gives, for many people in one statement. */
async function peopleByIds(tx: Prisma.TransactionClient, personIds: string[]): Promise<Map<string, PersonView>> {
  const rows = await tx.$queryRaw<
    (Omit<PersonView, 'timeZone' | 'locale'> & {
      locale: string | null;
      timeZone: string | null;
      hubZone: string | null;
      programmeZone: string | null;
    })[]
  >`
    SELECT p.id, p.locale, p."displayName", p.roles::text[] AS roles, p."hubId", p."timeZone", h."timeZone" AS "hubZone", p."optedOutAt", p."erasedAt",
      (SELECT pr.settings->>'timeZone' FROM "Enrolment" e JOIN "Cohort" c ON c.id = e."cohortId" JOIN "Programme" pr ON pr.id = c."programmeId"
       WHERE e."personId" = p.id ORDER BY e."createdAt" LIMIT 1) AS "programmeZone"
    FROM "Person" p LEFT JOIN "Hub" h ON h.id = p."hubId"
    WHERE p.id = ANY(${personIds}::text[])`;
  return new Map(
    rows.map(({ hubZone, programmeZone, ...row }) => [
      row.id,
      {
        ...row,
        locale: isLanguage(row.locale) ? row.locale : null,
        timeZone: row.timeZone ?? hubZone ?? programmeZone ?? 'UTC',
      },
    ]),
  );
}

/** What `preferredIdentity` gives, for many people in one statement. */
async function preferredIdentities(tx: Prisma.TransactionClient, personIds: string[]): Promise<Map<string, string>> {
  const rows = await tx.$queryRaw<{ personId: string; id: string }[]>`
    SELECT DISTINCT ON ("personId") "personId", id FROM "ChannelIdentity"
    WHERE "personId" = ANY(${personIds}::text[]) AND "unreachableAt" IS NULL
    ORDER BY "personId", "lastInboundAt" DESC NULLS LAST, "createdAt" DESC`;
  return new Map(rows.map((row) => [row.personId, row.id]));
}

/** Conversation states, in one statement, in the order of their key (no deadlock with another batch). */
async function writeStates(tx: Prisma.TransactionClient, states: Map<string, FlowState>, now: Date): Promise<void> {
  if (states.size === 0) return;
  const rows = [...states].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await tx.$executeRaw`
    INSERT INTO "ConversationState" ("personId", flow, step, data, "updatedAt")
    SELECT person_id, flow, step, data, ${now} FROM unnest(${rows.map(([id]) => id)}::text[], ${rows.map(([, s]) => s.flow)}::text[],
      ${rows.map(([, s]) => s.step)}::text[], ${rows.map(([, s]) => JSON.stringify(s.data))}::jsonb[]) AS s(person_id, flow, step, data)
    ON CONFLICT ("personId") DO UPDATE SET flow = excluded.flow, step = excluded.step, data = excluded.data, "updatedAt" = excluded."updatedAt"`;
}
