import { DateTime } from 'luxon';
import { z } from 'zod';
import { audienceHub, timesZoneOf } from '../../domain/broadcast-wording.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { readerPlaces } from '../../domain/reader-places.ts';
import { extractTimes } from '../../domain/time-mention.ts';
import { zoneCity } from '../../domain/zone-city.ts';
import { SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import {
  AUDIENCE_ROLES,
  DEFAULT_SEGMENT_ROLES,
  describeRoles,
  segmentFilterSchema,
  type AudienceRole,
  type SegmentFilter,
} from '../../domain/segment.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { BroadcastStore, StaffProgrammeView } from '../stores/broadcast-store.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import { flowData } from '../flow-data.ts';
import { normalizeWords } from '../keywords.ts';
import { speakerFor, text, type Speaker } from '../speaker.ts';

/** The stores this file reads and changes. */
type BroadcastContext = ConversationContext<BroadcastStore & DialogueStateStore>;

/**
 * Staff write an announcement in chat: audience, the text in each language, a preview with the
 * number of recipients (and how many WhatsApp recipients are outside their 24-hour window), then
 * send now or at a given time. Times written in the text are read in the programme's time zone,
 * or, for an announcement to one city, in that city's when the author says so (asked when the
 * text has times), and shown to each recipient in theirs; the preview shows each group of
 * readers the text they will read. Participants get it unless the author picks other roles first
 * ("Mentors, trainers, team…"), then narrows them as usual (trainers of one city, say).
 */
const BROADCAST = 'broadcast';
const STATUSES = ['active', 'paused', 'selected', 'not_selected'] as const;
const CHANNELS = ['telegram', 'whatsapp', 'simulator'] as const;
/** The order STATS names statuses in. */
const STATS_ORDER = ['active', 'paused', 'selected', 'not_selected', 'stopped'] as const;

const broadcastData = z.object({
  programmeId: z.string(),
  /** Chosen before the rest of the audience; left out: participants. */
  roles: z.array(z.enum(AUDIENCE_ROLES)).min(1).optional(),
  filter: segmentFilterSchema.optional(),
  dimension: z.string().optional(),
  texts: z.partialRecord(z.enum(SUPPORTED_LANGUAGES), z.string()).optional(),
  timesIn: z.enum(['programme', 'audience']).optional(),
});
type BroadcastData = z.infer<typeof broadcastData>;

/** What the broadcast flow keeps between messages. */
export const BROADCAST_STATES = { [BROADCAST]: broadcastData };

export function isBroadcastFlow(state: FlowState): boolean {
  return state.flow === BROADCAST;
}

export async function startBroadcast(context: BroadcastContext): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const [programme] = await context.store.staffProgrammes(context.person.id);
  if (!programme) return [text(speaker.t('commands:not_enrolled'))];
  await context.store.setState(context.person.id, {
    flow: BROADCAST,
    step: 'audience',
    data: { programmeId: programme.id },
  });
  return [dimensionQuestion(speaker)];
}

