import { z } from 'zod';
import { CHANNEL_NAMES, type ChannelName } from './inbound-event.ts';
import type { Language } from './programme/language.ts';

/**
 * Who a broadcast goes to. Each field narrows the audience; a field left out does not narrow
 * it. Stored as Segment.filter and evaluated when the broadcast is sent, by the store in SQL;
 * `matchesSegment` is the same rule in code, so that tests can check the two agree.
 */

export const ENROLMENT_STATUSES = ['active', 'paused', 'stopped', 'selected', 'not_selected'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/**
 * The statuses a segment reaches when it names none: everyone but people who stopped or are on
 * a pause they asked for (staff can still name 'paused' to reach them). A person who stopped
 * (opted out) only ever gets the confirmation of their stop, so the broadcast sender refuses
 * them even when a segment names 'stopped' explicitly (to count them, say).
 */
export const DEFAULT_SEGMENT_STATUSES: readonly EnrolmentStatus[] = ENROLMENT_STATUSES.filter(
  (status) => status !== 'stopped' && status !== 'paused',
);

/** The roles a segment (or a session) can address. */
export const AUDIENCE_ROLES = ['participant', 'mentor', 'trainer', 'staff'] as const;
export type AudienceRole = (typeof AUDIENCE_ROLES)[number];

/**
 * The roles a segment reaches when it names none: participants, as before segments had roles,
 * so that a segment stored then still means the same.
 */
export const DEFAULT_SEGMENT_ROLES: readonly AudienceRole[] = ['participant'];

export interface SegmentFilter {
  /** Whom, by their enrolment's role; left out: participants only. */
  roles?: AudienceRole[];
  cohortIds?: string[];
  hubIds?: string[];
  /** ISO 3166-1 alpha-2, upper case: CI, BF, MG… */
  countries?: string[];
  channels?: ChannelName[];
  statuses?: EnrolmentStatus[];
}

/** One channel identity of one enrolled person, as a segment sees it. */
export interface SegmentRecipient {
  /** The role of the enrolment considered (a person with two roles is a recipient in each). */
  role: AudienceRole;
  cohortId: string;
  /** Null for people not attached to a hub. */
  hubId: string | null;
  /** The country the person lives in (`personCountry`): their own, else their hub's; null without either. */
  country: string | null;
  /** For a trainer, the hubs they run now (the hub filter matches them as well as their own). */
  runsHubs?: { id: string; country: string }[];
  channel: ChannelName;
  status: EnrolmentStatus;
}

/**
 * The country a segment places a person in: the one they gave (Person.country), else their hub's
 * (people who joined before they were asked keep their hub's until they set theirs).
 */
export function personCountry(person: { country: string | null; hub?: { country: string } | null }): string | null {
  return person.country ?? person.hub?.country ?? null;
}

/** A list in a filter is never empty: an empty list would read as "anyone" to some and "no one" to others. */
const nonEmpty = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, { message: 'must list at least one value, or be left out' });

export const segmentFilterSchema = z.strictObject({
  roles: nonEmpty(z.enum(AUDIENCE_ROLES)).optional(),
  cohortIds: nonEmpty(z.string().min(1)).optional(),
  hubIds: nonEmpty(z.string().min(1)).optional(),
  countries: nonEmpty(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166 country code such as CI or SN' })
      .transform((code) => code.toUpperCase()),
  ).optional(),
  channels: nonEmpty(z.enum(CHANNEL_NAMES)).optional(),
  statuses: nonEmpty(z.enum(ENROLMENT_STATUSES)).optional(),
}) satisfies z.ZodType<SegmentFilter, unknown>;

/** Whether a recipient is in the segment. An empty list (which the schema refuses) matches no one. */
export function matchesSegment(filter: SegmentFilter, recipient: SegmentRecipient): boolean {
  const runs = recipient.role === 'trainer' ? (recipient.runsHubs ?? []) : [];
  return (
    (filter.roles ?? DEFAULT_SEGMENT_ROLES).includes(recipient.role) &&
    within(filter.cohortIds, recipient.cohortId) &&
    (within(filter.hubIds, recipient.hubId) || runs.some((hub) => within(filter.hubIds, hub.id))) &&
    (within(filter.countries, recipient.country) || runs.some((hub) => within(filter.countries, hub.country))) &&
    within(filter.channels, recipient.channel) &&
    (filter.statuses ?? DEFAULT_SEGMENT_STATUSES).includes(recipient.status)
  );
}

