import { zoneCity } from '../../domain/zone-city.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import type { SessionChoices } from './session-choices.ts';
import type { SessionDraft } from './session-draft.ts';
import type { SessionFields } from './session-form-fields.ts';

/**
 * Where and when: in person (one row per hub, each with its own local hours, or one hour applied
 * to every ticked hub) or online (a link, hours written in a zone of the author's choice).
 */
export function whereAndWhen(
  f: SessionFields,
  t: AdminTranslate,
  programme: SessionChoices,
  draft: SessionDraft,
): SafeHtml {
  const s = (key: string, values?: Record<string, unknown>) => t(`dashboard-sessions:form.${key}`, values);
  const zones = [...new Set([programme.timeZone, ...programme.hubs.map((hub) => hub.timeZone)])];
  const hubs = programme.hubs.map((hub) => {
    const row = draft.venue[hub.key]!;
    const name = (field: string) => `venue_${hub.key}_${field}`;
    const zone = { zone: hub.timeZone, city: hub.name };
    return html`<fieldset class="venue" id="venue_${hub.key}"><legend>${f.box(name('held'), 'yes', s('held_in', { city: hub.name }), row.held)}${f.error(name('held'))}</legend>
${programme.languages.map((language, index) =>
  f.text(
    name(`place_${language}`),
    s('place_in', { language: t(`dashboard-broadcasts:language_${language}`) }),
    row.place[language] ?? '',
    {
      ...(index > 0 && { hint: s('same_if_empty') }),
    },
  ),
)}
${f.text(name('address'), s('address'), row.address)}
<div class="two hours">${f.dateTime(name('starts'), s('starts_local', zone), row.starts, { hint: s('zone_is', zone) })}
${f.dateTime(name('ends'), s('ends_local', zone), row.ends, { hint: s('zone_is', zone) })}</div>
${f.text(name('capacity'), s('capacity'), row.capacity, { type: 'number', hint: s('capacity_hint') })}
</fieldset>`;
  });
  return html`<h2>${s('where_when')}</h2>
${f.group(
  'where',
  s('where'),
  s('where_hint'),
  html`${f.radio('where', 'venues', s('where_venues'), draft.where === 'venues')}<br>${f.radio('where', 'online', s('where_online'), draft.where === 'online')}`,
)}
<div class="in-person">
<h3>${s('in_person')}</h3>
<fieldset id="same"><legend>${s('hours')}</legend>
${f.box('same_time', 'yes', s('same_time'), draft.same.time)}
<p class="hint">${s('same_time_hint')}</p>
<div class="two">${f.dateTime('same_starts', s('same_starts'), draft.same.starts)}
${f.dateTime('same_ends', s('same_ends'), draft.same.ends)}</div>
</fieldset>
${hubs}
</div>
<div class="online-part">
<h3>${s('online')}</h3>
<fieldset id="online">
${f.text('online_url', s('online_url'), draft.online.url, { type: 'url' })}
${f.text('online_zone', s('online_zone'), draft.online.zone, { list: 'zones', hint: s('online_zone_hint', { zone: programme.timeZone }) })}
<datalist id="zones">${zones.map((zone) => html`<option value="${zone}">${zoneCity(zone)}</option>`)}</datalist>
<div class="two">${f.dateTime('online_starts', s('online_starts'), draft.online.starts, { hint: s('online_in_zone') })}
${f.dateTime('online_ends', s('online_ends'), draft.online.ends, { hint: s('online_in_zone') })}</div>
</fieldset>
</div>`;
}
