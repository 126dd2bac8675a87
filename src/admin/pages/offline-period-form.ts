import { DateTime } from 'luxon';
import type { CohortOperations } from '../../store/cohorts/load-cohort-operations.ts';
import type { OfflineScope } from '../../store/offline-periods/offline-period-types.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';

/** The offline-period form as typed: what the page shows again beside its errors. */
export interface OfflinePeriodFields {
  scope: OfflineScope;
  hub: string;
  person: string;
  /** yyyy-MM-ddTHH:mm, in the zone of the scope (`zoneOfScope`); empty start: now. */
  starts: string;
  ends: string;
  move: boolean;
}

/** A field the form names beside its error, and the dashboard-operations key of the error. */
export type OfflineFieldErrors = Partial<Record<'scope' | 'hub' | 'person' | 'startsAt' | 'endsAt', string>>;

/** A period ready for the store: its scope and its instants. */
export interface OfflinePeriodRequest {
  hubId: string | null;
  personId: string | null;
  startsAt: Date;
  endsAt: Date;
  moveDeadlines: boolean;
  /** The zone the times were typed in. */
  timeZone: string;
}

const SCOPES: OfflineScope[] = ['cohort', 'hub', 'person'];
const LOCAL = "yyyy-MM-dd'T'HH:mm";

/** The fields of a query string or a posted form; a fresh form (nothing given) moves deadlines. */
export function offlineFieldsOf(input: Record<string, unknown>, fresh = false): OfflinePeriodFields {
  const text = (name: string) => (typeof input[name] === 'string' ? (input[name] as string).trim() : '');
  const scope = text('scope');
  return {
    scope: (SCOPES as string[]).includes(scope)
      ? (scope as OfflineScope)
      : fresh && text('person')
        ? 'person'
        : 'cohort',
    hub: text('hub'),
    person: text('person'),
    starts: text('starts'),
    ends: text('ends'),
    move: fresh || input.move === '1' || input.move === 'on',
  };
}

/** The zone a scope's times are typed in: the hub's, the person's, else the programme's. */
export function zoneOfScope(fields: OfflinePeriodFields, choices: CohortOperations): string {
  if (fields.scope === 'hub') return choices.hubs.find((hub) => hub.id === fields.hub)?.timeZone ?? choices.timeZone;
  if (fields.scope === 'person')
    return choices.participants.find((person) => person.personId === fields.person)?.timeZone ?? choices.timeZone;
  return choices.timeZone;
}

/**
 * The period the fields describe, or the errors to show beside them. The store checks the rest
 * (the end after the start and in the future, the hub and person of this cohort).
 */
export function readOfflinePeriod(
  fields: OfflinePeriodFields,
  choices: CohortOperations,
  now: Date,
): { ok: true; request: OfflinePeriodRequest } | { ok: false; errors: OfflineFieldErrors } {
  const errors: OfflineFieldErrors = {};
  if (fields.scope === 'hub' && !choices.hubs.some((hub) => hub.id === fields.hub)) errors.hub = 'hub_missing';
  if (fields.scope === 'person' && !choices.participants.some((person) => person.personId === fields.person))
    errors.person = 'person_missing';
  const timeZone = zoneOfScope(fields, choices);
  const startsAt = fields.starts === '' ? now : instant(fields.starts, timeZone);
  if (!startsAt) errors.startsAt = 'date_invalid';
  const endsAt = fields.ends === '' ? null : instant(fields.ends, timeZone);
  if (fields.ends === '') errors.endsAt = 'end_required';
  else if (!endsAt) errors.endsAt = 'date_invalid';
  if (!startsAt || !endsAt || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      hubId: fields.scope === 'hub' ? fields.hub : null,
      personId: fields.scope === 'person' ? fields.person : null,
      startsAt,
      endsAt,
      moveDeadlines: fields.move,
      timeZone,
    },
  };
}

function instant(local: string, timeZone: string): Date | null {
  // Browsers send minutes; a typed value may carry seconds.
  const parsed = DateTime.fromISO(local, { zone: timeZone });
  return parsed.isValid && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local) ? parsed.toJSDate() : null;
}

/** An instant as the form's field shows it, in a zone. */
export function localField(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat(LOCAL);
}

/**
 * The form (GET, to its preview): scope, hub, person, start and end with the zone each scope's
 * times are read in, and whether deadlines move. Works without script: every choice is shown.
 */
export function offlinePeriodForm(
  choices: CohortOperations,
  fields: OfflinePeriodFields,
  errors: OfflineFieldErrors,
  viewer: Viewer,
  t: AdminTranslate,
): SafeHtml {
  const error = (field: keyof OfflineFieldErrors) =>
    errors[field]
      ? html` <strong class="field-error" id="offline-${field}-error">${t(`dashboard-operations:offline.errors.${errors[field]}`)}</strong>`
      : '';
  const checked = (on: boolean) => (on ? raw(' checked') : '');
  const selected = (on: boolean) => (on ? raw(' selected') : '');
  const lang = viewer.language;
  const hubZones = choices.hubs.map((hub) => `${localizedText(hub.name, lang)} (${hub.timeZone})`).join(' · ');
  return html`<form method="get" action="/admin/cohorts/${choices.cohortId}/operations/offline" class="operations-form">
<fieldset><legend>${t('dashboard-operations:offline.scope')}</legend>${error('scope')}
<label><input type="radio" name="scope" value="cohort"${checked(fields.scope === 'cohort')}> ${t('dashboard-operations:offline.scope_cohort')}</label><br>
<label><input type="radio" name="scope" value="hub"${checked(fields.scope === 'hub')}> ${t('dashboard-operations:offline.scope_hub')}</label>
<select name="hub" aria-label="${t('dashboard:hub')}"><option value="">—</option>${choices.hubs.map(
    (hub) =>
      html`<option value="${hub.id}"${selected(fields.hub === hub.id)}>${localizedText(hub.name, lang)}</option>`,
  )}</select>${error('hub')}<br>
<label><input type="radio" name="scope" value="person"${checked(fields.scope === 'person')}> ${t('dashboard-operations:offline.scope_person')}</label>
<select name="person" aria-label="${t('dashboard:person')}"><option value="">—</option>${choices.participants.map(
    (person) =>
      html`<option value="${person.personId}"${selected(fields.person === person.personId)}>${person.name ?? t('dashboard:unnamed')}${person.hub ? ` (${localizedText(person.hub, lang)})` : ''}</option>`,
  )}</select>${error('person')}</fieldset>
<p><label>${t('dashboard-operations:offline.starts')} <input type="datetime-local" name="starts" value="${fields.starts}"></label>${error('startsAt')}<br>
<span class="muted">${t('dashboard-operations:offline.starts_hint')}</span></p>
<p><label>${t('dashboard-operations:offline.ends')} <input type="datetime-local" name="ends" value="${fields.ends}" required></label>${error('endsAt')}</p>
<p class="muted">${t('dashboard-operations:offline.zones', { zone: choices.timeZone })}${hubZones ? html`<br>${t('dashboard-operations:offline.hub_zones', { zones: hubZones })}` : ''}</p>
<p><label><input type="checkbox" name="move" value="1"${checked(fields.move)}> ${t('dashboard-operations:offline.move')}</label><br>
<span class="muted">${t('dashboard-operations:offline.move_hint')}</span></p>
<button type="submit">${t('dashboard-operations:offline.preview')}</button></form>`;
}
