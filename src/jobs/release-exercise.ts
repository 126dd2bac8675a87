import { DateTime } from 'luxon';
import type { ConversationStore, FlowState, PersonView, SubmissionView } from '../conversation/conversation-context.ts';
import { openExercise } from '../conversation/flows/exercise.ts';
import { deadlineInstant, parseDeadlineRule } from '../domain/calendar-rule.ts';
import { nextReminder } from '../domain/plan-submission.ts';
import type { Language } from '../domain/programme/language.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { outsideQuietHours, type QuietHours } from '../domain/quiet-hours.ts';
import type { Translate } from '../i18n.ts';
import { createConversationStore } from '../store/conversation-store.ts';
import type { Database } from '../store/database.ts';
import { findExerciseToRelease } from '../store/exercises/find-exercise-to-release.ts';
import { markExercisesReleased } from '../store/exercises/mark-exercises-released.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../store/outbox/outbox.ts';
import { personView, preferredIdentity } from '../store/people/person-view.ts';
import type { ReleasedSubmission } from '../store/submissions/claim-due-releases.ts';
import { listReleaseEnrolments } from '../store/submissions/list-release-enrolments.ts';
import { loadReleaseRecipients } from '../store/submissions/load-release-recipients.ts';
import { markSubmissionReleased } from '../store/submissions/mark-submission-released.ts';
import { openSubmission } from '../store/submissions/open-submission.ts';
import type { ReleaseTransaction } from '../store/submissions/release-transaction.ts';
import { writeReleaseMessages } from '../store/submissions/write-release-messages.ts';
import type { JobQueues } from './job-queues.ts';

export interface ReleaseDependencies {
  db: Database;
  queues: JobQueues;
  translate: Translate;
  defaultLanguage: Language;
  now: () => Date;
  mediaDir: string;
}

/** Release messages planned after the quiet hours rather than now: what the person releasing must be told. */
export interface HeldByQuietHours {
  messages: number;
  people: number;
  /** When the first and the last of them go. */
  first: Date;
  last: Date;
  quietHours: QuietHours;
  /** The programme's zone, to say those times in. */
  timeZone: string;
}

/**
 * Releases an exercise now to every active participant of a cohort (or of all the programme's
 * cohorts): each gets a submission, with the deadline computed in their own time zone, and the
 * introduction and first question. Releasing again sends nothing to those who already have it.
 * `held` says what waits for the end of the quiet hours (absent when nothing does).
 */
export async function releaseExercise(
  deps: ReleaseDependencies,
  request: { exercise: string; cohort?: string },
): Promise<{ released: number; already: number; held?: HeldByQuietHours }> {
  const { db, now } = deps;
  const exercise = await findExerciseToRelease(db, request);
  const deadlineRule = parseDeadlineRule(exercise.deadlineRule);
  if (!deadlineRule.ok) throw new Error(`exercise ${exercise.key}: ${deadlineRule.error}`);
  // Released now, due by the rule's deadline in the person's own zone, or in a day if that has passed.
  const schedule = (person: PersonView) => {
    const releaseAt = now();
    const deadlineAt = deadlineInstant(
      exercise.phaseStartsOn,
      deadlineRule.rule,
      DateTime.fromJSDate(releaseAt),
      person.timeZone,
    ).toJSDate();
    const due = deadlineAt > releaseAt ? deadlineAt : new Date(releaseAt.getTime() + 24 * 3600_000);
    return { releaseAt, deadlineAt: due, nextReminderAt: nextReminder(due, exercise.reminderOffsets, releaseAt) };
  };
  let released = 0;
  let already = 0;
  const heldAt: Date[] = [];
  let heldPeople = 0;
  let settings: ProgrammeSettings | undefined;
  for (const enrolment of await listReleaseEnrolments(db, exercise.cohortIds)) {
    const outbound = await openSubmission(
      db,
      { exerciseId: exercise.id, enrolmentId: enrolment.id, personId: enrolment.personId },
      schedule,
      (tx, submissionId, person) =>
        sendReleaseMessages(tx, deps, submissionId, enrolment.personId, person, (read) => (settings = read)),
    );
    if (outbound === null) {
      already++;
      continue;
    }
    released++;
    const waiting = outbound.filter((row) => row.plannedAt > now()).map((row) => row.plannedAt);
    if (waiting.length > 0) heldPeople++;
    heldAt.push(...waiting);
    await deps.queues.deliverOutbound(outbound, now());
  }
  if (heldAt.length === 0 || !settings?.quietHours) return { released, already };
  const times = heldAt.map((at) => at.getTime());
  return {
    released,
    already,
    held: {
      messages: heldAt.length,
      people: heldPeople,
      first: new Date(Math.min(...times)),
      last: new Date(Math.max(...times)),
      quietHours: settings.quietHours,
      timeZone: settings.timeZone,
    },
  };
}

/**
 * Opens a released submission in chat: the exercise's introduction and first question, planned
 * outside the programme's quiet hours in the person's time zone. Marks the exercise released.
 */
async function sendReleaseMessages(
  tx: ReleaseTransaction,
  deps: Pick<ReleaseDependencies, 'translate' | 'defaultLanguage' | 'now' | 'mediaDir'>,
  submissionId: string,
  personId: string,
  person?: PersonView,
  onSettings?: (settings: ProgrammeSettings) => void,
): Promise<OutboxRow[]> {
  const { now } = deps;
  const view = person ?? (await personView(tx, personId));
  const settings = await markSubmissionReleased(tx, submissionId, now());
  onSettings?.(settings);
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

/**
 * What `sendReleaseMessages` does, for many released submissions at once (those due at one
 * instant), in a few statements whatever their number: one read each of the people, their
 * conversation states and their channels, one write of the states, one of the outbox.
 */
export async function sendReleaseMessagesInBulk(
  tx: ReleaseTransaction,
  deps: Pick<ReleaseDependencies, 'translate' | 'defaultLanguage' | 'now' | 'mediaDir'>,
  released: ReleasedSubmission[],
): Promise<OutboxRow[]> {
  if (released.length === 0) return [];
  const { now } = deps;
  const exerciseIds = [...new Set(released.map((s) => s.exerciseId))];
  const personIds = [...new Set(released.map((s) => s.personId))];
  await markExercisesReleased(tx, exerciseIds, now());
  const { exercises, people, states, identities } = await loadReleaseRecipients(tx, exerciseIds, personIds);
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
      exercise: exercise.view,
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
    const plannedAt = outsideQuietHours(now(), exercise.quietHours, person.timeZone);
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
  return writeReleaseMessages(tx, newStates, outbound, now());
}