export async function continueBroadcast(
  state: FlowState,
  event: InboundEvent,
  context: BroadcastContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const speaker = speakerFor(context);
  const { t } = speaker;
  const data = flowData(broadcastData, state);
  const programme = (await store.staffProgrammes(person.id)).find((p) => p.id === data.programmeId);
  if (!programme) {
    await store.clearState(person.id);
    return [text(t('commands:staff_only'))];
  }
  const choice = event.kind === 'choice' ? event.choiceId : '';
  const save = (step: string, changes: Partial<BroadcastData>) =>
    store.setState(person.id, { flow: BROADCAST, step, data: { ...data, ...changes } });

  switch (state.step) {
    case 'audience': {
      if (choice === 'bc-dim:all') return askText(programme, 0, withRoles({ ...data, filter: {} }), context, speaker);
      if (choice === 'bc-dim:role' && !data.roles) {
        await save('roles', {});
        return [rolesQuestion(speaker)];
      }
      const dimension = choice.replace(/^bc-dim:/, '');
      const question = valueQuestion(dimension, programme, speaker);
      if (!question) return [dimensionQuestion(speaker, data.roles)];
      await save('audience_value', { dimension });
      return [question];
    }
    case 'roles': {
      const picked = choice.replace(/^bc-role:/, '');
      const roles: AudienceRole[] | null =
        picked === 'all'
          ? [...AUDIENCE_ROLES]
          : (AUDIENCE_ROLES as readonly string[]).includes(picked)
            ? [picked as AudienceRole]
            : null;
      if (!roles) return [rolesQuestion(speaker)];
      await save('audience', { roles });
      return [dimensionQuestion(speaker, roles)];
    }
    case 'audience_value': {
      const value = choice.replace(/^bc-val:/, '');
      const filter = filterFor(data.dimension ?? '', value, programme);
      if (!filter)
        return [valueQuestion(data.dimension ?? '', programme, speaker) ?? dimensionQuestion(speaker, data.roles)];
      return askText(programme, 0, withRoles({ ...data, filter }), context, speaker);
    }
    case 'text': {
      const index = Object.keys(data.texts ?? {}).length;
      const language = programme.languages[index]!;
      if (event.kind === 'choice' && event.choiceId === 'bc:same' && index > 0) {
        return askText(programme, index + 1, data, context, speaker);
      }
      if (event.kind !== 'text' || event.text.trim() === '') return [text(t('staff:write_text'))];
      const texts = { ...data.texts, [language]: event.text.trim() };
      return askText(programme, index + 1, { ...data, texts }, context, speaker);
    }
    case 'confirm': {
      if (choice === 'bc:cancel') {
        await store.clearState(person.id);
        return [text(t('commands:cancelled'))];
      }
      if (choice === 'bc:now') return schedule(context.now(), data, programme, context, speaker);
      if (choice === 'bc:later') {
        await save('when', {});
        return [text(t('staff:ask_when', whenExample(programme.timeZone, context.now(), speaker)))];
      }
      return preview(data, programme, context, speaker);
    }
    case 'zone': {
      if (choice === 'bc-tz:audience' || choice === 'bc-tz:programme') {
        const timesIn = choice === 'bc-tz:audience' ? 'audience' : 'programme';
        return preview({ ...data, timesIn }, programme, context, speaker);
      }
      return [zoneQuestion(data, programme, speaker) ?? text(t('staff:write_text'))];
    }
    case 'when': {
      const at = event.kind === 'text' ? parseWhen(event.text, programme.timeZone) : null;
      if (!at || at.getTime() <= context.now().getTime())
        return [text(t('staff:when_invalid', whenExample(programme.timeZone, context.now(), speaker)))];
      return schedule(at, data, programme, context, speaker);
    }
  }
  await store.clearState(person.id);
  return [];
}

/** The segment with the roles chosen; participants alone are left out, as segments always meant them. */
function withRoles(data: BroadcastData): BroadcastData {
  const roles = data.roles;
  if (!roles || (roles.length === 1 && roles[0] === 'participant')) return data;
  return { ...data, filter: { ...data.filter, roles } };
}

/** Which part of the programme; before roles are chosen, choosing them is one of the answers. */
function dimensionQuestion(speaker: Speaker, roles?: readonly AudienceRole[]): Outgoing {
  const dimensions = ['all', 'cohort', 'hub', 'country', 'channel', 'status', ...(roles ? [] : ['role'])];
  return {
    payload: {
      kind: 'choices',
      text: roles
        ? speaker.t('staff:audience_narrow', { roles: describeRoles(roles, speaker.language) })
        : speaker.t('staff:audience'),
      menuLabel: speaker.t('common:choose'),
      choices: dimensions.map((d) => ({ id: `bc-dim:${d}`, label: speaker.t(`staff:dimension_${d}`) })),
    },
  };
}

/** Participants, mentors, trainers, the team, or all of them. */
function rolesQuestion(speaker: Speaker): Outgoing {
  return {
    payload: {
      kind: 'choices',
      text: speaker.t('staff:audience_roles'),
      menuLabel: speaker.t('common:choose'),
      choices: [...AUDIENCE_ROLES, 'all'].map((role) => ({
        id: `bc-role:${role}`,
        label: speaker.t(`staff:role_${role}`),
      })),
    },
  };
}

function valueQuestion(dimension: string, programme: StaffProgrammeView, speaker: Speaker): Outgoing | null {
  const values = valuesOf(dimension, programme, speaker);
  if (!values) return null;
  return {
    payload: {
      kind: 'choices',
      text: speaker.t(`staff:audience_value_${dimension}`),
      menuLabel: speaker.t('common:choose'),
      choices: values,
    },
  };
}

function valuesOf(
  dimension: string,
  programme: StaffProgrammeView,
  speaker: Speaker,
): { id: string; label: string }[] | null {
  switch (dimension) {
    case 'cohort':
      return programme.cohorts.map((c) => ({ id: `bc-val:${c.id}`, label: speaker.pick(c.name) }));
    case 'hub':
      return programme.hubs.map((h) => ({ id: `bc-val:${h.id}`, label: speaker.pick(h.name) }));
    case 'country':
      return [...new Set(programme.hubs.map((h) => h.country))].map((c) => ({ id: `bc-val:${c}`, label: c }));
    case 'channel':
      return CHANNELS.map((c) => ({ id: `bc-val:${c}`, label: c }));
    case 'status':
      return STATUSES.map((s) => ({ id: `bc-val:${s}`, label: speaker.t(`staff:status_${s}`) }));
    default:
      return null;
  }
}

