import type { Language } from '../../domain/programme/language.ts';
import type { HubAttendance } from '../../store/sessions/count-hub-attendance.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';

/** The cohort page's attendance at sessions that have ended, per hub: invitations, attended, rate. */
export function hubAttendanceView(hubs: HubAttendance[], language: Language, t: AdminTranslate): SafeHtml {
  const key = (name: string) => `dashboard-sessions:overview.${name}`;
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const body =
    hubs.length === 0
      ? html`<p class="muted">${t(key('none'))}</p>`
      : html`<div class="table"><table class="hub-attendance"><thead><tr><th>${t(key('hub'))}</th><th class="n">${t(key('invited'))}</th><th class="n">${t(key('attended'))}</th><th class="n">${t(key('rate'))}</th></tr></thead><tbody>${hubs.map(
          (hub) =>
            html`<tr><td>${hub.hubName === null ? t(key('no_hub')) : localizedText(hub.hubName, language)}</td><td class="n">${hub.invited}</td><td class="n">${hub.attended}</td><td class="n">${percent.format(hub.attended / hub.invited)}</td></tr>`,
        )}</tbody></table></div>`;
  return html`<h2>${t(key('title'))}</h2>
<p class="muted">${t(key('rule'))}</p>
${body}`;
}
