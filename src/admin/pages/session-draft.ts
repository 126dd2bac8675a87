import { formatDuration } from '../../domain/duration.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import {
  ONLINE_VENUE,
  DEFAULT_SESSION_REMINDERS_MINUTES,
  parseSessionAudience,
} from '../../domain/sessions/session-definition.ts';
import { localDateTimeValue } from '../../domain/sessions/session-local-time.ts';
import { stableJson } from '../../store/stable-json.ts';
import type { SessionForEdit } from '../../store/sessions/load-session-for-edit.ts';
import type { SessionChoices } from './session-choices.ts';

/** One hub's row of the form: whether the session is held there, where, and its local hours. */
export interface VenueDraft {
  held: boolean;
  place: LocalizedText;
  address: string;
  /** Local date-times of the hub ("2027-03-09T09:00"). */
  starts: string;
  ends: string;
  capacity: string;
}

/**
 * The session form as it was filled in, every value as typed, to show it again after a mistake.
 * Field names in the form are these paths joined with "_" (title_fr, venue_tunis_starts…), so that
 * an error found at a path is shown beside its field.
 */
export interface SessionDraft {
  key: string;
  kind: string;
  title: LocalizedText;
  description: LocalizedText;
  cohort: string[];
  hub: string[];
  country: string[];
  channel: string[];
  status: string[];
  role: string[];
  where: 'venues' | 'online';
  /** One start and end, local to each ticked hub ("same local hour in every city"). */
  same: { time: boolean; starts: string; ends: string };
  /** By hub key. */
  venue: Record<string, VenueDraft>;
  online: { url: string; zone: string; starts: string; ends: string };
  rsvp: boolean;
  reminders: string;
  attendance: string[];
  feedback: boolean;
  announce: { when: 'now' | 'at' | 'before'; at: string; before: string };
}

type Form = Record<string, unknown>;

/** A new session's form: a workshop in every hub, the defaults of the programme file. */
export function emptySessionDraft(programme: SessionChoices): SessionDraft {
  return {
    key: '',
    kind: 'workshop',
    title: {},
    description: {},
    cohort: [],
    hub: [],
    country: [],
    channel: [],
    status: [],
    role: ['participant'],
    where: 'venues',
    same: { time: true, starts: '', ends: '' },
    venue: Object.fromEntries(
      programme.hubs.map((hub) => [
        hub.key,
        { held: true, place: {}, address: '', starts: '', ends: '', capacity: '' },
      ]),
    ),
    online: { url: '', zone: programme.timeZone, starts: '', ends: '' },
    rsvp: true,
    reminders: DEFAULT_SESSION_REMINDERS_MINUTES.map(formatDuration).join(', '),
    attendance: ['code', 'roll_call'],
    feedback: false,
    announce: { when: 'now', at: '', before: '' },
  };
}

/** The posted form as a draft (text kept as typed; checking is `checkSessionDraft`'s). */
export function readSessionDraft(body: unknown, programme: SessionChoices): SessionDraft {
  const form = (body && typeof body === 'object' ? body : {}) as Form;
  const one = (name: string) => (typeof form[name] === 'string' ? form[name].replace(/\r\n/g, '\n').trim() : '');
  const list = (name: string) => {
    const value = form[name];
    return (Array.isArray(value) ? value : [value]).filter(
      (item): item is string => typeof item === 'string' && item !== '',
    );
  };
  const texts = (prefix: string) =>
    Object.fromEntries(programme.languages.map((language) => [language, one(`${prefix}_${language}`)]));
  return {
    key: one('key'),
    kind: one('kind'),
    title: texts('title'),
    description: texts('description'),
    cohort: list('cohort'),
    hub: list('hub'),
    country: list('country'),
    channel: list('channel'),
    status: list('status'),
    role: list('role'),
    where: one('where') === 'online' ? 'online' : 'venues',
    same: { time: one('same_time') === 'yes', starts: one('same_starts'), ends: one('same_ends') },
    venue: Object.fromEntries(
      programme.hubs.map(({ key }) => [
        key,
        {
          held: one(`venue_${key}_held`) === 'yes',
          place: texts(`venue_${key}_place`),
          address: one(`venue_${key}_address`),
          starts: one(`venue_${key}_starts`),
          ends: one(`venue_${key}_ends`),
          capacity: one(`venue_${key}_capacity`),
        },
      ]),
    ),
    online: {
      url: one('online_url'),
      zone: one('online_zone') || programme.timeZone,
      starts: one('online_starts'),
      ends: one('online_ends'),
    },
    rsvp: one('rsvp') === 'yes',
    reminders: one('reminders'),
    attendance: list('attendance'),
    feedback: one('feedback') === 'yes',
    announce: {
      when: one('announce_when') === 'at' ? 'at' : one('announce_when') === 'before' ? 'before' : 'now',
      at: one('announce_at'),
      before: one('announce_before'),
    },
  };
}

