import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** A session as the dashboard's edit page shows it, with its venues and who was told of it. */
export interface SessionForEdit {
  id: string;
  programmeId: string;
  key: string;
  kind: string;
  title: unknown;
  description: unknown;
  /** As stored (ids); read with parseSessionAudience. */
  audience: unknown;
  rsvp: boolean;
  announceAt: Date | null;
  announcedAt: Date | null;
  reminderOffsets: number[];
  attendanceModes: string[];
  feedback: boolean;
  status: 'scheduled' | 'cancelled';
  cancelledAt: Date | null;
  venues: {
    id: string;
    key: string;
    hubId: string | null;
    place: unknown;
    address: string | null;
    url: string | null;
    timeZone: string;
    startsAt: Date;
    endsAt: Date;
    capacity: number | null;
    changeNoticeDueAt: Date | null;
  }[];
  /** Everyone invited so far: whether they were told (announced) and what they answered. */
  invitations: { personId: string; venueId: string; announcedAt: Date | null; rsvp: 'yes' | 'maybe' | 'no' | null }[];
}

/**
 * A session of one of the given programmes (the viewer's), with its venues (earliest first) and
 * its invitations; NotFoundError when there is none or it is another programme's.
 */
export async function loadSessionForEdit(
  db: Database,
  sessionId: string,
  programmeIds: readonly string[],
): Promise<SessionForEdit> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      programmeId: true,
      key: true,
      kind: true,
      title: true,
      description: true,
      audience: true,
      rsvp: true,
      announceAt: true,
      announcedAt: true,
      reminderOffsets: true,
      attendanceModes: true,
      feedback: true,
      status: true,
      cancelledAt: true,
      venues: {
        orderBy: [{ startsAt: 'asc' }, { key: 'asc' }],
        select: {
          id: true,
          key: true,
          hubId: true,
          place: true,
          address: true,
          url: true,
          timeZone: true,
          startsAt: true,
          endsAt: true,
          capacity: true,
          changeNoticeDueAt: true,
        },
      },
      invitations: { select: { personId: true, venueId: true, announcedAt: true, rsvp: true } },
    },
  });
  if (!session || !programmeIds.includes(session.programmeId))
    throw new NotFoundError(`session ${sessionId} is not visible`);
  return session;
}
