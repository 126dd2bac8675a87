import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { Database } from '../database.ts';

/** Someone to tell that a participant is slipping: one of their current mentors, or the cohort's staff. */
interface SlippingAlertRecipient {
  id: string;
  locale: string | null;
  timeZone: string;
  /** The channel they last wrote from, among those that still reach them; null when none does. */
  channelIdentityId: string | null;
  /** A current mentor of the participant (else staff of the cohort). */
  mentor: boolean;
}

/**
 * Who is told that a participant of a cohort is slipping, in one query: their current mentors,
 * then the cohort's staff (not stopped), all still reachable, the participant left out. Someone
 * both mentor and staff comes once, as a mentor.
 */
export async function loadSlippingAlertRecipients(
  db: Database,
  participant: { personId: string; cohortId: string; programmeTimeZone: string },
): Promise<SlippingAlertRecipient[]> {
  const { personId, cohortId } = participant;
  const currentMentoring = { menteeId: personId, cohortId, endedAt: null };
  const people = await db.person.findMany({
    where: {
      optedOutAt: null,
      erasedAt: null,
      id: { not: personId },
      OR: [
        { mentoring: { some: currentMentoring } },
        { enrolments: { some: { cohortId, role: 'staff', status: { not: 'stopped' } } } },
      ],
    },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      locale: true,
      timeZone: true,
      hub: { select: { timeZone: true } },
      // As preferredIdentity chooses it.
      identities: {
        where: { unreachableAt: null },
        orderBy: [{ lastInboundAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
        take: 1,
        select: { id: true },
      },
      mentoring: { where: currentMentoring, take: 1, select: { id: true } },
    },
  });
  const recipients = people.map((person) => ({
    id: person.id,
    locale: person.locale,
    timeZone: personTimeZone(person, participant.programmeTimeZone),
    channelIdentityId: person.identities[0]?.id ?? null,
    mentor: person.mentoring.length > 0,
  }));
  // Mentors first, then staff (a stable sort: each group stays in id order).
  return recipients.sort((a, b) => Number(b.mentor) - Number(a.mentor));
}
