import type { SessionDetails } from '../../conversation/notices/session-details.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { sessionDetailsSelect, toSessionDetails } from './session-details-row.ts';

/** What a calendar link serves: the person's venue of the session, and whether it still stands. */
export interface CalendarInvitation {
  details: SessionDetails;
  person: { locale: string | null; timeZone: string; erased: boolean };
  programme: { defaultLocale: string };
  cancelled: boolean;
  /** When the venue last changed: a calendar that has the event replaces it by a later one. */
  venueUpdatedAt: Date;
}

/** The invitation a calendar link names; null when there is none. */
export async function readCalendarInvitation(db: Database, invitationId: string): Promise<CalendarInvitation | null> {
  const invitation = await db.sessionInvitation.findUnique({
    where: { id: invitationId },
    select: {
      venueId: true,
      person: { select: { locale: true, timeZone: true, erasedAt: true, hub: { select: { timeZone: true } } } },
      session: { select: sessionDetailsSelect },
    },
  });
  if (!invitation) return null;
  const { session, person } = invitation;
  const venue = session.venues.find((candidate) => candidate.id === invitation.venueId);
  if (!venue) return null;
  return {
    details: toSessionDetails(session, venue, invitationId),
    person: {
      locale: person.locale,
      timeZone: personTimeZone(person, parseProgrammeSettings(session.programme.settings).timeZone),
      erased: person.erasedAt !== null,
    },
    programme: { defaultLocale: session.programme.defaultLocale },
    cancelled: session.status === 'cancelled',
    venueUpdatedAt: venue.updatedAt,
  };
}
