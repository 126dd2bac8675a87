import { FOLLOWED_STATUSES } from '../../domain/followed-statuses.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { outsideQuietHours, type QuietHours } from '../../domain/quiet-hours.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/**
 * Why a participant of the cohort does not get the exercise when it is released by hand: the
 * same rules as `listReleaseEnrolments` and `openSubmission`, said one by one.
 */
export type NotReleasedReason = 'already' | 'paused' | 'stopped' | 'not_selected' | 'not_joined' | 'opted_out';

export interface ReleasePreviewPerson {
  personId: string;
  name: string | null;
  hub: LocalizedText | null;
  timeZone: string;
  /** For those who get it: when the quiet hours let the first message go (null: at once). */
  heldUntil: Date | null;
  /** While paused: until when (null for an open-ended pause). */
  pausedUntil: Date | null;
  /** Whether the person has a chat channel the messages can go to. */
  reachable: boolean;
}

export interface ReleasePreview {
  exercise: { id: string; key: string; position: number; title: LocalizedText; releasedAt: Date | null };
  cohort: { id: string; name: LocalizedText; pausedAt: Date | null };
  quietHours: QuietHours | null;
  /** Who the release would open the exercise for, with their local time now. */
  gets: ReleasePreviewPerson[];
  /** Who would not get it, and why (those who already have it first). */
  skipped: (ReleasePreviewPerson & { reason: NotReleasedReason })[];
}

/**
 * Who an exercise released now in a cohort would go to, without writing anything: the people
 * `releaseExercise` opens it for (followed, joined, neither opted out nor erased, no submission
 * released yet), when the quiet hours let it reach each of them, and who it skips and why.
 * NotFoundError when the exercise is not of the cohort's programme.
 */
export async function previewExerciseRelease(
  db: Database,
  request: { exerciseId: string; cohortId: string; now: Date },
): Promise<ReleasePreview> {
  const cohort = await db.cohort.findUnique({
    where: { id: request.cohortId },
    select: { id: true, name: true, pausedAt: true, programmeId: true, programme: { select: { settings: true } } },
  });
  if (!cohort) throw new NotFoundError(`cohort ${request.cohortId} not found`);
  const exercise = await db.exercise.findFirst({
    where: { id: request.exerciseId, programmeId: cohort.programmeId },
    select: { id: true, key: true, position: true, title: true, releasedAt: true },
  });
  if (!exercise) throw new NotFoundError(`exercise ${request.exerciseId} is not of the cohort's programme`);
  const settings = parseProgrammeSettings(cohort.programme.settings);
  const enrolments = await db.enrolment.findMany({
    where: { cohortId: cohort.id, role: 'participant', person: { erasedAt: null } },
    select: {
      status: true,
      joinedAt: true,
      pausedUntil: true,
      person: {
        select: {
          id: true,
          displayName: true,
          timeZone: true,
          optedOutAt: true,
          hub: { select: { name: true, timeZone: true } },
          // Whether one reaches them, picked as preferredIdentity picks the one a release goes to.
          identities: {
            where: { unreachableAt: null },
            orderBy: [{ lastInboundAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
            select: { id: true },
            take: 1,
          },
        },
      },
      submissions: { where: { exerciseId: exercise.id }, select: { status: true } },
    },
    orderBy: { person: { displayName: 'asc' } },
  });
  const gets: ReleasePreviewPerson[] = [];
  const skipped: ReleasePreview['skipped'] = [];
  for (const enrolment of enrolments) {
    const { person } = enrolment;
    const timeZone = personTimeZone(person, settings.timeZone);
    const held = outsideQuietHours(request.now, settings.quietHours, timeZone);
    const row: ReleasePreviewPerson = {
      personId: person.id,
      name: person.displayName,
      hub: (person.hub?.name as LocalizedText | undefined) ?? null,
      timeZone,
      heldUntil: held > request.now ? held : null,
      pausedUntil: enrolment.status === 'paused' ? enrolment.pausedUntil : null,
      reachable: person.identities.length > 0,
    };
    const reason = notReleasedReason(enrolment, person.optedOutAt);
    if (reason) skipped.push({ ...row, reason });
    else gets.push(row);
  }
  const order: NotReleasedReason[] = ['already', 'paused', 'not_joined', 'stopped', 'not_selected', 'opted_out'];
  skipped.sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason));
  return {
    exercise: { ...exercise, title: exercise.title as LocalizedText },
    cohort: { id: cohort.id, name: cohort.name as LocalizedText, pausedAt: cohort.pausedAt },
    quietHours: settings.quietHours,
    gets,
    skipped,
  };
}

function notReleasedReason(
  enrolment: { status: string; joinedAt: Date | null; submissions: { status: string }[] },
  optedOutAt: Date | null,
): NotReleasedReason | null {
  if (optedOutAt) return 'opted_out';
  if (enrolment.submissions.some((s) => s.status !== 'planned')) return 'already';
  const followed = (FOLLOWED_STATUSES as readonly string[]).includes(enrolment.status);
  if (!followed) {
    if (enrolment.status === 'paused') return 'paused';
    if (enrolment.status === 'stopped') return 'stopped';
    return 'not_selected';
  }
  if (!enrolment.joinedAt) return 'not_joined';
  return null;
}
