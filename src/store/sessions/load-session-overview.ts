import {
  ATTENDANCE_MODES,
  type AttendanceMode,
  type RsvpAnswer,
  type SessionKind,
} from '../../domain/sessions/session-definition.ts';
import { tallyInvitations, type InvitationTally } from '../../domain/sessions/tally-invitations.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { Prisma, SessionStatus } from '../generated/client.ts';

/** One person invited to a venue, as the session page and the roll call show them. */
export interface InvitedPerson {
  invitationId: string;
  personId: string;
  name: string | null;
  /** Whether they are a participant (who has a page on the dashboard), rather than a mentor or staff. */
  participant: boolean;
  rsvp: RsvpAnswer | null;
  waitlistedAt: Date | null;
  attendedAt: Date | null;
  /** "code" or "roll_call". */
  attendedBy: string | null;
  feedbackScore: number | null;
  feedbackComment: string | null;
}

export interface VenueOverview {
  id: string;
  key: string;
  /** The hub's name; null online. */
  hubName: unknown;
  place: unknown;
  address: string | null;
  url: string | null;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  attendanceCode: string;
  tally: InvitationTally;
  /** By name. */
  invited: InvitedPerson[];
}

export interface SessionOverview {
  id: string;
  programmeId: string;
  key: string;
  kind: SessionKind;
  title: unknown;
  description: unknown;
  status: SessionStatus;
  cancelledAt: Date | null;
  /** When the announcement is due; null: at once. */
  announceAt: Date | null;
  announcedAt: Date | null;
  rsvp: boolean;
  feedback: boolean;
  attendanceModes: AttendanceMode[];
  /** Earliest start first. */
  venues: VenueOverview[];
}

/**
 * A session with each venue's invitations (answers, attendance, feedback) and their counts, for
 * the session page and the roll call. NotFoundError unless it exists in one of `programmeIds`
 * (the viewer's); people whose data was erased are left out. With `venues` (a trainer's, see
 * `visibleVenues`), NotFoundError unless one of its venues is among them, and only those venues.
 */
export async function loadSessionOverview(
  db: Database,
  sessionId: string,
  options: { programmeIds: string[]; venues?: Prisma.SessionVenueWhereInput | undefined },
): Promise<SessionOverview> {
  const { venues: venueWhere } = options;
  const session = await db.session.findFirst({
    where: {
      id: sessionId,
      programmeId: { in: options.programmeIds },
      ...(venueWhere && { venues: { some: venueWhere } }),
    },
    select: {
      id: true,
      programmeId: true,
      key: true,
      kind: true,
      title: true,
      description: true,
      status: true,
      cancelledAt: true,
      announceAt: true,
      announcedAt: true,
      rsvp: true,
      feedback: true,
      attendanceModes: true,
      venues: {
        ...(venueWhere && { where: venueWhere }),
        orderBy: [{ startsAt: 'asc' }, { key: 'asc' }],
        include: {
          hub: { select: { name: true } },
          invitations: {
            where: { person: { erasedAt: null } },
            select: {
              id: true,
              personId: true,
              rsvp: true,
              waitlistedAt: true,
              attendedAt: true,
              attendedBy: true,
              feedbackScore: true,
              feedbackComment: true,
              person: { select: { displayName: true, roles: true } },
            },
          },
        },
      },
    },
  });
  if (!session) throw new NotFoundError(`session ${sessionId} is not visible`);
  return {
    ...session,
    attendanceModes: session.attendanceModes.filter((mode): mode is AttendanceMode =>
      (ATTENDANCE_MODES as readonly string[]).includes(mode),
    ),
    venues: session.venues.map((venue) => {
      const invited = venue.invitations
        .map(({ id, person, ...invitation }) => ({
          ...invitation,
          invitationId: id,
          name: person.displayName,
          participant: person.roles.includes('participant'),
        }))
        .sort(byName);
      return {
        id: venue.id,
        key: venue.key,
        hubName: venue.hub?.name ?? null,
        place: venue.place,
        address: venue.address,
        url: venue.url,
        timeZone: venue.timeZone,
        startsAt: venue.startsAt,
        endsAt: venue.endsAt,
        capacity: venue.capacity,
        attendanceCode: venue.attendanceCode,
        tally: tallyInvitations(invited),
        invited,
      };
    }),
  };
}

/** Alphabetical, whatever the accents; people without a name last. */
function byName(a: { name: string | null }, b: { name: string | null }): number {
  if (a.name === null || b.name === null) return a.name === b.name ? 0 : a.name === null ? 1 : -1;
  return a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' });
}
