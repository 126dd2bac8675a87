import { randomUUID } from 'node:crypto';
import { parseWhen } from '../../conversation/flows/broadcast.ts';
import { timesZoneOf, type TimesIn } from '../../domain/broadcast-wording.ts';
import { CHANNEL_NAMES, type ChannelName } from '../../domain/inbound-event.ts';
import { isLanguage, type Language } from '../../domain/programme/language.ts';
import {
  AUDIENCE_ROLES,
  DEFAULT_SEGMENT_ROLES,
  ENROLMENT_STATUSES,
  type AudienceRole,
  segmentFilterSchema,
  type EnrolmentStatus,
  type SegmentFilter,
  type SegmentNames,
} from '../../domain/segment.ts';
import { loadBroadcastProgramme } from '../../store/broadcasts/load-broadcast-programme.ts';
import type { Database } from '../../store/database.ts';
import { NotFoundError } from '../../store/errors.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { zoneCity } from '../../domain/zone-city.ts';

/**
 * A broadcast stays under WhatsApp's 4096-character limit once each time it mentions has a
 * "(heure locale)" note added for its reader.
 */
export const BROADCAST_TEXT_MAX_CHARS = 3500;

/** Statuses staff can aim a broadcast at; people who stopped never get one (see segment.ts). */
const AUDIENCE_STATUSES = ENROLMENT_STATUSES.filter((status) => status !== 'stopped');

/** What a programme offers to the compose form, limited to what the viewer may see. */
export interface ProgrammeChoices {
  id: string;
  name: string;
  languages: Language[];
  timeZone: string;
  cohorts: { id: string; name: string }[];
  hubs: { id: string; name: string; country: string; timeZone: string }[];
  /** False when the viewer is staff of only some of the programme's cohorts: their broadcasts stay in those. */
  seesAllCohorts: boolean;
}

/** The form as it was filled in, to show it again (after a preview or a mistake). */
export interface BroadcastDraft {
  /** Participants ticked at first; none ticked is a mistake to point out. */
  roles: AudienceRole[];
  cohortIds: string[];
  hubIds: string[];
  countries: string[];
  channels: string[];
  statuses: string[];
  texts: Partial<Record<Language, string>>;
  /** Where the author's times are: the one city the broadcast is for (the default), or the programme's. */
  timesIn: TimesIn;
  when: 'now' | 'later';
  at: string;
  /** Names this draft across preview and submit, so that a form sent twice schedules one broadcast. */
  draftId: string;
}

/** A draft that can be sent: its segment, a text in every language and its instant. */
interface ReadyBroadcast {
  filter: SegmentFilter;
  texts: Partial<Record<Language, string>>;
  /** The zone the times in the texts are in. */
  timesZone: string;
  at: Date;
}

export function emptyDraft(): BroadcastDraft {
  return {
    roles: [...DEFAULT_SEGMENT_ROLES],
    cohortIds: [],
    hubIds: [],
    countries: [],
    channels: [],
    statuses: [],
    texts: {},
    timesIn: 'audience',
    when: 'now',
    at: '',
    draftId: randomUUID(),
  };
}

/** A programme of the viewer's, with the cohorts they may see; 404 when it is not theirs. */
export async function loadProgrammeChoices(
  db: Database,
  viewer: Viewer,
  programmeId: string,
): Promise<ProgrammeChoices> {
  if (!viewer.programmeIds.includes(programmeId)) throw new NotFoundError(`programme ${programmeId} is not visible`);
  const programme = await loadBroadcastProgramme(db, programmeId);
  const visible = programme.cohorts.filter((cohort) => viewer.cohortIds.includes(cohort.id));
  return {
    id: programme.id,
    name: localizedText(programme.name, viewer.language),
    languages: programme.locales.filter(isLanguage),
    timeZone: programme.timeZone,
    cohorts: visible.map((cohort) => ({ id: cohort.id, name: localizedText(cohort.name, viewer.language) })),
    hubs: programme.hubs.map((hub) => ({
      id: hub.id,
      name: localizedText(hub.name, viewer.language),
      country: hub.country,
      timeZone: hub.timeZone,
    })),
    seesAllCohorts: visible.length === programme.cohorts.length,
  };
}

/** Names for `describeSegment`. */
export function segmentNames(programme: ProgrammeChoices): SegmentNames {
  return {
    cohorts: Object.fromEntries(programme.cohorts.map((c) => [c.id, c.name])),
    hubs: Object.fromEntries(programme.hubs.map((h) => [h.id, h.name])),
  };
}

