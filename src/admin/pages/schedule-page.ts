import type { FastifyInstance } from 'fastify';
import { DateTime, Duration } from 'luxon';
import { previewSchedule } from '../../store/programmes/preview-schedule.ts';
import type { Language } from '../../domain/programme/language.ts';
import { assertStaff, viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { cohortPicker } from './cohort-picker.ts';
import { describePeriod } from './operations-view.ts';
import {
  groupSchedule,
  upToReleases,
  type ScheduleDay,
  type ScheduleGroup,
  type ScheduleMoment,
} from './schedule-groups.ts';

/** As `compagnon schedule preview`: a year at most; the next releases are looked for as far. */
const MAX_DAYS = 366;
const DAY_CHOICES = [7, 14, 30, 90];
/** Without a number of days, the page shows up to this many exercise releases, however far ahead. */
const NEXT_RELEASES = 3;
/** An announcement is named by its first words. */
const EXCERPT_WORDS = 8;

/**
 * GET /admin/schedule?cohort=…[&days=14] (staff): what the scheduler will send, by day and by
 * exercise, and when for each hub (local time and UTC), with who one click away — the same
 * preview as `compagnon schedule preview`; nothing is sent or written. Without `days`, it shows the
 * next releases however far they are: before a programme starts, the next 14 days are empty.
 */
export function registerSchedulePage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: { cohort?: string; days?: string } }>('/admin/schedule', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const cohortId = await viewerCohort(deps.db, viewer, request.query.cohort);
    const t = adminTranslate(deps, viewer);
    const days = request.query.days === undefined || request.query.days === '' ? null : Number(request.query.days);
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)) {
      throw new BadRequestError(`days must be a whole number from 1 to ${MAX_DAYS} (got "${request.query.days}")`, {
        key: 'dashboard-broadcasts:days_invalid',
        values: { max: MAX_DAYS },
      });
    }
    const preview = await previewSchedule(deps.db, cohortId, deps.now(), days ?? MAX_DAYS, deps.defaultLanguage);
    const grouped = groupSchedule(preview.items);
    const next = upToReleases(grouped, NEXT_RELEASES);
    const shown = days === null ? next.days : grouped;
    const summary =
      days !== null
        ? preview.items.length === 0
          ? t('dashboard-broadcasts:schedule_nothing_days', { days })
          : t('dashboard-broadcasts:schedule_summary', { count: preview.items.length, days })
        : next.releases === 0
          ? t('dashboard-broadcasts:schedule_no_release')
          : t('dashboard-broadcasts:schedule_summary_next', { count: Math.min(next.releases, NEXT_RELEASES) });
    const body = html`${await cohortPicker(deps.db, viewer, cohortId, '/admin/schedule')}
<form method="get" action="/admin/schedule"><input type="hidden" name="cohort" value="${cohortId}">
<label>${t('dashboard-broadcasts:days')} <select name="days"><option value=""${days === null ? raw(' selected') : ''}>${t('dashboard-broadcasts:schedule_next_releases')}</option>${[
      ...new Set([...DAY_CHOICES, ...(days === null ? [] : [days])]),
    ]
      .sort((a, b) => a - b)
      .map(
        (n) => html`<option value="${n}"${n === days ? raw(' selected') : ''}>${n}</option>`,
      )}</select></label> <button type="submit">${t('dashboard-broadcasts:show')}</button></form>
${preview.pausedAt ? html`<p class="notice error">${t('dashboard-operations:schedule.paused', { date: DateTime.fromJSDate(preview.pausedAt, { zone: viewer.timeZone }).setLocale(viewer.language).toFormat('d LLLL yyyy HH:mm') })}</p>` : ''}
${
  preview.offlinePeriods.length > 0
    ? html`<section><h2>${t('dashboard-operations:schedule.periods_title')}</h2><ul class="periods">${preview.offlinePeriods.map(
        (period) => html`<li>${describePeriod(period, viewer.timeZone, viewer, t)}</li>`,
      )}</ul></section>`
    : ''
}
<p><a href="/admin/cohorts/${cohortId}/operations">${t('dashboard-operations:schedule.manage')}</a></p>
<p>${summary}</p>
<p class="muted">${t('dashboard-broadcasts:schedule_hint')}</p>
${shown.map((day) => dayView(day, t, viewer.language))}`;
    return reply.type('text/html; charset=utf-8').send(
      renderPage(viewer, t, {
        title: t('dashboard-broadcasts:schedule_title', {
          cohort: localizedText(preview.cohortName, viewer.language) || preview.cohort,
        }),
        body,
        section: 'schedule',
      }),
    );
  });
}

