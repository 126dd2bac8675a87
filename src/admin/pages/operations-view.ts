import { DateTime } from 'luxon';
import type { CohortOperations } from '../../store/cohorts/load-cohort-operations.ts';
import type { CohortExercise } from '../../store/exercises/list-cohort-exercises.ts';
import type { OfflinePeriodView } from '../../store/offline-periods/offline-period-types.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { offlinePeriodForm, type OfflineFieldErrors, type OfflinePeriodFields } from './offline-period-form.ts';

/** What the operations page shows. */
export interface OperationsPage {
  choices: CohortOperations;
  exercises: CohortExercise[];
  periods: { current: OfflinePeriodView[]; upcoming: OfflinePeriodView[]; recent: OfflinePeriodView[] };
  fields: OfflinePeriodFields;
  errors: OfflineFieldErrors;
  /** What was just done (a redirect's `done`), to say so at the top. */
  done: string | null;
}

export const OPERATIONS_STYLE = `<style>
.operations-form fieldset{border:1px solid #dde1e7;border-radius:6px;margin:0 0 .75rem;background:#fff}
.operations-form select{margin:.25rem 0 .25rem 1.75rem;max-width:calc(100% - 1.75rem)}
.field-error{color:#b3261e;display:block}
.periods li{margin:.5rem 0;background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.5rem .75rem;list-style:none}
.periods{padding:0}
.periods form{display:inline}
</style>`;

/** The cohort's operations: release an exercise now, pause or resume the schedule, offline periods. */
export function operationsBody(page: OperationsPage, viewer: Viewer, t: AdminTranslate): SafeHtml {
  const { choices } = page;
  const cohortId = choices.cohortId;
  const lang = viewer.language;
  return html`${raw(OPERATIONS_STYLE)}
${page.done ? html`<p class="notice" role="status">${t(`dashboard-operations:done.${page.done}`)}</p>` : ''}
${errorSummary(page.errors, t)}
<p><a href="/admin/cohorts/${cohortId}">${t('dashboard-operations:cohort_link')}</a> · <a href="/admin/schedule?cohort=${cohortId}">${t('dashboard-operations:schedule_link')}</a></p>
<section id="release"><h2>${t('dashboard-operations:release.title')}</h2>
<p class="muted">${t('dashboard-operations:release.hint')}</p>
${
  page.exercises.length === 0
    ? html`<p>${t('dashboard-operations:release.no_exercise')}</p>`
    : html`<form method="get" action="/admin/cohorts/${cohortId}/operations/release"><label>${t('dashboard-operations:release.exercise')}<br><select name="exercise">${page.exercises.map(
        (exercise) =>
          html`<option value="${exercise.id}">${exercise.position + 1}. ${localizedText(exercise.title, lang) || exercise.key} — ${t('dashboard-operations:release.released_to', { count: exercise.releasedTo })}</option>`,
      )}</select></label> <button type="submit">${t('dashboard-operations:release.preview')}</button></form>`
}</section>
<section id="pause"><h2>${t('dashboard-operations:pause.title')}</h2>
${
  choices.pausedAt
    ? html`<p class="notice error">${t('dashboard-operations:pause.paused_since', { date: when(choices.pausedAt, choices.timeZone, viewer) })}</p>
<form method="post" action="/admin/cohorts/${cohortId}/operations/resume">${csrfField(viewer)}
<p><label><input type="checkbox" name="move" value="1" checked> ${t('dashboard-operations:pause.move')}</label></p>
<button type="submit">${t('dashboard-operations:pause.resume')}</button></form>`
    : html`<p>${t('dashboard-operations:pause.running')}</p>
<details><summary>${t('dashboard-operations:pause.pause')}</summary><p>${t('dashboard-operations:pause.confirm')}</p>
<form method="post" action="/admin/cohorts/${cohortId}/operations/pause">${csrfField(viewer)}<button type="submit">${t('dashboard-operations:pause.pause_confirm')}</button></form></details>`
}</section>
<section id="offline"><h2>${t('dashboard-operations:offline.title')}</h2>
<p class="muted">${t('dashboard-operations:offline.hint')}</p>
${offlinePeriodForm(choices, page.fields, page.errors, viewer, t)}
${periodList('current', page.periods.current, page, viewer, t)}
${periodList('upcoming', page.periods.upcoming, page, viewer, t)}
${periodList('recent', page.periods.recent, page, viewer, t)}</section>`;
}

