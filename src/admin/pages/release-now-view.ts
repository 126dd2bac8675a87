import { DateTime } from 'luxon';
import type { HeldByQuietHours } from '../../jobs/release-exercise.ts';
import type { ReleasePreview, ReleasePreviewPerson } from '../../store/exercises/preview-exercise-release.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';

/**
 * The preview of a release by hand: who gets it (their local time now, and until when the quiet
 * hours hold it), who already has it, who will not get it and why; then the button that releases.
 */
export function releasePreviewBody(preview: ReleasePreview, viewer: Viewer, t: AdminTranslate, now: Date): SafeHtml {
  const { cohort, exercise } = preview;
  const already = preview.skipped.filter((person) => person.reason === 'already');
  const notGetting = preview.skipped.filter((person) => person.reason !== 'already');
  const quiet = preview.quietHours;
  const button =
    preview.gets.length === 0
      ? html`<p class="notice">${t('dashboard-operations:release.nobody')}</p>`
      : html`<form method="post" action="/admin/cohorts/${cohort.id}/operations/release">${csrfField(viewer)}
<input type="hidden" name="exercise" value="${exercise.id}">
<button type="submit">${t('dashboard-operations:release.submit', { count: preview.gets.length })}</button></form>`;
  return html`<p><a href="/admin/cohorts/${cohort.id}/operations">${t('dashboard-operations:back')}</a></p>
${cohort.pausedAt ? html`<p class="notice error">${t('dashboard-operations:release.cohort_paused')}</p>` : ''}
${exercise.releasedAt ? html`<p class="muted">${t('dashboard-operations:release.released_before', { date: day(exercise.releasedAt, viewer) })}</p>` : ''}
<p class="muted">${quiet ? t('dashboard-operations:release.quiet_hours', { from: quiet.from, to: quiet.to }) : t('dashboard-operations:release.no_quiet_hours')}</p>
<h2>${t('dashboard-operations:release.gets_title', { count: preview.gets.length })}</h2>
${
  preview.gets.length === 0
    ? ''
    : html`<div class="table"><table><thead><tr><th>${t('dashboard:person')}</th><th>${t('dashboard:hub')}</th><th>${t('dashboard-operations:release.local_time')}</th><th>${t('dashboard-operations:release.when')}</th></tr></thead><tbody>${preview.gets.map(
        (person) =>
          html`<tr><td>${personLink(person, t)}</td><td>${localizedText(person.hub, viewer.language)}</td><td>${localTime(now, person.timeZone, viewer)}</td><td>${whenItGoes(person, t, viewer)}</td></tr>`,
      )}</tbody></table></div>`
}
${button}
<h2>${t('dashboard-operations:release.already_title', { count: already.length })}</h2>
${already.length === 0 ? html`<p class="muted">${t('dashboard-operations:release.already_none')}</p>` : html`<p>${already.map((person, index) => html`${index > 0 ? ', ' : ''}${personLink(person, t)}`)}</p>`}
<h2>${t('dashboard-operations:release.not_getting_title', { count: notGetting.length })}</h2>
${
  notGetting.length === 0
    ? html`<p class="muted">${t('dashboard-operations:release.not_getting_none')}</p>`
    : html`<div class="table"><table><thead><tr><th>${t('dashboard:person')}</th><th>${t('dashboard:hub')}</th><th>${t('dashboard-operations:release.why')}</th></tr></thead><tbody>${notGetting.map(
        (person) =>
          html`<tr><td>${personLink(person, t)}</td><td>${localizedText(person.hub, viewer.language)}</td><td>${
            person.reason === 'paused' && person.pausedUntil
              ? t('dashboard-operations:release.reason_paused_until', { date: day(person.pausedUntil, viewer) })
              : t(`dashboard-operations:release.reason_${person.reason}`)
          }</td></tr>`,
      )}</tbody></table></div>`
}`;
}

/** What a release did: how many got it, how many had it, and what the quiet hours hold back. */
export function releaseResultBody(
  cohortId: string,
  result: { released: number; already: number; held?: HeldByQuietHours },
  viewer: Viewer,
  t: AdminTranslate,
): SafeHtml {
  const { held } = result;
  let heldText: string | null = null;
  if (held) {
    const when = (at: Date) =>
      DateTime.fromJSDate(at, { zone: held.timeZone }).setLocale(viewer.language).toFormat('cccc d LLLL HH:mm');
    const values = {
      messages: held.messages,
      count: held.people,
      from: held.quietHours.from,
      to: held.quietHours.to,
      first: when(held.first),
      last: when(held.last),
      zone: held.timeZone,
    };
    heldText =
      held.first.getTime() === held.last.getTime()
        ? t('dashboard-operations:release.held_at', values)
        : t('dashboard-operations:release.held_between', values);
  }
  return html`<p class="notice">${t('dashboard-operations:release.released', { count: result.released })} ${t('dashboard-operations:release.already_had', { count: result.already })}</p>
${heldText ? html`<p class="notice">${heldText}</p>` : ''}
<p><a href="/admin/cohorts/${cohortId}/operations">${t('dashboard-operations:back')}</a> · <a href="/admin/schedule?cohort=${cohortId}">${t('dashboard-operations:schedule_link')}</a></p>`;
}

function personLink(person: ReleasePreviewPerson, t: AdminTranslate): SafeHtml {
  return html`<a href="/admin/people/${person.personId}">${person.name ?? t('dashboard:unnamed')}</a>`;
}

/** "mar. 14:05 (Africa/Abidjan)": the person's own clock now. */
function localTime(now: Date, timeZone: string, viewer: Viewer): string {
  return `${DateTime.fromJSDate(now, { zone: timeZone }).setLocale(viewer.language).toFormat('ccc HH:mm')} (${timeZone})`;
}

function whenItGoes(person: ReleasePreviewPerson, t: AdminTranslate, viewer: Viewer): string {
  const parts = [
    person.heldUntil
      ? t('dashboard-operations:release.held_until', {
          time: DateTime.fromJSDate(person.heldUntil, { zone: person.timeZone })
            .setLocale(viewer.language)
            .toFormat('cccc HH:mm'),
        })
      : t('dashboard-operations:release.at_once'),
  ];
  if (!person.reachable) parts.push(t('dashboard-operations:release.no_channel'));
  return parts.join(' — ');
}

function day(at: Date, viewer: Viewer): string {
  return DateTime.fromJSDate(at, { zone: viewer.timeZone }).setLocale(viewer.language).toFormat('d LLLL yyyy');
}
