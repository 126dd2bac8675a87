import { z } from 'zod';
import { AUDIENCE_ROLES, segmentFilterSchema, type AudienceRole, type SegmentFilter } from '../segment.ts';
import type { LocalizedText } from '../programme/language.ts';

/**
 * Sessions: workshops held at the same local hour in several cities, online sessions given by
 * outside experts, collective sessions, the closing event. A session takes place at one venue per
 * hub, or at one online venue; each invited person has one venue (their hub's, else the online one).
 */

export const SESSION_KINDS = ['workshop', 'online', 'collective', 'closing', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

// The roles a session (or a segment) can address live with segments; kept importable from here.
export { AUDIENCE_ROLES, type AudienceRole } from '../segment.ts';

export const ATTENDANCE_MODES = ['code', 'roll_call'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const RSVP_ANSWERS = ['yes', 'maybe', 'no'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

/**
 * The outbox purposes of messages about sessions; on WhatsApp outside the 24-hour window the
 * programme's `session` template goes instead, and the message follows the reply.
 */
export const SESSION_PURPOSES = [
  'session_announcement',
  'session_reminder',
  'session_change',
  'session_cancelled',
  'session_waitlist',
  'session_feedback',
] as const;
export type SessionPurpose = (typeof SESSION_PURPOSES)[number];

/** The key of a session's online venue (a hub's venue has the hub's key). */
export const ONLINE_VENUE = 'online';

/** Reminders when the programme file names none: a day and two hours before the start. */
export const DEFAULT_SESSION_REMINDERS_MINUTES = [24 * 60, 2 * 60];

/** Attendance by code is accepted from this long before the start… */
export const ATTENDANCE_OPENS_BEFORE_MINUTES = 30;
/** …until this long after the end (judged by the platform's timestamp of the message). */
export const ATTENDANCE_CLOSES_AFTER_MINUTES = 120;

/**
 * Who a session invites, as stored in Session.audience: a segment filter over ids (cohort, hub,
 * country, channel, status) and the roles invited (participants unless the file says otherwise).
 */
export interface SessionAudience extends SegmentFilter {
  roles: AudienceRole[];
}

export const sessionAudienceSchema = segmentFilterSchema.extend({
  roles: z.array(z.enum(AUDIENCE_ROLES)).min(1).default(['participant']),
}) satisfies z.ZodType<SessionAudience, unknown>;

/** Reads a stored audience; one that does not read invites nobody rather than everyone. */
export function parseSessionAudience(stored: unknown): SessionAudience | null {
  const parsed = sessionAudienceSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** One venue of a session, as the programme file (or the dashboard) gives it, instants in UTC. */
export interface VenueDefinition {
  /** The hub's key, or ONLINE_VENUE. */
  key: string;
  /** Null online. */
  hubKey: string | null;
  /** The place's name in each language; null online. */
  place: LocalizedText | null;
  address: string | null;
  /** The link of an online session. */
  url: string | null;
  /** The zone its hour is written in: the hub's, or the one named for an online session. */
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  /** Seats; null: no limit. */
  capacity: number | null;
}

/**
 * When the announcement goes: at an instant, or this many minutes before the (earliest) start;
 * null: as soon as the session exists.
 */
export type AnnounceRule = { at: Date } | { beforeMinutes: number } | null;

/** A session as the programme file describes it, keys not yet resolved to ids. */
export interface SessionDefinition {
  key: string;
  kind: SessionKind;
  title: LocalizedText;
  description: LocalizedText;
  audience: {
    cohortKeys?: string[];
    hubKeys?: string[];
    countries?: string[];
    channels?: SegmentFilter['channels'];
    statuses?: SegmentFilter['statuses'];
    roles: AudienceRole[];
  };
  venues: VenueDefinition[];
  rsvp: boolean;
  announce: AnnounceRule;
  reminderOffsetsMinutes: number[];
  attendance: AttendanceMode[];
  feedback: boolean;
}

/** The instant the announcement goes, by its rule; null: now (as soon as the session exists). */
export function announceInstant(rule: AnnounceRule, venues: Pick<VenueDefinition, 'startsAt'>[]): Date | null {
  if (rule === null) return null;
  if ('at' in rule) return rule.at;
  const earliest = Math.min(...venues.map((venue) => venue.startsAt.getTime()));
  return new Date(earliest - rule.beforeMinutes * 60_000);
}

/**
 * The venue a person is invited to: their hub's, else the online one; null when the session has
 * neither (a person of a hub with no workshop is not invited to it).
 */
export function venueFor<V extends { key: string; hubId: string | null }>(
  venues: readonly V[],
  person: { hubId: string | null },
): V | null {
  return (
    (person.hubId !== null ? venues.find((venue) => venue.hubId === person.hubId) : undefined) ??
    venues.find((venue) => venue.key === ONLINE_VENUE) ??
    null
  );
}

/** Whether a message sent at `sentAt` (the platform's timestamp) may record attendance at a venue. */
export function withinAttendanceWindow(venue: { startsAt: Date; endsAt: Date }, sentAt: Date): boolean {
  const opens = venue.startsAt.getTime() - ATTENDANCE_OPENS_BEFORE_MINUTES * 60_000;
  const closes = venue.endsAt.getTime() + ATTENDANCE_CLOSES_AFTER_MINUTES * 60_000;
  return sentAt.getTime() >= opens && sentAt.getTime() <= closes;
}
