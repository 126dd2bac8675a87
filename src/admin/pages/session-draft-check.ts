import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseDuration } from '../../domain/duration.ts';
import { CHANNEL_NAMES } from '../../domain/inbound-event.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { ENROLMENT_STATUSES } from '../../domain/segment.ts';
import {
  ATTENDANCE_MODES,
  AUDIENCE_ROLES,
  ONLINE_VENUE,
  SESSION_KINDS,
  type AnnounceRule,
  type SessionDefinition,
  type VenueDefinition,
} from '../../domain/sessions/session-definition.ts';
import { localDateTimeInstant } from '../../domain/sessions/session-local-time.ts';
import { zoneCity } from '../../domain/zone-city.ts';
import type { SessionChoices } from './session-choices.ts';
import type { SessionDraft } from './session-draft.ts';

/** What is wrong with a field, by the field's name: a string of `dashboard-sessions` and its values. */
export type FieldErrors = Record<string, { key: string; values?: Record<string, unknown> }>;

const TITLE_MAX_CHARS = 200;
const DESCRIPTION_MAX_CHARS = 2000;
const CAPACITY_MAX = 100_000;

const keySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'form.error_key' });
const kindSchema = z.enum(SESSION_KINDS, { error: 'form.error_kind' });
const textSchema = (max: number) =>
  z.string().min(1, { error: 'form.error_required' }).max(max, { error: 'form.error_too_long' });
const urlSchema = z.url({ protocol: /^https?$/, error: 'form.error_url' });
const zoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), { error: 'form.error_zone' });
const capacitySchema = z
  .string()
  .regex(/^\d{0,6}$/, { error: 'form.error_capacity' })
  .transform((digits) => (digits === '' ? null : Number(digits)))
  .refine((seats) => seats === null || (seats >= 1 && seats <= CAPACITY_MAX), { error: 'form.error_capacity' });
const rolesSchema = z.array(z.enum(AUDIENCE_ROLES)).min(1, { error: 'form.error_roles' });
const attendanceSchema = z.array(z.enum(ATTENDANCE_MODES), { error: 'form.error_attendance' });
/** "1d, 2h": reminders before the start, latest last; empty: none. */
const remindersSchema = z.string().transform((text, ctx) => {
  const minutes = text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseDuration);
  if (minutes.some((value) => value === null || value <= 0)) {
    ctx.addIssue({ code: 'custom', message: 'form.error_reminders' });
    return z.NEVER;
  }
  return [...new Set(minutes as number[])].sort((a, b) => b - a);
});
const beforeSchema = z
  .string()
  .transform((text) => parseDuration(text))
  .refine((minutes): minutes is number => minutes !== null && minutes > 0, { error: 'form.error_duration' });

/**
 * The draft as a session to save, or what is wrong with it, field by field: local date-times are
 * read in their venue's zone (a time that zone skips is refused), a new start must be to come (a
 * start left as it was may be past), an end after its start. A language left empty takes the
 * first one's text. `storedStarts`: the venues' starts as saved, by venue key (editing);
 * `announceMayBePast`: the session was announced, or is due to be (editing).
 */
