import { DateTime } from 'luxon';
import {
  DEFAULT_SESSION_REMINDERS_MINUTES,
  ONLINE_VENUE,
  type SessionDefinition,
  type VenueDefinition,
} from '../../src/domain/sessions/session-definition.ts';
import type { Database } from '../../src/store/database.ts';
import { saveSession } from '../../src/store/sessions/save-session.ts';

/** The sample programme's hubs and their zones (examples/connexions-citoyennes.yaml). */
export const SAMPLE_HUB_ZONES = {
  abidjan: 'Africa/Abidjan',
  ouagadougou: 'Africa/Ouagadougou',
  tunis: 'Africa/Tunis',
  bukavu: 'Africa/Lubumbashi',
  antananarivo: 'Indian/Antananarivo',
} as const;

type SampleHub = keyof typeof SAMPLE_HUB_ZONES;

/** A local date-time of a zone ("2027-03-09T09:00") as an instant. */
export function localInstant(local: string, zone: string): Date {
  return DateTime.fromISO(local, { zone }).toJSDate();
}

/**
 * A workshop held at the same local hour in each of the given sample hubs (all five by default),
 * for `hours` hours, with the defaults of the programme file (RSVP, reminders a day and two hours
 * before, attendance by code and roll call, no feedback).
 */
export function workshopDefinition(
  options: { key?: string; localStart: string; hours?: number; hubs?: SampleHub[]; capacity?: number | null } & Partial<
    Omit<SessionDefinition, 'venues'>
  >,
): SessionDefinition {
  const { localStart, hours = 3, hubs, capacity = null, ...rest } = options;
  const venues: VenueDefinition[] = (hubs ?? (Object.keys(SAMPLE_HUB_ZONES) as SampleHub[])).map((hub) => {
    const startsAt = localInstant(localStart, SAMPLE_HUB_ZONES[hub]);
    return {
      key: hub,
      hubKey: hub,
      place: { fr: `Salle du hub de ${hub}`, en: `${hub} hub room` },
      address: `1 rue du Hub, ${hub}`,
      url: null,
      timeZone: SAMPLE_HUB_ZONES[hub],
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * 3_600_000),
      capacity,
    };
  });
  return {
    key: 'atelier-test',
    kind: 'workshop',
    title: { fr: 'Atelier : cartographier son projet', en: 'Workshop: mapping your project' },
    description: { fr: 'Une matinée de travail en groupe.', en: 'A morning of group work.' },
    audience: { roles: ['participant'] },
    venues,
    rsvp: true,
    announce: null,
    reminderOffsetsMinutes: DEFAULT_SESSION_REMINDERS_MINUTES,
    attendance: ['code', 'roll_call'],
    feedback: false,
    ...rest,
  };
}

/** An online session at a local hour of `zone` (Paris by default), for `hours` hours. */
export function onlineDefinition(
  options: { key?: string; localStart: string; zone?: string; hours?: number; url?: string } & Partial<
    Omit<SessionDefinition, 'venues'>
  >,
): SessionDefinition {
  const {
    localStart,
    zone = 'Europe/Paris',
    hours = 2,
    url = 'https://meet.example.org/cc-securite',
    ...rest
  } = options;
  const startsAt = localInstant(localStart, zone);
  return {
    ...workshopDefinition({
      key: 'en-ligne-test',
      kind: 'online',
      title: { fr: 'Sécurité des données', en: 'Data security' },
      description: { fr: 'Avec une experte invitée.', en: 'With a guest expert.' },
      localStart,
      hubs: [],
      ...rest,
    }),
    venues: [
      {
        key: ONLINE_VENUE,
        hubKey: null,
        place: null,
        address: null,
        url,
        timeZone: zone,
        startsAt,
        endsAt: new Date(startsAt.getTime() + hours * 3_600_000),
        capacity: null,
      },
    ],
  };
}

/** Saves a session in the sample programme (imported first), as the programme file's import would. */
export async function createSampleSession(db: Database, session: SessionDefinition, now: Date) {
  const programme = await db.programme.findUniqueOrThrow({ where: { key: 'connexions-citoyennes' } });
  return saveSession(db, programme.id, session, { now, fromFile: true });
}
