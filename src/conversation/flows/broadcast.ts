import { DateTime } from 'luxon';
import { z } from 'zod';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import { segmentFilterSchema, type SegmentFilter } from '../../domain/segment.ts';
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
 * send now or at a given time. Times written in the text are read in the programme's time zone
 * and shown to each recipient in theirs when it is sent.
 */
const BROADCAST = 'broadcast';
const STATUSES = ['active', 'paused', 'selected', 'not_selected'] as const;
const CHANNELS = ['telegram', 'whatsapp', 'simulator'] as const;

const broadcastData = z.object({
  programmeId: z.string(),
  filter: segmentFilterSchema.optional(),
  dimension: z.string().optional(),
  texts: z.partialRecord(z.enum(SUPPORTED_LANGUAGES), z.string()).optional(),
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
      if (choice === 'bc-dim:all') return askText(programme, 0, { ...data, filter: {} }, context, speaker);
      const dimension = choice.replace(/^bc-dim:/, '');
      const question = valueQuestion(dimension, programme, speaker);
      if (!question) return [dimensionQuestion(speaker)];
      await save('audience_value', { dimension });
      return [question];
    }
    case 'audience_value': {
      const value = choice.replace(/^bc-val:/, '');
      const filter = filterFor(data.dimension ?? '', value, programme);
      if (!filter) return [valueQuestion(data.dimension ?? '', programme, speaker) ?? dimensionQuestion(speaker)];
      return askText(programme, 0, { ...data, filter }, context, speaker);
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
        return [text(t('staff:ask_when', { zone: programme.timeZone }))];
      }
      return preview(data, programme, context, speaker);
    }
    case 'when': {
      const at = event.kind === 'text' ? parseWhen(event.text, programme.timeZone) : null;
      if (!at || at.getTime() <= context.now().getTime())
        return [text(t('staff:when_invalid', { zone: programme.timeZone }))];
      return schedule(at, data, programme, context, speaker);
    }
  }
  await store.clearState(person.id);
  return [];
}

function dimensionQuestion(speaker: Speaker): Outgoing {
  const dimensions = ['all', 'cohort', 'hub', 'country', 'channel', 'status'];
  return {
    payload: {
      kind: 'choices',
      text: speaker.t('staff:audience'),
      menuLabel: speaker.t('common:choose'),
      choices: dimensions.map((d) => ({ id: `bc-dim:${d}`, label: speaker.t(`staff:dimension_${d}`) })),
    },
  };
}

function valueQuestion(dimension: string, programme: StaffProgrammeView, speaker: Speaker): Outgoing | null {
  const values = valuesOf(dimension, programme, speaker);
  if (!values) return null;
  return {
    payload: {
      kind: 'choices',
      text: speaker.t('staff:audience_value'),
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

/** Asks for the text in the programme's language number `index`; after the last, the preview. */
async function askText(
  programme: StaffProgrammeView,
  index: number,
  data: BroadcastData,
  context: BroadcastContext,
  speaker: Speaker,
): Promise<Outgoing[]> {
  const language = programme.languages[index];
  if (!language) return preview(data, programme, context, speaker);
  await context.store.setState(context.person.id, {
    flow: BROADCAST,
    step: 'text',
    data: { ...data, texts: data.texts ?? {} },
  });
  const prompt = speaker.t('staff:write_in', {
    language: speaker.t(`staff:language_${language}`),
    zone: programme.timeZone,
  });
  if (index === 0) return [text(prompt)];
  return [
    { payload: { kind: 'choices', text: prompt, choices: [{ id: 'bc:same', label: speaker.t('staff:same_text') }] } },
  ];
}

async function preview(
  data: BroadcastData,
  programme: StaffProgrammeView,
  context: BroadcastContext,
  speaker: Speaker,
): Promise<Outgoing[]> {
  const { t } = speaker;
  const filter = data.filter ?? {};
  const audience = await context.store.previewAudience(programme.id, filter, context.now());
  await context.store.setState(context.person.id, {
    flow: BROADCAST,
    step: 'confirm',
    data: { ...data },
  });
  const texts = programme.languages.map(
    (language) => `[${language}] ${data.texts?.[language] ?? data.texts?.[programme.languages[0]!] ?? ''}`,
  );
  return [
    text(`${t('staff:preview_title')}\n${texts.join('\n')}`),
    {
      payload: {
        kind: 'choices',
        text: t('staff:preview_counts', audience),
        choices: [
          { id: 'bc:now', label: t('staff:send_now') },
          { id: 'bc:later', label: t('staff:send_later') },
          { id: 'bc:cancel', label: t('staff:cancel') },
        ],
      },
    },
  ];
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
  await context.store.createBroadcast({
    programmeId: programme.id,
    filter: data.filter ?? {},
    texts,
    scheduledAt: at,
    createdById: context.person.id,
  });
  await context.store.clearState(context.person.id);
  if (at.getTime() <= context.now().getTime()) return [text(speaker.t('staff:sending'))];
  const local = DateTime.fromJSDate(at, { zone: programme.timeZone }).toFormat('yyyy-LL-dd HH:mm');
  return [text(speaker.t('staff:scheduled', { at: local, zone: programme.timeZone }))];
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

/** STATS: the cohort at a glance. */
export async function stats(context: BroadcastContext): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const [programme] = await context.store.staffProgrammes(context.person.id);
  if (!programme) return [text(speaker.t('commands:not_enrolled'))];
  const cohorts = await context.store.cohortStats(programme.id);
  const lines = cohorts.flatMap((cohort) => [
    `${speaker.pick(cohort.name)} — ${Object.entries(cohort.byStatus)
      .map(([status, n]) => `${speaker.t(`staff:status_${status}`)}: ${n}`)
      .join(', ')}`,
    ...cohort.exercises.map((e) => speaker.t('staff:exercise_line', { ...e, title: speaker.pick(e.title) })),
  ]);
  return [text(lines.join('\n'))];
}