export function checkSessionDraft(
  draft: SessionDraft,
  programme: SessionChoices,
  options: { now: Date; storedStarts: ReadonlyMap<string, number>; announceMayBePast: boolean },
): { ok: true; definition: SessionDefinition } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const take = <T>(field: string, schema: z.ZodType<T, unknown>, value: unknown): T | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    errors[field] ??= { key: parsed.error.issues[0]?.message ?? 'form.error_invalid' };
    return undefined;
  };
  const fail = (field: string, key: string, values?: Record<string, unknown>): undefined => {
    errors[field] ??= { key, ...(values && { values }) };
    return undefined;
  };
  const [firstLanguage] = programme.languages;
  const texts = (prefix: string, value: LocalizedText, max: number, required = true): LocalizedText => {
    const first = firstLanguage ? value[firstLanguage] : '';
    if (required) take(`${prefix}_${firstLanguage}`, textSchema(max), first);
    for (const language of programme.languages)
      take(`${prefix}_${language}`, z.string().max(max, { error: 'form.error_too_long' }), value[language] ?? '');
    return Object.fromEntries(programme.languages.map((language) => [language, value[language] || first || '']));
  };
  const hours = (
    field: { starts: string; ends: string },
    zone: string,
    venueKey: string,
  ): { startsAt: Date; endsAt: Date } | undefined => {
    const read = (name: string, local: string) => {
      if (local === '') return fail(name, 'form.error_required');
      const instant = localDateTimeInstant(local, zone);
      if (!instant.ok)
        return fail(name, `form.error_time_${instant.reason}`, {
          zone,
          city: zoneCity(zone),
          local: local.replace('T', ' '),
        });
      return instant.instant;
    };
    const prefix = draft.where === 'online' ? 'online' : draft.same.time ? 'same' : `venue_${venueKey}`;
    const startsAt = read(`${prefix}_starts`, field.starts);
    const endsAt = read(`${prefix}_ends`, field.ends);
    if (!startsAt || !endsAt) return undefined;
    if (endsAt <= startsAt) return fail(`${prefix}_ends`, 'form.error_ends_before');
    if (startsAt <= options.now && options.storedStarts.get(venueKey) !== startsAt.getTime())
      return fail(`${prefix}_starts`, 'form.error_starts_past');
    return { startsAt, endsAt };
  };

  const key = draft.key === '' ? fail('key', 'form.error_key_empty') : take('key', keySchema, draft.key);
  const kind = take('kind', kindSchema, draft.kind);
  const title = texts('title', draft.title, TITLE_MAX_CHARS);
  const description = texts('description', draft.description, DESCRIPTION_MAX_CHARS);
  const roles = take('role', rolesSchema, draft.role);

  const venues: VenueDefinition[] = [];
  if (draft.where === 'online') {
    const url = take('online_url', urlSchema, draft.online.url);
    const zone = take('online_zone', zoneSchema, draft.online.zone);
    const when = zone ? hours(draft.online, zone, ONLINE_VENUE) : undefined;
    if (url && zone && when)
      venues.push({
        key: ONLINE_VENUE,
        hubKey: null,
        place: null,
        address: null,
        url,
        timeZone: zone,
        ...when,
        capacity: null,
      });
  } else {
    const held = programme.hubs.filter((hub) => draft.venue[hub.key]?.held);
    if (held.length === 0) fail('where', 'form.error_no_venue');
    for (const hub of held) {
      const row = draft.venue[hub.key]!;
      const place = texts(`venue_${hub.key}_place`, row.place, TITLE_MAX_CHARS);
      const capacity = take(`venue_${hub.key}_capacity`, capacitySchema, row.capacity);
      const when = hours(draft.same.time ? draft.same : row, hub.timeZone, hub.key);
      if (when && capacity !== undefined)
        venues.push({
          key: hub.key,
          hubKey: hub.key,
          place,
          address: row.address || null,
          url: null,
          timeZone: hub.timeZone,
          ...when,
          capacity,
        });
    }
  }

  const reminders = take('reminders', remindersSchema, draft.reminders);
  const attendance = take('attendance', attendanceSchema, draft.attendance);
  let announce: AnnounceRule = null;
  if (draft.announce.when === 'at') {
    const at = localDateTimeInstant(draft.announce.at, programme.timeZone);
    if (!at.ok)
      fail('announce_at', draft.announce.at === '' ? 'form.error_required' : `form.error_time_${at.reason}`, {
        zone: programme.timeZone,
        city: zoneCity(programme.timeZone),
        local: draft.announce.at.replace('T', ' '),
      });
    else if (at.instant <= options.now && !options.announceMayBePast) fail('announce_at', 'form.error_announce_past');
    else announce = { at: at.instant };
  } else if (draft.announce.when === 'before') {
    const minutes = take('announce_before', beforeSchema, draft.announce.before);
    if (minutes) announce = { beforeMinutes: minutes };
  }

  if (Object.keys(errors).length > 0 || !key || !kind || !roles || !reminders || !attendance)
    return { ok: false, errors };
  return {
    ok: true,
    definition: {
      key,
      kind,
      title,
      description,
      audience: { ...audienceOf(draft, programme), roles },
      venues,
      rsvp: draft.rsvp,
      announce,
      reminderOffsetsMinutes: reminders,
      attendance,
      feedback: draft.feedback,
    },
  };
}

/** The audience's groups as keys; a staff member of only some cohorts invites only theirs. */
function audienceOf(draft: SessionDraft, programme: SessionChoices): Omit<SessionDefinition['audience'], 'roles'> {
  const cohorts = programme.cohorts.filter((cohort) => draft.cohort.includes(cohort.id));
  const cohortKeys = (cohorts.length > 0 || programme.seesAllCohorts ? cohorts : programme.cohorts).map((c) => c.key);
  const hubKeys = programme.hubs.filter((hub) => draft.hub.includes(hub.id)).map((hub) => hub.key);
  const countries = [...new Set(programme.hubs.map((hub) => hub.country))].filter((c) => draft.country.includes(c));
  const channels = CHANNEL_NAMES.filter((channel) => draft.channel.includes(channel));
  const statuses = ENROLMENT_STATUSES.filter((status) => status !== 'stopped' && draft.status.includes(status));
  return {
    ...(cohortKeys.length > 0 && { cohortKeys }),
    ...(hubKeys.length > 0 && { hubKeys }),
    ...(countries.length > 0 && { countries }),
    ...(channels.length > 0 && { channels }),
    ...(statuses.length > 0 && { statuses }),
  };
}

/** A session key made from its title: "Atelier : cartographier son projet" → "atelier-cartographier-son-projet". */
export function keyFromTitle(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/**
 * Venues the form leaves out though people were invited to them: refused beside the hub (or the
 * choice between in person and online), since their invitations would be left without a venue.
 */
export function droppedInvitedVenues(
  session: { venues: { id: string; key: string }[]; invitations: { venueId: string }[] },
  definition: SessionDefinition,
): FieldErrors {
  const kept = new Set(definition.venues.map((venue) => venue.key));
  const errors: FieldErrors = {};
  for (const venue of session.venues) {
    const invited = session.invitations.filter((invitation) => invitation.venueId === venue.id).length;
    if (invited === 0 || kept.has(venue.key)) continue;
    const field =
      venue.key === ONLINE_VENUE || !definition.venues.some((v) => v.hubKey) ? 'where' : `venue_${venue.key}_held`;
    errors[field] ??= { key: 'form.error_venue_invited', values: { count: invited } };
  }
  return errors;
}