/** The posted form as a draft; values that are not offered are dropped. */
export function readDraft(body: Record<string, unknown>, programme: ProgrammeChoices): BroadcastDraft {
  const list = (name: string) => {
    const value = body[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (item): item is string => typeof item === 'string' && item !== '',
    );
  };
  const one = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
  const countries = [...new Set(programme.hubs.map((hub) => hub.country))];
  // A form from before roles were offered (no "roles" field) means participants, as it always did.
  const roles = AUDIENCE_ROLES.filter((role) => list('role').includes(role));
  return {
    roles: body.roles === undefined && roles.length === 0 ? [...DEFAULT_SEGMENT_ROLES] : roles,
    cohortIds: list('cohort').filter((id) => programme.cohorts.some((c) => c.id === id)),
    hubIds: list('hub').filter((id) => programme.hubs.some((h) => h.id === id)),
    countries: list('country').filter((code) => countries.includes(code)),
    channels: list('channel').filter((channel) => (CHANNEL_NAMES as readonly string[]).includes(channel)),
    statuses: list('status').filter((status) => (AUDIENCE_STATUSES as readonly string[]).includes(status)),
    texts: Object.fromEntries(
      programme.languages.map((language) => [language, one(`text_${language}`).replace(/\r\n/g, '\n').trim()]),
    ),
    timesIn: one('times_in') === 'programme' ? 'programme' : 'audience',
    when: one('when') === 'later' ? 'later' : 'now',
    at: one('at').trim(),
    draftId: /^[\w-]{8,64}$/.test(one('draft')) ? one('draft') : randomUUID(),
  };
}

/**
 * The draft as something to send, or the keys of what is wrong with it. A language left empty
 * gets the first text written, as in chat; a staff member of only some of the programme's
 * cohorts reaches only those.
 */
export function readyBroadcast(
  draft: BroadcastDraft,
  programme: ProgrammeChoices,
  now: Date,
): { ok: true; broadcast: ReadyBroadcast } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const written = programme.languages.map((language) => draft.texts[language]).find((text) => text);
  if (!written) errors.push('error_text_missing');
  if (programme.languages.some((language) => (draft.texts[language]?.length ?? 0) > BROADCAST_TEXT_MAX_CHARS))
    errors.push('error_text_too_long');
  const at = draft.when === 'now' ? now : parseWhen(draft.at, programme.timeZone);
  if (!at) errors.push('error_when_invalid');
  else if (draft.when === 'later' && at.getTime() <= now.getTime()) errors.push('error_when_past');
  const cohortIds =
    draft.cohortIds.length > 0 ? draft.cohortIds : programme.seesAllCohorts ? [] : programme.cohorts.map((c) => c.id);
  if (cohortIds.length === 0 && !programme.seesAllCohorts) errors.push('error_no_cohort');
  if (draft.roles.length === 0) errors.push('error_no_role');
  // Participants alone are left out of the segment: that is what a segment without roles means.
  const onlyParticipants = draft.roles.length === 1 && draft.roles[0] === 'participant';
  const filter = segmentFilterSchema.safeParse({
    ...(draft.roles.length > 0 && !onlyParticipants && { roles: draft.roles }),
    ...(cohortIds.length > 0 && { cohortIds }),
    ...(draft.hubIds.length > 0 && { hubIds: draft.hubIds }),
    ...(draft.countries.length > 0 && { countries: draft.countries }),
    ...(draft.channels.length > 0 && { channels: draft.channels as ChannelName[] }),
    ...(draft.statuses.length > 0 && { statuses: draft.statuses as EnrolmentStatus[] }),
  });
  if (!filter.success) errors.push('error_audience');
  if (errors.length > 0 || !at || !filter.success) return { ok: false, errors };
  const texts = Object.fromEntries(
    programme.languages.map((language) => [language, draft.texts[language] || written!]),
  );
  return {
    ok: true,
    broadcast: { filter: filter.data, texts, timesZone: timesZoneOf(draft.timesIn, filter.data, programme), at },
  };
}

/**
 * The compose form. After a preview it has a second button that schedules the broadcast
 * (the same fields, posted to /admin/broadcasts); no script is needed.
 */
