import type { SubmissionView } from '../../conversation/conversation-context.ts';
import type { Database } from '../database.ts';
import type { OutboxRow } from '../outbox/outbox.ts';
import type { ReleaseTransaction } from './release-transaction.ts';

/** Long enough for a batch on a busy machine; the default (5 s) is for one person's handling. */
const TRANSACTION_TIMEOUT_MS = 60_000;

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
 * Claims up to `limit` submissions that are due and may go (planned, instant come, enrolment
 * followed, cohort not paused, no catch-up message waiting — it comes first and releases what
 * fell due itself —, person neither stopped nor erased) and has `send` write their
 * messages, in one transaction. The claim (planned → open) is one conditional update that skips
 * rows another worker is releasing, so two workers never release the same one.
 */
export async function claimDueReleases(
  db: Database,
  request: { now: Date; limit: number },
  send: (tx: ReleaseTransaction, released: ReleasedSubmission[]) => Promise<OutboxRow[]>,
): Promise<{ count: number; rows: OutboxRow[] }> {
  const { now, limit } = request;
  return db.$transaction(
    async (tx) => {
      const released = await tx.$queryRaw<ReleasedSubmission[]>`
        UPDATE "Submission" AS s SET status = 'open', "releasedAt" = ${now}, "updatedAt" = ${now}
        FROM (
          SELECT s2.id, e."personId" FROM "Submission" s2
            JOIN "Enrolment" e ON e.id = s2."enrolmentId"
            JOIN "Cohort" c ON c.id = e."cohortId"
            JOIN "Person" p ON p.id = e."personId"
          WHERE s2.status = 'planned' AND s2."releaseAt" <= ${now}
            AND e.status IN ('active', 'selected') /* FOLLOWED_STATUSES */ AND c."pausedAt" IS NULL AND e."catchUpDueAt" IS NULL AND p."optedOutAt" IS NULL AND p."erasedAt" IS NULL
          ORDER BY s2."releaseAt", s2.id
          LIMIT ${limit}
          FOR UPDATE OF s2 SKIP LOCKED
        ) AS due
        WHERE s.id = due.id AND s.status = 'planned'
        RETURNING s.id, s."exerciseId", due."personId", s.status::text AS status, s.late, s."currentPosition", s."releaseAt", s."deadlineAt", s."submittedAt"`;
      return { count: released.length, rows: await send(tx, released) };
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
}
