import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { markExercisesReleased } from '../exercises/mark-exercises-released.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { rescheduleReminders } from '../submissions/reschedule-reminders.ts';
import type { DueCatchUp } from './list-due-catch-ups.ts';

/** A catch-up just claimed: whom it goes to and their programme. */
export interface ClaimedCatchUp {
  enrolmentId: string;
  personId: string;
  programme: { defaultLocale: string | null; settings: ProgrammeSettings };
  /** How many exercises that fell due during the absence were released without a message. */
  released: number;
  /** The enrolment's own submissions: what waits in this cohort, not in another the person is in too. */
  submissionIds: Set<string>;
  /** The submissions that fell due during the absence, opened just now without a message. */
  releasedIds: Set<string>;
}

/**
 * Claims one catch-up (clears `catchUpDueAt` if it still holds the instant listed), releases
 * without a message what fell due during the absence (planned → open, reminders from now on), and
 * writes what `compose` says, all in one transaction: two workers never send it twice, and a
 * crash leaves it to be sent. Null: already claimed, or no longer due.
 */
export async function claimCatchUp(
  db: Database,
  due: DueCatchUp,
  now: Date,
  compose: (tx: Prisma.TransactionClient, claimed: ClaimedCatchUp) => Promise<NewOutboundMessage[]>,
): Promise<OutboxRow[] | null> {
  return db.$transaction(async (tx) => {
    const [claimed] = await tx.$queryRaw<{ personId: string; defaultLocale: string | null; settings: unknown }[]>`
      UPDATE "Enrolment" AS e SET "catchUpDueAt" = NULL, "updatedAt" = ${now}
      FROM "Cohort" AS c, "Programme" AS pr, "Person" AS p
      WHERE e.id = ${due.enrolmentId} AND e."catchUpDueAt" = ${due.catchUpDueAt}
        AND c.id = e."cohortId" AND pr.id = c."programmeId" AND p.id = e."personId"
        AND e.status IN ('active', 'selected') /* FOLLOWED_STATUSES */ AND c."pausedAt" IS NULL
        AND p."optedOutAt" IS NULL AND p."erasedAt" IS NULL
      RETURNING e."personId", pr."defaultLocale", pr.settings`;
    if (!claimed) return null;
    const released = await tx.$queryRaw<
      { id: string; exerciseId: string; deadlineAt: Date; reminderOffsets: number[] }[]
    >`
      UPDATE "Submission" AS s SET status = 'open', "releasedAt" = ${now}, "updatedAt" = ${now}
      FROM "Exercise" AS x
      WHERE x.id = s."exerciseId" AND s."enrolmentId" = ${due.enrolmentId}
        AND s.status = 'planned' AND s."releaseAt" <= ${now}
      RETURNING s.id, s."exerciseId", s."deadlineAt", x."reminderOffsets"`;
    await markExercisesReleased(tx, [...new Set(released.map((s) => s.exerciseId))], now);
    await rescheduleReminders(
      tx,
      released.map((s) => ({ ...s, after: now })),
    );
    const own = await tx.submission.findMany({ where: { enrolmentId: due.enrolmentId }, select: { id: true } });
    const messages = await compose(tx, {
      submissionIds: new Set(own.map((submission) => submission.id)),
      releasedIds: new Set(released.map((submission) => submission.id)),
      enrolmentId: due.enrolmentId,
      personId: claimed.personId,
      programme: { defaultLocale: claimed.defaultLocale, settings: parseProgrammeSettings(claimed.settings) },
      released: released.length,
    });
    return addOutboundMessages(tx, messages, now);
  });
}