export function broadcastForm(
  viewer: Viewer,
  t: AdminTranslate,
  programme: ProgrammeChoices,
  draft: BroadcastDraft,
  options: { previewed: boolean },
): SafeHtml {
  const countries = [...new Set(programme.hubs.map((hub) => hub.country))];
  const countryNames = new Intl.DisplayNames([viewer.language], { type: 'region', fallback: 'code' });
  const box = (name: string, value: string, label: string, checked: boolean) =>
    html`<label class="choice"><input type="checkbox" name="${name}" value="${value}"${checked ? raw(' checked') : ''}> ${label}</label>`;
  const group = (legend: string, hint: string, boxes: SafeHtml[]) =>
    boxes.length === 0 ? '' : html`<fieldset><legend>${legend}</legend><p class="muted">${hint}</p>${boxes}</fieldset>`;
  return html`<form method="post" action="/admin/broadcasts/preview" class="broadcast-form">${csrfField(viewer)}
<input type="hidden" name="programme" value="${programme.id}"><input type="hidden" name="draft" value="${draft.draftId}">
<h2>${t('dashboard-broadcasts:audience')}</h2>
<p class="muted">${t('dashboard-broadcasts:audience_hint')}</p>
<input type="hidden" name="roles" value="shown">
${group(
  t('dashboard-broadcasts:roles'),
  t('dashboard-broadcasts:roles_hint'),
  AUDIENCE_ROLES.map((r) => box('role', r, t(`dashboard-broadcasts:role_${r}`), draft.roles.includes(r))),
)}
${group(
  t('dashboard-broadcasts:cohorts'),
  programme.seesAllCohorts ? t('dashboard-broadcasts:any_cohort') : t('dashboard-broadcasts:your_cohorts'),
  programme.cohorts.map((c) => box('cohort', c.id, c.name, draft.cohortIds.includes(c.id))),
)}
${group(
  t('dashboard-broadcasts:hubs'),
  t('dashboard-broadcasts:any_hub'),
  programme.hubs.map((h) => box('hub', h.id, h.name, draft.hubIds.includes(h.id))),
)}
${group(
  t('dashboard-broadcasts:countries'),
  t('dashboard-broadcasts:any_country'),
  countries.map((code) => box('country', code, countryNames.of(code) ?? code, draft.countries.includes(code))),
)}
${group(
  t('dashboard-broadcasts:channels'),
  t('dashboard-broadcasts:any_channel'),
  CHANNEL_NAMES.map((c) => box('channel', c, t(`dashboard-broadcasts:channel_${c}`), draft.channels.includes(c))),
)}
${group(
  t('dashboard-broadcasts:statuses'),
  t('dashboard-broadcasts:default_statuses'),
  AUDIENCE_STATUSES.map((s) => box('status', s, t(`dashboard-broadcasts:status_${s}`), draft.statuses.includes(s))),
)}
<h2>${t('dashboard-broadcasts:text')}</h2>
<p class="muted">${t('dashboard-broadcasts:text_hint')}</p>
<p><label>${t('dashboard-broadcasts:times_in')}<br><select name="times_in">${(['audience', 'programme'] as const).map(
    (timesIn) =>
      html`<option value="${timesIn}"${draft.timesIn === timesIn ? raw(' selected') : ''}>${t(`dashboard-broadcasts:times_in_${timesIn}`, { place: zoneCity(programme.timeZone) })}</option>`,
  )}</select></label></p>
${programme.languages.map(
  (
    language,
    index,
  ) => html`<p><label>${t(`dashboard-broadcasts:language_${language}`)}${index > 0 ? html` <span class="muted">${t('dashboard-broadcasts:same_if_empty')}</span>` : ''}<br>
<textarea name="text_${language}" rows="5" cols="60" maxlength="${BROADCAST_TEXT_MAX_CHARS}"${index === 0 ? raw(' required') : ''}>${draft.texts[language] ?? ''}</textarea></label></p>`,
)}
<h2>${t('dashboard-broadcasts:when')}</h2>
<p><label class="choice"><input type="radio" name="when" value="now"${draft.when === 'now' ? raw(' checked') : ''}> ${t('dashboard-broadcasts:when_now')}</label>
<label class="choice"><input type="radio" name="when" value="later"${draft.when === 'later' ? raw(' checked') : ''}> ${t('dashboard-broadcasts:when_later')}</label></p>
<p><label>${t('dashboard-broadcasts:when_at', { zone: programme.timeZone })}<br><input type="datetime-local" name="at" value="${draft.at}"></label></p>
<p class="actions"><button type="submit"${options.previewed ? raw(' class="secondary"') : ''}>${t(options.previewed ? 'dashboard-broadcasts:preview_again' : 'dashboard-broadcasts:preview')}</button>
${options.previewed ? html`<button type="submit" formaction="/admin/broadcasts" name="confirm" value="yes">${t(draft.when === 'now' ? 'dashboard-broadcasts:send_now' : 'dashboard-broadcasts:schedule')}</button>` : ''}</p>
</form>`;
}

/** The little styling the compose form and the report need beyond the layout's. */
export const BROADCAST_STYLE = html`<style>
fieldset{border:1px solid #dde1e7;border-radius:6px;margin:0 0 .75rem;background:#fff}
fieldset p{margin:.25rem 0}
.choice{display:inline-block;margin:.2rem 1rem .2rem 0}
textarea{width:100%}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}
.message{white-space:pre-wrap;background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.75rem;margin:.25rem 0 1rem}
</style>`;
