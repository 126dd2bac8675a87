import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { Database } from '../database.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { preferredIdentity } from '../people/person-view.ts';

/** Who a claimed application reminder goes to, on which channel, in which language and zone. */
export interface ApplicantRecipient {
  personId: string;
  locale: string | null;
  /** Their own zone, else their hub's, else the programme's (an applicant has no hub yet). */
  timeZone: string;
  channelIdentityId: string;
}

/**
 * Claims a due application reminder and writes what `compose` says to the outbox, in one
 * transaction. The claim moves `nextReminderAt` on to `following` with a conditional update
 * (still the one due, application still not handed in): whoever moves it first sends, so a
 * reminder goes once. Returns the rows to deliver: none when another worker claimed it, when
 * nothing reaches the person, or when `compose` skips it.
 */
export async function claimApplicationReminder(
  db: Database,
  reminder: { applicationId: string; personId: string; nextReminderAt: Date; following: Date | null },
  programmeTimeZone: string,
  compose: (recipient: ApplicantRecipient) => NewOutboundMessage[],
  now: () => Date,
): Promise<OutboxRow[]> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.application.updateMany({
      where: { id: reminder.applicationId, nextReminderAt: reminder.nextReminderAt, status: 'started' },
      data: { nextReminderAt: reminder.following },
    });
    if (count === 0) return [];
    const person = await tx.person.findUniqueOrThrow({
      where: { id: reminder.personId },
      select: { locale: true, timeZone: true, hub: { select: { timeZone: true } } },
    });
    const channelIdentityId = await preferredIdentity(tx, reminder.personId);
    if (!channelIdentityId) return [];
    const recipient: ApplicantRecipient = {
      personId: reminder.personId,
      locale: person.locale,
      timeZone: personTimeZone(person, programmeTimeZone),
      channelIdentityId,
    };
    return addOutboundMessages(tx, compose(recipient), now());
  });
}
