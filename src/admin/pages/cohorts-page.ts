import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { describeRetention, RETENTION_NOTICE_DAYS } from '../../domain/retention.ts';
import { programmeErasures } from '../../store/programmes/programme-erasures.ts';
import { loadCohortOverview } from '../../store/cohorts/cohort-overview.ts';
import { listCohortsWithCounts, type CohortWithCounts } from '../../store/cohorts/list-cohorts-with-counts.ts';
import { listMenteesWithSubmissions } from '../../store/people/list-mentees-with-submissions.ts';
import { visibleHubIds } from '../../store/access/visible-venues.ts';
import { countHubAttendance } from '../../store/sessions/count-hub-attendance.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { assertStaffOrTrainer, viewerCohort } from '../access.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { cohortBody } from './cohort-overview-view.ts';
import { hubAttendanceView } from './hub-attendance-view.ts';

/**
 * The landing page and the cohort overview: GET /admin lists the viewer's cohorts (a mentor sees
 * their mentees instead), GET /admin/cohorts/:cohortId shows counts, submissions per exercise and
 * per week, and who is slipping (participants-page.ts lists and finds participants). A trainer
 * sees the overview for the participants of their hubs only.
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
    assertStaffOrTrainer(viewer);
    const cohortId = await viewerCohort(deps.db, viewer, request.params.cohortId);
    const now = deps.now();
    // A trainer's overview counts their hubs' participants only: no total reveals another hub.
    const hubIds = visibleHubIds(viewer, cohortId);
    const overview = await loadCohortOverview(deps.db, cohortId, now, hubIds, viewer);
    const attendance = await countHubAttendance(deps.db, cohortId, now, hubIds);
    const t = adminTranslate(deps, viewer);
    const title = localizedText(overview.cohort.name, viewer.language);
    const body = html`${hubIds === null ? '' : html`<p class="notice">${t('dashboard-trainers:overview_scope')}</p>`}
${cohortBody(overview, viewer.language, t, viewer.role === 'staff')}
${hubAttendanceView(attendance, viewer.language, t)}`;
    return reply.type('text/html; charset=utf-8').send(renderPage(viewer, t, { title, section: 'cohorts', body }));
  });
}

/** Staff are told, from 30 days before, when the personal data of one of their programmes is erased. */
async function retentionNotices(deps: AdminDependencies, viewer: Viewer, t: AdminTranslate): Promise<SafeHtml> {
  if (viewer.role !== 'staff') return html``;
  const now = deps.now();
  const soon = new Date(now.getTime() + RETENTION_NOTICE_DAYS * 24 * 3600_000);
  const erasures = (await programmeErasures(deps.db, viewer.programmeIds)).filter(
    (erasure) => erasure.eraseAt > now && erasure.eraseAt <= soon,
  );
  return html`${erasures.map(
    (erasure) =>
      html`<p class="notice" role="status">${t('dashboard:retention_notice', {
        programme: localizedText(erasure.name, viewer.language),
        date: DateTime.fromJSDate(erasure.eraseAt, { zone: erasure.timeZone })
          .setLocale(viewer.language)
          .toLocaleString(DateTime.DATE_FULL),
        retention: describeRetention(erasure.retention, viewer.language),
      })}</p>`,
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
      : html`<div class="table"><table><thead><tr><th>${t('dashboard:cohort_name')}</th><th>${t('dashboard:cohort_programme')}</th><th class="n">${t('dashboard:status_enrolled')}</th><th class="n">${t('dashboard:status_active')}</th><th class="n">${t('dashboard:status_paused')}</th><th class="n">${t('dashboard:status_stopped')}</th></tr></thead><tbody>${cohorts.map(
          (cohort) =>
            html`<tr><td><a href="/admin/cohorts/${cohort.id}">${localizedText(cohort.name, viewer.language)}</a>${cohort.pausedAt ? html` <span class="muted">(${t('dashboard:cohort_paused')})</span>` : ''}</td><td>${localizedText(cohort.programmeName, viewer.language)}</td><td class="n">${count(cohort)}</td><td class="n">${count(cohort, 'active')}</td><td class="n">${count(cohort, 'paused')}</td><td class="n">${count(cohort, 'stopped')}</td></tr>`,
        )}</tbody></table></div>`;
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
      : html`<div class="table"><table><thead><tr><th>${t('dashboard:person')}</th><th>${t('dashboard:status')}</th><th class="n">${t('dashboard:on_time')}</th><th class="n">${t('dashboard:late')}</th><th class="n">${t('dashboard:missing')}</th></tr></thead><tbody>${enrolments.map(
          (row) =>
            html`<tr><td><a href="/admin/people/${row.person.id}">${row.person.displayName ?? t('dashboard:unnamed')}</a>${row.slippingAlertedAt ? html` <strong>(${t('dashboard:slipping_flag')})</strong>` : ''}<br><span class="muted">${localizedText(row.person.hub?.name ?? null, viewer.language)} · ${localizedText(row.cohort.name, viewer.language)}</span></td><td>${t(`dashboard:person_status_${row.status}`)}</td><td class="n">${row.submissions.filter((s) => s.status === 'submitted' && !s.late).length}</td><td class="n">${row.submissions.filter((s) => s.status === 'submitted' && s.late).length}</td><td class="n">${row.submissions.filter((s) => s.status === 'missed').length}</td></tr>`,
        )}</tbody></table></div>`;
  return { title: t('dashboard:mentees_title'), section: 'mentees', body };
}
