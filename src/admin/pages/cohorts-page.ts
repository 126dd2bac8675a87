import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { Language } from '../../domain/programme/language.ts';
import { describeRetention, RETENTION_NOTICE_DAYS } from '../../domain/retention.ts';
import { programmeErasures } from '../../store/programmes/programme-erasures.ts';
import { loadCohortOverview, type CohortOverview, type SubmissionCounts } from '../../store/cohorts/cohort-overview.ts';
import { listCohortsWithCounts, type CohortWithCounts } from '../../store/cohorts/list-cohorts-with-counts.ts';
import { listMenteesWithSubmissions } from '../../store/people/list-mentees-with-submissions.ts';
import { listVisibleParticipants, type VisibleParticipant } from '../../store/people/list-visible-participants.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { assertCanSeeCohort, assertStaff } from '../access.ts';
import { stackedBarChart } from '../charts/stacked-bar-chart.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';

/** Colours of on time / late / missing, distinguishable by people with the common colour blindnesses. */
const SERIES_COLORS = ['#1a7f4b', '#e0a100', '#b3261e'] as const;

const STATUSES = ['active', 'paused', 'stopped', 'selected', 'not_selected'] as const;

/**
 * The landing page and the cohort overview: GET /admin lists the viewer's cohorts (a mentor sees
 * their mentees instead), GET /admin/cohorts/:cohortId shows counts, submissions per exercise and
 * per week, and who is slipping; GET /admin/participants lists participants by cohort.
 */