/** A day: its date as a heading, then each thing sent that day and when, hub by hub. */
function dayView(day: ScheduleDay, t: AdminTranslate, language: Language): SafeHtml {
  const date = DateTime.fromISO(day.date).setLocale(language).toFormat('cccc d LLLL yyyy');
  return html`<section class="schedule-day"><h2>${date.charAt(0).toUpperCase()}${date.slice(1)}</h2>
<ul>${day.groups.map(
    (group) => html`<li>${groupTitle(group, t, language)}
<ul>${group.moments.map((moment) => html`<li>${momentView(moment, group, t, language)}</li>`)}</ul></li>`,
  )}</ul></section>`;
}

/** What goes out, in the viewer's words; a broadcast is named by its first words and links to its page. */
function groupTitle(group: ScheduleGroup, t: AdminTranslate, language: Language): SafeHtml {
  const { what, count } = group;
  if (what.kind === 'session_announcement' || what.kind === 'session_reminder') {
    const title = localizedText(what.titles, language) || what.title;
    if (what.kind === 'session_reminder') {
      const before = Duration.fromObject({ minutes: what.minutesBefore }, { locale: language }).rescale().toHuman();
      return html`<strong>${t('dashboard-sessions:schedule_preview.reminder', { title, before })}</strong>`;
    }
    const key = what.atOnce
      ? 'dashboard-sessions:schedule_preview.announcement_at_once'
      : 'dashboard-sessions:schedule_preview.announcement';
    return html`<strong>${t(key, { title })}</strong>`;
  }
  if (what.kind !== 'broadcast') {
    // In the reader's language, not in that of the first person it goes to.
    const title = localizedText(what.titles, language) || what.title;
    if (what.kind === 'release')
      return html`<strong>${t('dashboard-broadcasts:schedule_group_release', { title, count })}</strong>`;
    const zone = group.moments[0]!.timeZone;
    const due = DateTime.fromJSDate(what.dueAt, { zone }).setLocale(language).toFormat('cccc d LLLL HH:mm');
    return html`<strong>${t('dashboard-broadcasts:schedule_group_reminder', { title, due, count })}</strong>`;
  }
  const words = localizedText(what.texts, language).split(/\s+/).filter(Boolean);
  const excerpt = words.slice(0, EXCERPT_WORDS).join(' ') + (words.length > EXCERPT_WORDS ? '…' : '');
  return html`<strong><a href="/admin/broadcasts/${what.broadcastId}">${t('dashboard-broadcasts:schedule_group_broadcast', { excerpt })}</a></strong>`;
}

/** When, for one hub: its local time and UTC, how many, and who (folded). */
function momentView(moment: ScheduleMoment, group: ScheduleGroup, t: AdminTranslate, language: Language): SafeHtml {
  const local = DateTime.fromJSDate(moment.at, { zone: moment.timeZone });
  const values = {
    time: local.toFormat('HH:mm'),
    utc: local.toUTC().toFormat('HH:mm'),
    place: placeName(moment, language),
    count: moment.who.length,
  };
  if (group.what.kind === 'broadcast') return html`${t('dashboard-broadcasts:schedule_moment_broadcast', values)}`;
  if (moment.sessionStartsAt) {
    const start = DateTime.fromJSDate(moment.sessionStartsAt, { zone: moment.timeZone })
      .setLocale(language)
      .toFormat('cccc d LLLL HH:mm');
    return html`${t('dashboard-sessions:schedule_preview.moment', { ...values, start })}`;
  }
  const offline =
    moment.offlineUntil === undefined
      ? ''
      : html` <strong class="offline">${
          group.what.kind === 'reminder'
            ? t('dashboard-operations:schedule.reminder_dropped')
            : moment.offlineUntil
              ? t('dashboard-operations:schedule.release_waits', {
                  date: DateTime.fromJSDate(moment.offlineUntil, { zone: moment.timeZone })
                    .setLocale(language)
                    .toFormat('cccc d LLLL HH:mm'),
                })
              : t('dashboard-operations:schedule.release_waits_resume')
        }</strong>`;
  return html`${t('dashboard-broadcasts:schedule_moment', values)}${offline} <details><summary>${t('dashboard-broadcasts:schedule_who')}</summary>
${moment.who.join(', ')}
</details>`;
}

/** The hub's name, else the city that names the time zone (Europe/Paris: Paris). */
function placeName(moment: ScheduleMoment, language: Language): string {
  return (
    localizedText(moment.hub, language) || (moment.timeZone.split('/').pop() ?? moment.timeZone).replace(/_/g, ' ')
  );
}
