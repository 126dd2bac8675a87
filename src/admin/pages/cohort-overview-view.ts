import { DateTime } from 'luxon';
import type { Language } from '../../domain/programme/language.ts';
import type { CohortOverview, SubmissionCounts } from '../../store/cohorts/cohort-overview.ts';
import { median, NO_HUB, type HelpDeskHubCounts } from '../../store/metrics/count-help-conversations.ts';
import { stackedBarChart } from '../charts/stacked-bar-chart.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { cohortExportsSection } from './cohort-export-links.ts';

/** Colours of on time / late / missing, distinguishable by people with the common colour blindnesses. */
const SERIES_COLORS = ['#1a7f4b', '#e0a100', '#b3261e'] as const;

const STATUSES = ['active', 'paused', 'stopped', 'selected', 'not_selected'] as const;

/**
 * The cohort page: counts by status, submissions per exercise and per week (charts and tables), who
 * is slipping, the exports; for staff, the link to the cohort's operations (release, pause, offline periods).
 */
export function cohortBody(overview: CohortOverview, language: Language, t: AdminTranslate, staff = false): SafeHtml {
  const { counts, cohort } = overview;
  const operationsLink = staff
    ? html`<p><a href="/admin/cohorts/${cohort.id}/operations">${t('dashboard-operations:link')}</a></p>`
    : '';
  const date = (instant: Date) =>
    DateTime.fromJSDate(instant, { zone: cohort.timeZone }).setLocale(language).toLocaleString(DateTime.DATE_MED);
  const shortDate = (instant: Date) =>
    DateTime.fromJSDate(instant, { zone: cohort.timeZone }).setLocale(language).toFormat('dd/LL');
  const statusCards = html`<ul class="cards" aria-label="${t('dashboard:cohort_counts')}">
<li><b>${counts.enrolled}</b>${t('dashboard:status_enrolled')}</li>
${STATUSES.map((status) => html`<li><b>${counts[status]}</b>${t(`dashboard:status_${status}`)}</li>`)}
</ul>`;

  const weekLabel = (week: { weekStart: Date }) => shortDate(week.weekStart);
  const summary = overview.weeks
    .map((week) =>
      t('dashboard:chart_week_summary', {
        date: date(week.weekStart),
        onTime: week.onTime,
        late: week.late,
        missing: week.missing,
      }),
    )
    .join('; ');
  const chart =
    overview.weeks.length === 0
      ? html`<p>${t('dashboard:chart_empty')}</p>`
      : html`<figure>${stackedBarChart({
          title: t('dashboard:chart_title'),
          description: t('dashboard:chart_description', { summary }),
          series: [
            { label: t('dashboard:on_time'), color: SERIES_COLORS[0] },
            { label: t('dashboard:late'), color: SERIES_COLORS[1] },
            { label: t('dashboard:missing'), color: SERIES_COLORS[2] },
          ],
          bars: overview.weeks.map((week) => ({
            label: weekLabel(week),
            values: [week.onTime, week.late, week.missing],
          })),
        })}</figure>
<details><summary>${t('dashboard:chart_table')}</summary><div class="table"><table><thead><tr><th>${t('dashboard:week')}</th>${countHeaders(t, false)}</tr></thead><tbody>${overview.weeks.map(
          (week) =>
            html`<tr><td>${t('dashboard:chart_week', { date: date(week.weekStart) })}</td>${countCells(week, false)}</tr>`,
        )}</tbody></table></div></details>`;

  const exercises = html`<div class="table"><table><thead><tr><th>${t('dashboard:exercise')}</th><th>${t('dashboard:deadline')}</th>${countHeaders(t, true)}</tr></thead><tbody>${overview.exercises.map(
    (exercise) =>
      html`<tr><td><a href="/admin/exercises/${exercise.id}?cohort=${cohort.id}">${localizedText(exercise.title, language)}</a></td><td>${exercise.deadlineAt ? date(exercise.deadlineAt) : ''}</td>${countCells(exercise, true)}</tr>`,
  )}</tbody></table></div>`;

  const slipping =
    overview.slipping.length === 0
      ? html`<p>${t('dashboard:slipping_none')}</p>`
      : html`<div class="table"><table><thead><tr><th>${t('dashboard:person')}</th><th>${t('dashboard:hub')}</th><th>${t('dashboard:status')}</th><th>${t('dashboard:reason')}</th></tr></thead><tbody>${overview.slipping.map(
          (person) =>
            html`<tr><td><a href="/admin/people/${person.personId}">${person.name ?? t('dashboard:unnamed')}</a></td><td>${localizedText(person.hub, language)}</td><td>${t(`dashboard:person_status_${person.status}`)}</td><td>${[
              person.missedInARow > 0 ? t('dashboard:slipping_missed', { count: person.missedInARow }) : null,
              person.silentForDays !== null ? t('dashboard:slipping_silent', { count: person.silentForDays }) : null,
              person.alertedAt ? t('dashboard:slipping_since', { date: date(person.alertedAt) }) : null,
            ]
              .filter((reason) => reason !== null)
              .join(' · ')}</td></tr>`,
        )}</tbody></table></div>`;

  return html`<p class="muted">${localizedText(cohort.programmeName, language)}${cohort.pausedAt ? html` · ${t('dashboard:cohort_paused')}` : ''}</p>
${operationsLink}
${statusCards}
<h2>${t('dashboard:chart_title')}</h2>
${chart}
<h2>${t('dashboard:submissions_title')}</h2>
${exercises}
<h2>${t('dashboard:slipping_title')}</h2>
<p class="muted">${t('dashboard:slipping_rule', {
    missed: overview.slippingRule.missedInARow,
    days: Math.round(overview.slippingRule.silentForMinutes / (24 * 60)),
  })}</p>
${slipping}
${helpDeskCounts(overview.helpDesk, language, t)}
${cohortExportsSection(cohort.id, t)}`;
}

