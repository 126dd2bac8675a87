import type { RsvpAnswer } from './session-definition.ts';

/** What counting needs of an invitation (a row of SessionInvitation, or the same fields). */
export interface CountedInvitation {
  rsvp: RsvpAnswer | null;
  waitlistedAt: Date | null;
  attendedAt: Date | null;
  /** "code" or "roll_call". */
  attendedBy: string | null;
  /** 1 to 5; null when not given. */
  feedbackScore: number | null;
}

/** Where the people invited to a venue (or a whole session) stand. */
export interface InvitationCounts {
  invited: number;
  /** Said yes and have a seat (those waiting for one are in `waitlisted`). */
  yes: number;
  maybe: number;
  no: number;
  noAnswer: number;
  /** Said yes when the venue was full, and wait for a seat. */
  waitlisted: number;
  attended: number;
  attendedBy: { code: number; rollCall: number };
  feedback: { count: number; average: number | null };
}

/**
 * The counts of a venue's or a session's invitations: the answers, the waiting list, attendance
 * by the way it was recorded, and the feedback's average. One rule for the command line, the
 * dashboard and the export.
 */
export function countInvitations(invitations: Iterable<CountedInvitation>): InvitationCounts {
  const counts: InvitationCounts = {
    invited: 0,
    yes: 0,
    maybe: 0,
    no: 0,
    noAnswer: 0,
    waitlisted: 0,
    attended: 0,
    attendedBy: { code: 0, rollCall: 0 },
    feedback: { count: 0, average: null },
  };
  let scores = 0;
  for (const invitation of invitations) {
    counts.invited += 1;
    if (invitation.rsvp === null) counts.noAnswer += 1;
    else if (invitation.rsvp === 'yes' && invitation.waitlistedAt !== null) counts.waitlisted += 1;
    else counts[invitation.rsvp] += 1;
    if (invitation.attendedAt !== null) {
      counts.attended += 1;
      if (invitation.attendedBy === 'code') counts.attendedBy.code += 1;
      else if (invitation.attendedBy === 'roll_call') counts.attendedBy.rollCall += 1;
    }
    if (invitation.feedbackScore !== null) {
      counts.feedback.count += 1;
      scores += invitation.feedbackScore;
    }
  }
  if (counts.feedback.count > 0) counts.feedback.average = scores / counts.feedback.count;
  return counts;
}
