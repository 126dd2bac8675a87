import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { sessionRosterIsDue } from '../../domain/sessions/session-roster-timing.ts';
import type { Database } from '../database.ts';

/** The list is due at most this long before the start (18:00 the day before a session at 23:59). */
const ROSTER_HORIZON_MS = 48 * 3_600_000;

/** A hub venue whose trainers are due the list of who is coming. */
export interface DueSessionRoster {
  venueId: string;
  startsAt: Date;
  programme: { defaultLocale: string | null; settings: ProgrammeSettings };
}

/**
 * Up to `limit` venues at a hub of announced sessions, not cancelled and not started, whose
 * list is due now (sessionRosterIsDue, in the venue's zone) and not yet sent.
 */
export async function listDueSessionRosters(db: Database, now: Date, limit: number): Promise<DueSessionRoster[]> {
  const venues = await db.sessionVenue.findMany({
    where: {
      hubId: { not: null },
      rosterSentAt: null,
      startsAt: { gt: now, lte: new Date(now.getTime() + ROSTER_HORIZON_MS) },
      session: { status: 'scheduled', announcedAt: { not: null } },
    },
    orderBy: { startsAt: 'asc' },
    select: {
      id: true,
      startsAt: true,
      timeZone: true,
      session: { select: { programme: { select: { id: true, defaultLocale: true, settings: true } } } },
    },
  });
  const settings = new Map<string, ProgrammeSettings>();
  return venues
    .filter((venue) => sessionRosterIsDue(now, venue.startsAt, venue.timeZone))
    .slice(0, limit)
    .map((venue) => {
      const { programme } = venue.session;
      if (!settings.has(programme.id)) settings.set(programme.id, parseProgrammeSettings(programme.settings));
      return {
        venueId: venue.id,
        startsAt: venue.startsAt,
        programme: { defaultLocale: programme.defaultLocale, settings: settings.get(programme.id)! },
      };
    });
}