/** A stored session as its form shows it: hours local to each venue, the audience's ids as they are. */
export function draftFromSession(session: SessionForEdit, programme: SessionChoices): SessionDraft {
  const audience = parseSessionAudience(session.audience);
  const empty = emptySessionDraft(programme);
  const online = session.venues.find((venue) => venue.key === ONLINE_VENUE);
  const hubVenues = session.venues.filter((venue) => venue.key !== ONLINE_VENUE);
  const local = (venue: { startsAt: Date; endsAt: Date; timeZone: string }) => ({
    starts: localDateTimeValue(venue.startsAt, venue.timeZone),
    ends: localDateTimeValue(venue.endsAt, venue.timeZone),
  });
  const hours = new Set(hubVenues.map((venue) => JSON.stringify(local(venue))));
  const [first] = hubVenues;
  return {
    key: session.key,
    kind: session.kind,
    title: textOf(session.title),
    description: textOf(session.description),
    cohort: audience?.cohortIds ?? [],
    hub: audience?.hubIds ?? [],
    country: audience?.countries ?? [],
    channel: audience?.channels ?? [],
    status: audience?.statuses ?? [],
    role: audience?.roles ?? [],
    where: online ? 'online' : 'venues',
    same: { time: hours.size === 1, ...(first && hours.size === 1 ? local(first) : { starts: '', ends: '' }) },
    venue: Object.fromEntries(
      programme.hubs.map((hub) => {
        const venue = hubVenues.find((row) => row.hubId === hub.id);
        return [
          hub.key,
          venue
            ? {
                held: true,
                place: textOf(venue.place),
                address: venue.address ?? '',
                ...local(venue),
                capacity: venue.capacity === null ? '' : String(venue.capacity),
              }
            : { ...empty.venue[hub.key]!, held: false },
        ];
      }),
    ),
    online: online ? { url: online.url ?? '', zone: online.timeZone, ...local(online) } : empty.online,
    rsvp: session.rsvp,
    reminders: session.reminderOffsets.map(formatDuration).join(', '),
    attendance: session.attendanceModes,
    feedback: session.feedback,
    announce: session.announceAt
      ? { when: 'at', at: localDateTimeValue(session.announceAt, programme.timeZone), before: '' }
      : { when: 'now', at: '', before: '' },
  };
}

/**
 * What a form changed, field by field (`{ title: { from, to } }`), for the audit log; a venue's
 * hours as they were written, local to it.
 */
export function draftChanges(before: SessionDraft | null, after: SessionDraft): Record<string, unknown> {
  const shown = (draft: SessionDraft): Record<string, unknown> => {
    const { venue, same, title, description, ...rest } = draft;
    const venues = Object.entries(venue)
      .filter(([, row]) => row.held && draft.where === 'venues')
      .map(([key, row]): [string, unknown] => [
        `venue_${key}`,
        { ...row, place: filled(row.place), ...(same.time && { starts: same.starts, ends: same.ends }) },
      ]);
    return {
      ...rest,
      title: filled(title),
      description: filled(description),
      online: draft.where === 'online' ? draft.online : null,
      ...Object.fromEntries(venues),
    };
  };
  const from = before ? shown(before) : {};
  const to = shown(after);
  const changes: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (stableJson(from[field] ?? null) !== stableJson(to[field] ?? null))
      changes[field] = before ? { from: from[field] ?? null, to: to[field] ?? null } : to[field];
  }
  return changes;
}

/** A text with its empty languages given the first one's, as it is saved. */
function filled(text: LocalizedText): LocalizedText {
  const first = Object.values(text).find(Boolean) ?? '';
  return Object.fromEntries(Object.entries(text).map(([language, value]) => [language, value || first]));
}

function textOf(value: unknown): LocalizedText {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [Language, string] => typeof entry[1] === 'string'),
  );
}
