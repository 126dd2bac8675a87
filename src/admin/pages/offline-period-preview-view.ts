import { DateTime } from 'luxon';
import type { CohortOperations } from '../../store/cohorts/load-cohort-operations.ts';
import type { OfflinePersonConcerned } from '../../store/offline-periods/offline-period-types.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import type { OfflinePeriodFields, OfflinePeriodRequest } from './offline-period-form.ts';

/**
 * A period before it is made: whom it concerns, when in the zone it was typed in (and in the
 * viewer's, when another), how many deadlines move; then the button that creates it, carrying the
 * fields as typed.
 */
export function offlinePreviewBody(
  page: {
    choices: CohortOperations;
    fields: OfflinePeriodFields;
    request: OfflinePeriodRequest;
    preview: { people: OfflinePersonConcerned[]; deadlinesToMove: number };
  },
  viewer: Viewer,
  t: AdminTranslate,
): SafeHtml {
  const { choices, fields, request, preview } = page;
  const lang = viewer.language;
  const at = (instant: Date, zone: string) =>
    DateTime.fromJSDate(instant, { zone }).setLocale(lang).toFormat('cccc d LLLL yyyy HH:mm');
  const span = (zone: string) =>
    t('dashboard-operations:offline.span', { from: at(request.startsAt, zone), to: at(request.endsAt, zone), zone });
  const scope =
    fields.scope === 'cohort'
      ? t('dashboard-operations:offline.who_cohort')
      : fields.scope === 'hub'
        ? t('dashboard-operations:offline.who_hub', {
            hub: localizedText(choices.hubs.find((hub) => hub.id === request.hubId)?.name, lang),
          })
        : t('dashboard-operations:offline.who_person', {
            name: choices.participants.find((p) => p.personId === request.personId)?.name ?? t('dashboard:unnamed'),
          });
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  return html`<p><a href="/admin/cohorts/${choices.cohortId}/operations#offline">${t('dashboard-operations:back')}</a></p>
<p><strong>${scope}</strong><br>${span(request.timeZone)}${request.timeZone !== viewer.timeZone ? html`<br><span class="muted">${span(viewer.timeZone)}</span>` : ''}</p>
<ul>
<li>${t('dashboard-operations:offline.preview_people', { count: preview.people.length })}</li>
<li>${
    request.moveDeadlines
      ? t('dashboard-operations:offline.preview_moves', { count: preview.deadlinesToMove })
      : t('dashboard-operations:offline.preview_no_move', { count: preview.deadlinesToMove })
  }</li>
<li>${t('dashboard-operations:offline.preview_reminders')}</li>
<li>${t('dashboard-operations:offline.preview_catch_up')}</li>
</ul>
${
  preview.people.length === 0
    ? ''
    : html`<details${preview.people.length <= 10 ? raw(' open') : ''}><summary>${t('dashboard-operations:offline.preview_who')}</summary><ul>${preview.people.map(
        (person) =>
          html`<li><a href="/admin/people/${person.personId}">${person.displayName ?? t('dashboard:unnamed')}</a>${person.hubName ? ` (${localizedText(person.hubName, lang)})` : ''}</li>`,
      )}</ul></details>`
}
<form method="post" action="/admin/cohorts/${choices.cohortId}/operations/offline">${csrfField(viewer)}
${hidden('scope', fields.scope)}${hidden('hub', fields.hub)}${hidden('person', fields.person)}${hidden('starts', fields.starts)}${hidden('ends', fields.ends)}${fields.move ? hidden('move', '1') : ''}
<button type="submit">${t('dashboard-operations:offline.create')}</button></form>`;
}