function filterFor(dimension: string, value: string, programme: StaffProgrammeView): SegmentFilter | null {
  switch (dimension) {
    case 'cohort':
      return programme.cohorts.some((c) => c.id === value) ? { cohortIds: [value] } : null;
    case 'hub':
      return programme.hubs.some((h) => h.id === value) ? { hubIds: [value] } : null;
    case 'country':
      return programme.hubs.some((h) => h.country === value) ? { countries: [value] } : null;
    case 'channel':
      return (CHANNELS as readonly string[]).includes(value)
        ? { channels: [value as (typeof CHANNELS)[number]] }
        : null;
    case 'status':
      return (STATUSES as readonly string[]).includes(value)
        ? { statuses: [value as (typeof STATUSES)[number]] }
        : null;
    default:
      return null;
  }
}

/**
 * Asks for the text in the programme's language number `index`; after the last, which time its
 * times are in (when that is a question), then the preview.
 */
async function askText(
  programme: StaffProgrammeView,
  index: number,
  data: BroadcastData,
  context: BroadcastContext,
  speaker: Speaker,
): Promise<Outgoing[]> {
  const language = programme.languages[index];
  if (!language) {
    const question = zoneQuestion(data, programme, speaker);
    if (!question) return preview(data, programme, context, speaker);
    await context.store.setState(context.person.id, { flow: BROADCAST, step: 'zone', data });
    return [question];
  }
  await context.store.setState(context.person.id, {
    flow: BROADCAST,
    step: 'text',
    data: { ...data, texts: data.texts ?? {} },
  });
  const hub = otherZoneHub(data, programme);
  const prompt = speaker.t(hub ? 'staff:write_in_city' : 'staff:write_in', {
    language: speaker.t(`staff:language_${language}`),
    place: zoneCity(programme.timeZone),
    city: hub && speaker.pick(hub.name),
  });
  if (index === 0) return [text(prompt)];
  return [
    { payload: { kind: 'choices', text: prompt, choices: [{ id: 'bc:same', label: speaker.t('staff:same_text') }] } },
  ];
}

/** The one hub the announcement is for, when its clock is not the programme's. */
function otherZoneHub(data: BroadcastData, programme: StaffProgrammeView) {
  const hub = audienceHub(data.filter ?? {}, programme.hubs);
  return hub && hub.timeZone !== programme.timeZone ? hub : undefined;
}

/** Whether the times written are the city's or the programme's: asked for one city, when the text has times. */
function zoneQuestion(data: BroadcastData, programme: StaffProgrammeView, speaker: Speaker): Outgoing | null {
  const hub = otherZoneHub(data, programme);
  const times = Object.values(data.texts ?? {}).flatMap((written) => extractTimes(written).map((time) => time.text));
  if (!hub || times.length === 0) return null;
  const city = speaker.pick(hub.name);
  const place = zoneCity(programme.timeZone);
  return {
    payload: {
      kind: 'choices',
      text: speaker.t('staff:times_in', { times: [...new Set(times)].join(', '), city, place }),
      choices: [
        { id: 'bc-tz:audience', label: speaker.t('staff:times_in_city', { city }) },
        { id: 'bc-tz:programme', label: speaker.t('staff:times_in_programme', { place }) },
      ],
    },
  };
}

/** The texts as each group of readers will read them, and the counts, with the send buttons. */
async function preview(
  data: BroadcastData,
  programme: StaffProgrammeView,
  context: BroadcastContext,
  speaker: Speaker,
): Promise<Outgoing[]> {
  const { t } = speaker;
  const filter = data.filter ?? {};
  const first = programme.languages[0]!;
  const texts = Object.fromEntries(
    programme.languages.map((language) => [language, data.texts?.[language] ?? data.texts?.[first] ?? '']),
  );
  const seen = await context.store.previewBroadcast({
    programmeId: programme.id,
    filter,
    texts,
    timesZone: timesZoneOf(data.timesIn ?? 'audience', filter, programme),
    at: context.now(),
    defaultLanguage: context.defaultLanguage,
  });
  await context.store.setState(context.person.id, { flow: BROADCAST, step: 'confirm', data: { ...data } });
  const lines =
    seen.variants.length > 0
      ? seen.variants.map((variant) =>
          t('staff:preview_line', {
            places: readerPlaces(variant.places, speaker.language),
            count: variant.readers,
            language: t(`staff:language_${variant.language}`),
            text: variant.text,
          }),
        )
      : programme.languages.map((language) =>
          t('staff:preview_line_nobody', { language: t(`staff:language_${language}`), text: texts[language] }),
        );
  return [
    text(`${t('staff:preview_title')}\n${lines.join('\n')}`),
    {
      payload: {
        kind: 'choices',
        text: `${rolesLine(filter, seen.byRole, speaker)}\n${t('staff:preview_counts', {
          recipients: seen.recipients,
          whatsappOutsideWindow: seen.whatsappOutsideWindow,
        })}`,
        choices: [
          { id: 'bc:now', label: t('staff:send_now') },
          { id: 'bc:later', label: t('staff:send_later') },
          { id: 'bc:cancel', label: t('staff:cancel') },
        ],
      },
    },
  ];
}

