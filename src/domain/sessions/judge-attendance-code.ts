import {
  ATTENDANCE_CLOSES_AFTER_MINUTES,
  ATTENDANCE_OPENS_BEFORE_MINUTES,
  withinAttendanceWindow,
} from './session-definition.ts';

/** What a person's `PRÉSENT <code>` found: the venue the code belongs to, its session, and their invitation. */
export interface AttendanceCodeFacts {
  venue: { id: string; startsAt: Date; endsAt: Date };
  session: { status: 'scheduled' | 'cancelled'; attendanceModes: readonly string[] };
  /** The person's invitation to that session (at this venue or another of its venues); null: not invited. */
  invitation: { id: string; venueId: string; attendedAt: Date | null } | null;
}

/** The answer to a code that matched a venue; `record` moves the invitation to `venueId` when it was elsewhere. */
export type AttendanceVerdict =
  | { kind: 'cancelled' }
  | { kind: 'not_invited' }
  | { kind: 'already_recorded'; attendedAt: Date }
  | { kind: 'taken_by_team' }
  | { kind: 'too_early'; opensAt: Date }
  | { kind: 'too_late'; closedAt: Date }
  | { kind: 'record'; invitationId: string; venueId: string; movedFrom: string | null };

/**
 * Whether a message sent at `sentAt` (the platform's timestamp, so that a message written in the
 * room and delivered hours later by a weak network still counts) records attendance. A person
 * invited to another venue of the same session who gives this venue's code came here: it is
 * recorded here, since the code is shown only in this room or call.
 */
export function judgeAttendanceCode(facts: AttendanceCodeFacts, sentAt: Date): AttendanceVerdict {
  const { venue, session, invitation } = facts;
  if (session.status === 'cancelled') return { kind: 'cancelled' };
  if (!invitation) return { kind: 'not_invited' };
  if (invitation.attendedAt) return { kind: 'already_recorded', attendedAt: invitation.attendedAt };
  if (!session.attendanceModes.includes('code')) return { kind: 'taken_by_team' };
  if (!withinAttendanceWindow(venue, sentAt)) {
    return sentAt < venue.startsAt
      ? { kind: 'too_early', opensAt: new Date(venue.startsAt.getTime() - ATTENDANCE_OPENS_BEFORE_MINUTES * 60_000) }
      : { kind: 'too_late', closedAt: new Date(venue.endsAt.getTime() + ATTENDANCE_CLOSES_AFTER_MINUTES * 60_000) };
  }
  return {
    kind: 'record',
    invitationId: invitation.id,
    venueId: venue.id,
    movedFrom: invitation.venueId === venue.id ? null : invitation.venueId,
  };
}
