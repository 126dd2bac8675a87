import { z } from 'zod';
import { CHANNEL_NAMES } from '../inbound-event.ts';
import { ENROLMENT_STATUSES } from '../segment.ts';
import { ATTENDANCE_MODES, AUDIENCE_ROLES, SESSION_KINDS } from '../sessions/session-definition.ts';
import type { Language } from './language.ts';
import { announceFormatError, isAnnounceText, parseLocalDateTime } from './local-date-time.ts';

/**
 * The `sessions:` of a programme file: workshops at one venue per hub (each hour local to its hub),
 * or online sessions (hours in a named zone). Checks that need the hubs are in cross-check-sessions.ts.
 */

export const localDateTime = z
  .string({ error: 'must be a local date and time written YYYY-MM-DD HH:MM, such as 2027-03-08 09:00' })
  .refine((value) => parseLocalDateTime(value) !== null, {
    message: 'must be a local date and time written YYYY-MM-DD HH:MM, such as 2027-03-08 09:00',
  });

/** A list, or one value standing for a list of one (`hub: abidjan`). */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z.array(item).min(1, { message: 'must list at least one value, or be left out' }),
  );
}

/** One of `values`, with a message naming them. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (issue) => `unknown ${what} ${JSON.stringify(issue.input)}; use one of ${values.join(', ')}`,
  });
}

/** Builds the schema of `sessions:`, from the field schemas of the rest of the file. */
export function sessionsSchema(
  languages: readonly Language[],
  fields: { id: z.ZodString; text: z.ZodType; duration: z.ZodType<string>; timeZone: z.ZodType<string> },
) {
  const { id, text, duration, timeZone } = fields;
  // One plain string names the place in every language.
  const place = z.preprocess(
    (value) => (typeof value === 'string' ? Object.fromEntries(languages.map((language) => [language, value])) : value),
    text,
  );

  const audience = z.strictObject({
    cohort: listOf(id).optional(),
    hub: listOf(id).optional(),
    country: listOf(
      z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 country code such as CI or SN' }),
    ).optional(),
    channel: listOf(oneOf(CHANNEL_NAMES, 'channel')).optional(),
    status: listOf(oneOf(ENROLMENT_STATUSES, 'status')).optional(),
    roles: listOf(oneOf(AUDIENCE_ROLES, 'role')).default(['participant']),
  });

  const venue = z.strictObject({
    hub: id,
    place,
    address: z.string().trim().min(1).optional(),
    starts: localDateTime,
    ends: localDateTime,
    capacity: z
      .number({ error: 'must be a whole number of seats, 1 or more' })
      .int({ message: 'must be a whole number of seats, 1 or more' })
      .positive({ message: 'must be a whole number of seats, 1 or more' })
      .optional(),
  });

  const online = z.strictObject({
    url: z.url({ protocol: /^https?$/, error: 'must be a web address starting with https://' }),
    starts: localDateTime,
    ends: localDateTime,
    // Defaults to the programme's time_zone.
    time_zone: timeZone.optional(),
  });

  const session = z.strictObject({
    id,
    kind: oneOf(SESSION_KINDS, 'session kind'),
    title: text,
    description: text,
    audience: audience.optional(),
    venues: z.array(venue).min(1, { message: 'list at least one venue, or give `online` instead' }).optional(),
    online: online.optional(),
    rsvp: z.boolean({ error: 'must be true or false' }).default(true),
    announce: z
      .string({ error: announceFormatError })
      .refine(isAnnounceText, { message: announceFormatError })
      .optional(),
    reminders: z.array(duration).default(['1d', '2h']),
    attendance: listOf(oneOf(ATTENDANCE_MODES, 'way of taking attendance')).default(['code', 'roll_call']),
    feedback: z.boolean({ error: 'must be true or false' }).default(false),
  });

  return z.array(session).default([]);
}
