import type { PersonView } from '../../conversation/conversation-context.ts';
import type { Database } from '../database.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { personView, preferredIdentity } from '../people/person-view.ts';

/** Who a claimed reminder goes to, and on which channel. */
interface ReminderRecipient {
  person: PersonView;
  channelIdentityId: string;
}

/**
 * Claims a due reminder and writes what `compose` says to the outbox, in one transaction. The
 * claim moves `nextReminderAt` on to `following` with a conditional update (still the one due,
 * submission still not handed in): whoever moves it first sends, so a reminder goes once. Returns
 * the rows to deliver: none when another worker claimed it, or when nothing reaches the person.
 */
export async function claimReminder(
  db: Database,
  reminder: { submissionId: string; personId: string; nextReminderAt: Date; following: Date | null },
  compose: (recipient: ReminderRecipient) => NewOutboundMessage[],
  now: () => Date,
): Promise<OutboxRow[]> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.submission.updateMany({
      where: {
        id: reminder.submissionId,
        nextReminderAt: reminder.nextReminderAt,
        status: { in: ['open', 'in_progress'] },
      },
      data: { nextReminderAt: reminder.following },
    });
    if (count === 0) return [];
    const person = await personView(tx, reminder.personId);
    const channelIdentityId = await preferredIdentity(tx, person.id);
    if (!channelIdentityId) return [];
    return addOutboundMessages(tx, compose({ person, channelIdentityId }), now());
  });
}