function within<T>(allowed: readonly T[] | undefined, value: T | null): boolean {
  return allowed === undefined || (value !== null && allowed.includes(value));
}

const WORDS = {
  fr: {
    everyone: 'Tout le monde',
    cohort: 'cohorte',
    hub: 'hub',
    country: 'pays',
    channel: 'canal',
    status: 'statut',
    or: 'ou',
    and: 'et',
    only: '{{roles}} uniquement',
    roles: { participant: 'participants', mentor: 'mentors', trainer: 'formateurs', staff: 'équipe du programme' },
    statuses: {
      active: 'actif',
      paused: 'en pause',
      stopped: 'désinscrit',
      selected: 'sélectionné',
      not_selected: 'non sélectionné',
    },
    exceptStopped: 'sauf les personnes désinscrites',
    stoppedRefused: 'les personnes désinscrites ne recevront rien',
  },
  en: {
    everyone: 'Everyone',
    cohort: 'cohort',
    hub: 'hub',
    country: 'country',
    channel: 'channel',
    status: 'status',
    or: 'or',
    and: 'and',
    only: '{{roles}} only',
    roles: { participant: 'participants', mentor: 'mentors', trainer: 'trainers', staff: 'programme team' },
    statuses: {
      active: 'active',
      paused: 'paused',
      stopped: 'stopped',
      selected: 'selected',
      not_selected: 'not selected',
    },
    exceptStopped: 'except people who stopped',
    stoppedRefused: 'people who stopped will get nothing',
  },
} as const;

const CHANNEL_LABELS: Record<ChannelName, string> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  simulator: 'Simulator',
};

/** Names the preview shows instead of ids; an id without a name is shown as it is. */
export interface SegmentNames {
  cohorts?: Record<string, string>;
  hubs?: Record<string, string>;
}

/**
 * A short description of a segment for staff previews: "cohorte Promo 2027 · hub Abidjan ou
 * Tunis · canal WhatsApp". Countries are named in the staff member's language.
 */
export function describeSegment(filter: SegmentFilter, names: SegmentNames, language: Language): string {
  const words = WORDS[language];
  const list = (values: readonly string[]) => values.join(` ${words.or} `);
  const countryNames = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  const parts: string[] = [];
  if (filter.roles) parts.push(describeRoles(filter.roles, language));
  if (filter.cohortIds) parts.push(`${words.cohort} ${list(filter.cohortIds.map((id) => names.cohorts?.[id] ?? id))}`);
  if (filter.hubIds) parts.push(`${words.hub} ${list(filter.hubIds.map((id) => names.hubs?.[id] ?? id))}`);
  if (filter.countries)
    parts.push(`${words.country} ${list(filter.countries.map((code) => countryName(countryNames, code)))}`);
  if (filter.channels)
    parts.push(`${words.channel} ${list(filter.channels.map((channel) => CHANNEL_LABELS[channel]))}`);
  if (filter.statuses) parts.push(`${words.status} ${list(filter.statuses.map((status) => words.statuses[status]))}`);

  const notes: string[] = [];
  if (filter.statuses === undefined) notes.push(words.exceptStopped);
  else if (filter.statuses.includes('stopped')) notes.push(words.stoppedRefused);
  const description = parts.length === 0 ? `${words.everyone} ${words.exceptStopped}` : parts.join(' · ');
  return parts.length === 0 || notes.length === 0 ? description : `${description} (${notes.join(', ')})`;
}

/**
 * "participants et mentors", "formateurs uniquement", "participants, mentors, trainers and
 * programme team": the roles in their usual order.
 */
export function describeRoles(roles: readonly AudienceRole[], language: Language): string {
  const words = WORDS[language];
  const named = AUDIENCE_ROLES.filter((role) => roles.includes(role)).map((role) => words.roles[role]);
  if (named.length === 1) return words.only.replace('{{roles}}', named[0]!);
  return `${named.slice(0, -1).join(', ')} ${words.and} ${named.at(-1)}`;
}

function countryName(displayNames: Intl.DisplayNames, code: string): string {
  try {
    return displayNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