/** "For: mentors only — 2 mentors." */
function rolesLine(filter: SegmentFilter, byRole: Partial<Record<AudienceRole, number>>, speaker: Speaker): string {
  const roles = AUDIENCE_ROLES.filter((role) => (filter.roles ?? DEFAULT_SEGMENT_ROLES).includes(role));
  const counts = roles.map((role) => speaker.t(`staff:role_count_${role}`, { count: byRole[role] ?? 0 }));
  return speaker.t('staff:preview_roles', {
    roles: describeRoles(roles, speaker.language),
    counts: counts.join(', '),
  });
}

async function schedule(
  at: Date,
  data: BroadcastData,
  programme: StaffProgrammeView,
  context: BroadcastContext,
  speaker: Speaker,
): Promise<Outgoing[]> {
  const fallback = data.texts?.[programme.languages[0]!] ?? '';
  const texts = Object.fromEntries(programme.languages.map((l) => [l, data.texts?.[l] ?? fallback]));
  const filter = data.filter ?? {};
  await context.store.createBroadcast({
    programmeId: programme.id,
    filter,
    texts,
    timesZone: timesZoneOf(data.timesIn ?? 'audience', filter, programme),
    scheduledAt: at,
    createdById: context.person.id,
  });
  await context.store.clearState(context.person.id);
  if (at.getTime() <= context.now().getTime()) return [text(speaker.t('staff:sending'))];
  return [
    text(
      speaker.t('staff:scheduled', {
        at: formatLocalDateTime(at, programme.timeZone, speaker.language),
        place: zoneCity(programme.timeZone),
      }),
    ),
  ];
}

/** An example of a sending time as staff type it (tomorrow at 10:00), for the question and its repeat. */
function whenExample(timeZone: string, now: Date, speaker: Speaker): { place: string; example: string } {
  const tomorrow = DateTime.fromJSDate(now, { zone: timeZone }).plus({ days: 1 }).set({ hour: 10, minute: 0 });
  return {
    place: zoneCity(timeZone),
    example: tomorrow.toFormat(speaker.language === 'fr' ? "dd/LL/yyyy HH'h'mm" : 'dd/LL/yyyy HH:mm'),
  };
}

/** "2027-01-20 15:00", "20/01/2027 15h" in the programme's time zone. */
export function parseWhen(input: string, timeZone: string): Date | null {
  const value = normalizeWords(input);
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ t](\d{1,2})[:h](\d{2})$/.exec(value);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2})[:h](\d{2})?$/.exec(value);
  const parts = iso
    ? { year: +iso[1]!, month: +iso[2]!, day: +iso[3]!, hour: +iso[4]!, minute: +iso[5]! }
    : french
      ? { year: +french[3]!, month: +french[2]!, day: +french[1]!, hour: +french[4]!, minute: +(french[5] ?? 0) }
      : null;
  if (!parts) return null;
  const local = DateTime.fromObject(parts, { zone: timeZone });
  return local.isValid ? local.toJSDate() : null;
}

/** STATS: the cohort at a glance, in sentences. */
export async function stats(context: BroadcastContext): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const [programme] = await context.store.staffProgrammes(context.person.id);
  if (!programme) return [text(speaker.t('commands:not_enrolled'))];
  const cohorts = await context.store.cohortStats(programme.id, context.now());
  const list = new Intl.ListFormat(speaker.language, { type: 'conjunction' });
  const lines = cohorts.flatMap((cohort) => {
    const total = Object.values(cohort.byStatus).reduce((sum, n) => sum + n, 0);
    const statuses = STATS_ORDER.filter((status) => (cohort.byStatus[status] ?? 0) > 0).map((status) =>
      speaker.t(`staff:stats_${status}`, { count: cohort.byStatus[status] }),
    );
    const name = speaker.pick(cohort.name);
    return [
      total === 0
        ? speaker.t('staff:stats_cohort_empty', { cohort: name })
        : speaker.t('staff:stats_cohort', { cohort: name, count: total, statuses: list.format(statuses) }),
      ...cohort.exercises.map((e) => speaker.t('staff:exercise_line', { ...e, title: speaker.pick(e.title) })),
    ];
  });
  return [text(lines.join('\n'))];
}
