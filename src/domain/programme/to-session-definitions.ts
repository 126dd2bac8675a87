import { parseDuration } from '../duration.ts';
import {
  ATTENDANCE_MODES,
  AUDIENCE_ROLES,
  ONLINE_VENUE,
  type SessionDefinition,
  type VenueDefinition,
} from '../sessions/session-definition.ts';
import type { LocalizedText } from './language.ts';
import { localDateTimeInstant, parseLocalDateTime, readAnnounce } from './local-date-time.ts';
import type { ProgrammeFile } from './programme-schema.ts';

/** The checked `sessions:` as definitions: hours as instants in their venue's zone, durations in minutes. */
export function toSessionDefinitions(file: ProgrammeFile): SessionDefinition[] {
  const hubZones = new Map(file.hubs.map((hub) => [hub.id, hub.time_zone]));
  return file.sessions.map((session) => {
    const venues: VenueDefinition[] = session.online
      ? [
          {
            key: ONLINE_VENUE,
            hubKey: null,
            place: null,
            address: null,
            url: session.online.url,
            ...hours(session.online, session.online.time_zone ?? file.time_zone),
            capacity: null,
          },
        ]
      : (session.venues ?? []).map((venue) => ({
          key: venue.hub,
          hubKey: venue.hub,
          place: venue.place as LocalizedText,
          address: venue.address ?? null,
          url: null,
          ...hours(venue, hubZones.get(venue.hub) ?? file.time_zone),
          capacity: venue.capacity ?? null,
        }));
    const audience = session.audience;
    const announce = session.announce === undefined ? null : readAnnounce(session.announce, file.time_zone);
    if (announce !== null && !announce.ok) throw new Error('unreachable: announce was checked');
    return {
      key: session.id,
      kind: session.kind,
      title: session.title as LocalizedText,
      description: session.description as LocalizedText,
      audience: {
        ...(audience?.cohort && { cohortKeys: audience.cohort }),
        ...(audience?.hub && { hubKeys: audience.hub }),
        ...(audience?.country && { countries: audience.country }),
        ...(audience?.channel && { channels: audience.channel }),
        ...(audience?.status && { statuses: audience.status }),
        roles: AUDIENCE_ROLES.filter((role) => (audience?.roles ?? ['participant']).includes(role)),
      },
      venues,
      rsvp: session.rsvp,
      announce: announce?.rule ?? null,
      // Sent in the order they come: the earliest (longest before the start) first.
      reminderOffsetsMinutes: [...new Set(session.reminders.map((text) => parseDuration(text) ?? 0))].sort(
        (a, b) => b - a,
      ),
      attendance: ATTENDANCE_MODES.filter((mode) => session.attendance.includes(mode)),
      feedback: session.feedback,
    };
  });
}

function hours(
  written: { starts: string; ends: string },
  timeZone: string,
): Pick<VenueDefinition, 'timeZone' | 'startsAt' | 'endsAt'> {
  const instant = (text: string) => {
    const local = parseLocalDateTime(text);
    const at = local === null ? null : localDateTimeInstant(local, timeZone);
    if (at === null) throw new Error('unreachable: hours were checked');
    return at;
  };
  return { timeZone, startsAt: instant(written.starts), endsAt: instant(written.ends) };
}
