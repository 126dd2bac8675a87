import type { RsvpAnswer } from './session-definition.ts';

/** How many of a venue's (or a session's) invitations stand at each answer, and how many attended. */
export interface InvitationTally {
  invited: number;
  /** Said yes and have a seat. */
  yes: number;
  maybe: number;
  no: number;
  noAnswer: number;
  /** Said yes when the venue was full: on the waiting list. */
  waiting: number;
  attended: number;
}

/** The counts the dashboard shows for a set of invitations; a yes on the waiting list is counted as waiting, not as yes. */
export function tallyInvitations(
  invitations: readonly { rsvp: RsvpAnswer | null; waitlistedAt: Date | null; attendedAt: Date | null }[],
): InvitationTally {
  const tally: InvitationTally = { invited: 0, yes: 0, maybe: 0, no: 0, noAnswer: 0, waiting: 0, attended: 0 };
  for (const invitation of invitations) {
    tally.invited += 1;
    if (invitation.rsvp === null) tally.noAnswer += 1;
    else if (invitation.rsvp === 'yes' && invitation.waitlistedAt !== null) tally.waiting += 1;
    else tally[invitation.rsvp] += 1;
    if (invitation.attendedAt !== null) tally.attended += 1;
  }
  return tally;
}