function countHeaders(t: AdminTranslate, withOpen: boolean): SafeHtml {
  return html`<th class="n">${t('dashboard:on_time')}</th><th class="n">${t('dashboard:late')}</th><th class="n">${t('dashboard:missing')}</th>${withOpen ? html`<th class="n">${t('dashboard:open')}</th>` : ''}`;
}

function countCells(counts: SubmissionCounts, withOpen: boolean): SafeHtml {
  return html`<td class="n">${counts.onTime}</td><td class="n">${counts.late}</td><td class="n">${counts.missing}</td>${withOpen ? html`<td class="n">${counts.open}</td>` : ''}`;
}

/** The help desk's counts per hub (never contents): open, waiting for the person, closed, median time to a first answer. */
function helpDeskCounts(hubs: HelpDeskHubCounts[], language: Language, t: AdminTranslate): SafeHtml {
  const heading = html`<h2>${t('helpdesk-notices:overview.title')}</h2>`;
  if (hubs.length === 0) return html`${heading}<p>${t('helpdesk-notices:overview.none')}</p>`;
  const delay = (seconds: number | null) => {
    if (seconds === null) return '—';
    const minutes = Math.round(seconds / 60);
    return minutes >= 60
      ? t('helpdesk-notices:overview.hours', { h: Math.floor(minutes / 60), m: minutes % 60 })
      : t('helpdesk-notices:overview.minutes', { m: minutes });
  };
  return html`${heading}<div class="table"><table><thead><tr><th>${t('dashboard:hub')}</th><th class="n">${t('helpdesk-notices:overview.open')}</th><th class="n">${t('helpdesk-notices:overview.waiting')}</th><th class="n">${t('helpdesk-notices:overview.closed')}</th><th class="n">${t('helpdesk-notices:overview.median')}</th></tr></thead><tbody>${hubs.map(
    (hub) =>
      html`<tr><td>${hub.hubKey === NO_HUB ? t('helpdesk-notices:overview.no_hub') : localizedText(hub.hubName, language)}</td><td class="n">${hub.counts.open}</td><td class="n">${hub.counts.waiting}</td><td class="n">${hub.counts.closed}</td><td class="n">${delay(median(hub.firstAnswerSeconds))}</td></tr>`,
  )}</tbody></table></div>`;
}
