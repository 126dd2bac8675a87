import type { PersonView } from '../../conversation/conversation-context.ts';
import { FOLLOWED_STATUSES } from '../../domain/followed-statuses.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { exerciseClosesAt } from '../../domain/submission-timing.ts';
import type { Database } from '../database.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { personView, preferredIdentity } from '../people/person-view.ts';

/** A submission just closed before its participant handed it in, and whom to tell, on which channel. */
export interface ClosedSubmission {
  submissionId: string;
  exerciseTitle: LocalizedText;
  /** When the exercise stopped taking answers: the end of its late period (or of its grace). */
  closedAt: Date;
  person: PersonView;
  channelIdentityId: string;
  programme: { defaultLocale: string | null; settings: ProgrammeSettings };
}

/**
 * Marks missed every submission still open or half-answered whose exercise has closed (deadline +
 * `closes_after`, never before the grace ends), with no reminder left, unless its participant has
 * messages sent before the closing still to be handled; and writes what `compose` says to each
 * participant still followed (not paused, stopped or erased, cohort not paused), in the same
 * transaction. The conditional UPDATE is the claim: running it twice or on two workers closes,
 * and tells, nothing more. Returns how many were closed and the messages to deliver.
 */
export async function markSubmissionsMissed(
  db: Database,
  at: Date,
  compose: (closed: ClosedSubmission) => NewOutboundMessage[],
): Promise<{ closed: number; outbound: OutboxRow[] }> {
  return db.$transaction(async (tx) => {
    const closed = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Submission" AS s
      SET status = 'missed', "nextReminderAt" = NULL, "updatedAt" = ${at}
      FROM "Exercise" AS e, "Enrolment" AS en
      WHERE e.id = s."exerciseId"
        AND en.id = s."enrolmentId"
        AND s.status IN ('open', 'in_progress')
        AND s."deadlineAt" + make_interval(mins => GREATEST(e."closesAfterMinutes", e."graceMinutes")) <= ${at}
        AND NOT EXISTS (
          SELECT 1 FROM "InboundEvent" AS i
          WHERE i."personId" = en."personId" AND i.status = 'received'
            AND i."sentAt" <= s."deadlineAt" + make_interval(mins => GREATEST(e."closesAfterMinutes", e."graceMinutes"))
        )
      RETURNING s.id`;
    if (closed.length === 0) return { closed: 0, outbound: [] };
    const followed = await tx.submission.findMany({
      where: {
        id: { in: closed.map((row) => row.id) },
        enrolment: {
          status: { in: [...FOLLOWED_STATUSES] },
          cohort: { pausedAt: null },
          person: { optedOutAt: null, erasedAt: null },
        },
      },
      orderBy: { id: 'asc' },
      select: {
        id: true,
        deadlineAt: true,
        enrolment: { select: { personId: true } },
        exercise: {
          select: {
            title: true,
            graceMinutes: true,
            closesAfterMinutes: true,
            programme: { select: { defaultLocale: true, settings: true } },
          },
        },
      },
    });
    const messages: NewOutboundMessage[] = [];
    for (const submission of followed) {
      const { personId } = submission.enrolment;
      const channelIdentityId = await preferredIdentity(tx, personId);
      if (!channelIdentityId) continue;
      const { exercise } = submission;
      messages.push(
        ...compose({
          submissionId: submission.id,
          exerciseTitle: exercise.title as LocalizedText,
          closedAt: exerciseClosesAt(submission.deadlineAt, exercise.graceMinutes, exercise.closesAfterMinutes),
          person: await personView(tx, personId),
          channelIdentityId,
          programme: {
            defaultLocale: exercise.programme.defaultLocale,
            settings: parseProgrammeSettings(exercise.programme.settings),
          },
        }),
      );
    }
    return { closed: closed.length, outbound: await addOutboundMessages(tx, messages, at) };
  });
}
