import type { PersonView } from '../../conversation/conversation-context.ts';
import type { PlannedSubmission } from '../../domain/plan-submission.ts';
import type { Database } from '../database.ts';
import type { OutboxRow } from '../outbox/outbox.ts';
import { personView } from '../people/person-view.ts';
import type { ReleaseTransaction } from './release-transaction.ts';

/**
 * Opens one participant's submission of an exercise now, in one transaction with the messages
 * `send` writes: created (or a planned one opened) with the instants `schedule` gives for the
 * person. Returns null, and sends nothing, when the submission was already released.
 */
export async function openSubmission(
  db: Database,
  target: { exerciseId: string; enrolmentId: string; personId: string },
  schedule: (person: PersonView) => PlannedSubmission,
  send: (tx: ReleaseTransaction, submissionId: string, person: PersonView) => Promise<OutboxRow[]>,
): Promise<OutboxRow[] | null> {
  return db.$transaction(async (tx) => {
    const existing = await tx.submission.findUnique({
      where: { exerciseId_enrolmentId: { exerciseId: target.exerciseId, enrolmentId: target.enrolmentId } },
    });
    if (existing && existing.status !== 'planned') return null;
    const person = await personView(tx, target.personId);
    const { releaseAt, deadlineAt, nextReminderAt } = schedule(person);
    const data = { status: 'open' as const, releaseAt, releasedAt: releaseAt, deadlineAt, nextReminderAt };
    const submission = existing
      ? await tx.submission.update({ where: { id: existing.id }, data })
      : await tx.submission.create({
          data: { exerciseId: target.exerciseId, enrolmentId: target.enrolmentId, ...data },
        });
    return send(tx, submission.id, person);
  });
}