function periodList(
  kind: 'current' | 'upcoming' | 'recent',
  periods: OfflinePeriodView[],
  page: OperationsPage,
  viewer: Viewer,
  t: AdminTranslate,
): SafeHtml {
  const heading = html`<h3>${t(`dashboard-operations:offline.list_${kind}`, { count: periods.length })}</h3>`;
  if (periods.length === 0)
    return html`${heading}<p class="muted">${t(`dashboard-operations:offline.none_${kind}`)}</p>`;
  return html`${heading}<ul class="periods">${periods.map(
    (period) =>
      html`<li>${describePeriod(period, page.choices.timeZone, viewer, t)}${
        kind === 'recent' ? '' : endForm(period, kind, page.choices.cohortId, viewer, t)
      }</li>`,
  )}</ul>`;
}

/** "Hub Abidjan · from Monday 1 March 08:00 to Sunday 7 March 20:00 (Africa/Abidjan) · deadlines move · set by Claire". */
export function describePeriod(
  period: OfflinePeriodView,
  programmeZone: string,
  viewer: Viewer,
  t: AdminTranslate,
): SafeHtml {
  const zone = period.hubTimeZone ?? programmeZone;
  const who =
    period.scope === 'cohort'
      ? t('dashboard-operations:offline.who_cohort')
      : period.scope === 'hub'
        ? t('dashboard-operations:offline.who_hub', { hub: localizedText(period.hubName, viewer.language) })
        : t('dashboard-operations:offline.who_person', { name: period.personName ?? t('dashboard:unnamed') });
  const span = period.endsAt
    ? t('dashboard-operations:offline.span', {
        from: when(period.startsAt, zone, viewer),
        to: when(period.endsAt, zone, viewer),
        zone,
      })
    : t('dashboard-operations:offline.span_open', { from: when(period.startsAt, zone, viewer), zone });
  const facts = [
    period.moveDeadlines ? t('dashboard-operations:offline.moves') : t('dashboard-operations:offline.does_not_move'),
    t(`dashboard-operations:offline.via_${period.via}`, { name: period.createdByName ?? t('dashboard:audit_someone') }),
    period.state === 'cancelled'
      ? t('dashboard-operations:offline.cancelled', { date: when(period.endedAt!, zone, viewer) })
      : period.endedAt
        ? t('dashboard-operations:offline.ended', { date: when(period.endedAt, zone, viewer) })
        : '',
  ].filter(Boolean);
  const person = period.personId ? html`<a href="/admin/people/${period.personId}">${who}</a>` : html`${who}`;
  return html`<strong>${person}</strong> · ${span}<br><span class="muted">${facts.join(' · ')}</span>`;
}

/** End a current period now, or cancel an upcoming one, after a confirmation. */
function endForm(
  period: OfflinePeriodView,
  kind: 'current' | 'upcoming',
  cohortId: string,
  viewer: Viewer,
  t: AdminTranslate,
): SafeHtml {
  const action = kind === 'current' ? 'end' : 'cancel';
  return html`<details><summary>${t(`dashboard-operations:offline.${action}`)}</summary><p>${t(`dashboard-operations:offline.${action}_confirm`)}</p>
<form method="post" action="/admin/cohorts/${cohortId}/operations/offline/${period.id}/end">${csrfField(viewer)}<button type="submit">${t(`dashboard-operations:offline.${action}_button`)}</button></form></details>`;
}

function when(at: Date, zone: string, viewer: Viewer): string {
  return DateTime.fromJSDate(at, { zone }).setLocale(viewer.language).toFormat('cccc d LLLL yyyy HH:mm');
}

/**
 * A refused period, said at the top of the page too: on a phone the form is far below, and the
 * page must not look as if nothing happened. Each line leads to its field.
 */
function errorSummary(errors: OfflineFieldErrors, t: AdminTranslate): SafeHtml | '' {
  const fields = Object.entries(errors).filter(([, key]) => key);
  if (fields.length === 0) return '';
  return html`<div class="notice error" role="alert"><p>${t('dashboard-operations:offline.refused')}</p><ul>${fields.map(
    ([field, key]) =>
      html`<li><a href="#offline-${field}-error">${t(`dashboard-operations:offline.errors.${key}`)}</a></li>`,
  )}</ul></div>`;
}