export function registerCohortRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  app.get('/admin', async (request, reply) => {
    const viewer = request.viewer;
    const t = adminTranslate(deps, viewer);
    const page = viewer.role === 'mentor' ? await menteesPage(deps, viewer, t) : await cohortListPage(deps, viewer, t);
    return reply.type('text/html; charset=utf-8').send(renderPage(viewer, t, page));
  });

  app.get<{ Params: { cohortId: string } }>('/admin/cohorts/:cohortId', async (request, reply) => {
    const viewer = request.viewer;
    assertStaff(viewer);
    assertCanSeeCohort(viewer, request.params.cohortId);
    const overview = await loadCohortOverview(deps.db, request.params.cohortId, deps.now());
    const t = adminTranslate(deps, viewer);
    const title = localizedText(overview.cohort.name, viewer.language);
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title, section: 'cohorts', body: cohortBody(overview, viewer.language, t) }));
  });

  app.get('/admin/participants', async (request, reply) => {
    const viewer = request.viewer;
    assertStaff(viewer);
    const t = adminTranslate(deps, viewer);
    const enrolments = await listVisibleParticipants(deps.db, viewer);
    const byCohort = new Map<string, VisibleParticipant[]>();
    for (const enrolment of enrolments)
      byCohort.set(enrolment.cohortId, [...(byCohort.get(enrolment.cohortId) ?? []), enrolment]);
    const sections = [...byCohort.values()].map(
      (rows) =>
        html`<h2>
            ${localizedText(rows[0]!.cohort.name, viewer.language)} <span class="muted">(${rows.length})</span>
          </h2>
          <div class="table">
            <table>
              <thead>
                <tr>
                  <th>${t('dashboard:person')}</th>
                  <th>${t('dashboard:hub')}</th>
                  <th>${t('dashboard:status')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (row) =>
                    html`<tr>
                      <td>
                        <a href="/admin/people/${row.person.id}">${row.person.displayName ?? t('dashboard:unnamed')}</a>
                      </td>
                      <td>${localizedText(row.person.hub?.name ?? null, viewer.language)}</td>
                      <td>${t(`dashboard:person_status_${row.status}`)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`,
    );
    const body = sections.length > 0 ? html`${sections}` : html`<p>${t('dashboard:participants_none')}</p>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard:participants_title'), section: 'participants', body }));
  });
}

/** Staff are told, from 30 days before, when the personal data of one of their programmes is erased. */
async function retentionNotices(deps: AdminDependencies, viewer: Viewer, t: AdminTranslate): Promise<SafeHtml> {
  const now = deps.now();
  const soon = new Date(now.getTime() + RETENTION_NOTICE_DAYS * 24 * 3600_000);
  const erasures = (await programmeErasures(deps.db, viewer.programmeIds)).filter(
    (erasure) => erasure.eraseAt > now && erasure.eraseAt <= soon,
  );
  return html`${erasures.map(
    (erasure) =>
      html`<p class="notice" role="status">
        ${t('dashboard:retention_notice', {
          programme: localizedText(erasure.name, viewer.language),
          date: DateTime.fromJSDate(erasure.eraseAt, { zone: erasure.timeZone })
            .setLocale(viewer.language)
            .toLocaleString(DateTime.DATE_FULL),
          retention: describeRetention(erasure.retention, viewer.language),
        })}
      </p>`,
  )}`;
}

async function cohortListPage(deps: AdminDependencies, viewer: Viewer, t: AdminTranslate) {
  const cohorts = await listCohortsWithCounts(deps.db, viewer);
  const count = (cohort: CohortWithCounts, status?: string) =>
    status === undefined
      ? Object.values(cohort.byStatus).reduce((total, n) => total + n, 0)
      : (cohort.byStatus[status] ?? 0);
  const body =
    cohorts.length === 0
      ? html`<p>${t('dashboard:cohorts_none')}</p>`
      : html`<div class="table">
          <table>
            <thead>
              <tr>
                <th>${t('dashboard:cohort_name')}</th>
                <th>${t('dashboard:cohort_programme')}</th>
                <th class="n">${t('dashboard:status_enrolled')}</th>
                <th class="n">${t('dashboard:status_active')}</th>
                <th class="n">${t('dashboard:status_paused')}</th>
                <th class="n">${t('dashboard:status_stopped')}</th>
              </tr>
            </thead>
            <tbody>
              ${cohorts.map(
                (cohort) =>
                  html`<tr>
                    <td>
                      <a href="/admin/cohorts/${cohort.id}">${localizedText(cohort.name, viewer.language)}</a
                      >${cohort.pausedAt ? html` <span class="muted">(${t('dashboard:cohort_paused')})</span>` : ''}
                    </td>
                    <td>${localizedText(cohort.programmeName, viewer.language)}</td>
                    <td class="n">${count(cohort)}</td>
                    <td class="n">${count(cohort, 'active')}</td>
                    <td class="n">${count(cohort, 'paused')}</td>
                    <td class="n">${count(cohort, 'stopped')}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`;
  return {
    title: t('dashboard:cohorts_title'),
    section: 'cohorts',
    body: html`${await retentionNotices(deps, viewer, t)}${body}`,
  };
}

async function menteesPage(deps: AdminDependencies, viewer: Viewer, t: AdminTranslate) {
  const enrolments = await listMenteesWithSubmissions(deps.db, viewer);
  const body =
    enrolments.length === 0
      ? html`<p>${t('dashboard:mentees_none')}</p>`
      : html`<div class="table">
          <table>
            <thead>
              <tr>
                <th>${t('dashboard:person')}</th>
                <th>${t('dashboard:status')}</th>
                <th class="n">${t('dashboard:on_time')}</th>
                <th class="n">${t('dashboard:late')}</th>
                <th class="n">${t('dashboard:missing')}</th>
              </tr>
            </thead>
            <tbody>
              ${enrolments.map(
                (row) =>
                  html`<tr>
                    <td>
                      <a href="/admin/people/${row.person.id}">${row.person.displayName ?? t('dashboard:unnamed')}</a
                      >${row.slippingAlertedAt ? html` <strong>(${t('dashboard:slipping_flag')})</strong>` : ''}<br /><span
                        class="muted"
                        >${localizedText(row.person.hub?.name ?? null, viewer.language)} ·
                        ${localizedText(row.cohort.name, viewer.language)}</span
                      >
                    </td>
                    <td>${t(`dashboard:person_status_${row.status}`)}</td>
                    <td class="n">${row.submissions.filter((s) => s.status === 'submitted' && !s.late).length}</td>
                    <td class="n">${row.submissions.filter((s) => s.status === 'submitted' && s.late).length}</td>
                    <td class="n">${row.submissions.filter((s) => s.status === 'missed').length}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`;
  return { title: t('dashboard:mentees_title'), section: 'mentees', body };
}

function cohortBody(overview: CohortOverview, language: Language, t: AdminTranslate): SafeHtml {
  const { counts, cohort } = overview;
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
      : html`<figure>
            ${stackedBarChart({
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
            })}
          </figure>
          <details>
            <summary>${t('dashboard:chart_table')}</summary>
            <div class="table">
              <table>
                <thead>
                  <tr>
                    <th>${t('dashboard:week')}</th>
                    ${countHeaders(t, false)}
                  </tr>
                </thead>
                <tbody>
                  ${overview.weeks.map(
                    (week) =>
                      html`<tr>
                        <td>${t('dashboard:chart_week', { date: date(week.weekStart) })}</td>
                        ${countCells(week, false)}
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </details>`;

  const exercises = html`<div class="table">
    <table>
      <thead>
        <tr>
          <th>${t('dashboard:exercise')}</th>
          <th>${t('dashboard:deadline')}</th>
          ${countHeaders(t, true)}
        </tr>
      </thead>
      <tbody>
        ${overview.exercises.map(
          (exercise) =>
            html`<tr>
              <td>
                <a href="/admin/exercises/${exercise.id}?cohort=${cohort.id}"
                  >${localizedText(exercise.title, language)}</a
                >
              </td>
              <td>${exercise.deadlineAt ? date(exercise.deadlineAt) : ''}</td>
              ${countCells(exercise, true)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;

  const slipping =
    overview.slipping.length === 0
      ? html`<p>${t('dashboard:slipping_none')}</p>`
      : html`<div class="table">
          <table>
            <thead>
              <tr>
                <th>${t('dashboard:person')}</th>
                <th>${t('dashboard:hub')}</th>
                <th>${t('dashboard:status')}</th>
                <th>${t('dashboard:reason')}</th>
              </tr>
            </thead>
            <tbody>
              ${overview.slipping.map(
                (person) =>
                  html`<tr>
                    <td><a href="/admin/people/${person.personId}">${person.name ?? t('dashboard:unnamed')}</a></td>
                    <td>${localizedText(person.hub, language)}</td>
                    <td>${t(`dashboard:person_status_${person.status}`)}</td>
                    <td>
                      ${[
                        person.missedInARow > 0 ? t('dashboard:slipping_missed', { count: person.missedInARow }) : null,
                        person.alertedAt ? t('dashboard:slipping_since', { date: date(person.alertedAt) }) : null,
                      ]
                        .filter((reason) => reason !== null)
                        .join(' · ')}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`;

  return html`<p class="muted">
      ${localizedText(cohort.programmeName, language)}${cohort.pausedAt ? html` · ${t('dashboard:cohort_paused')}` : ''}
    </p>
    ${statusCards}
    <h2>${t('dashboard:chart_title')}</h2>
    ${chart}
    <h2>${t('dashboard:submissions_title')}</h2>
    ${exercises}
    <h2>${t('dashboard:slipping_title')}</h2>
    ${slipping}`;
}

function countHeaders(t: AdminTranslate, withOpen: boolean): SafeHtml {
  return html`<th class="n">${t('dashboard:on_time')}</th>
    <th class="n">${t('dashboard:late')}</th>
    <th class="n">${t('dashboard:missing')}</th>
    ${withOpen ? html`<th class="n">${t('dashboard:open')}</th>` : ''}`;
}

function countCells(counts: SubmissionCounts, withOpen: boolean): SafeHtml {
  return html`<td class="n">${counts.onTime}</td>
    <td class="n">${counts.late}</td>
    <td class="n">${counts.missing}</td>
    ${withOpen ? html`<td class="n">${counts.open}</td>` : ''}`;
}
