import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';

/** The cohort downloads of src/admin/exports/export-routes.ts, in the order a person looks for them. */
const EXPORTS = ['participants', 'submissions', 'scores'] as const;

/**
 * Links to a cohort's participants, submissions and scores, each as CSV and as a workbook. The
 * routes filter the rows for the viewer (a trainer gets their hubs', a mentor their mentees').
 */
export function cohortExportLinks(cohortId: string, t: AdminTranslate): SafeHtml {
  const id = encodeURIComponent(cohortId);
  return html`<ul class="exports">${EXPORTS.map(
    (kind) =>
      html`<li>${t(`dashboard-people:find.export_${kind}`)} <a href="/admin/exports/${kind}.csv?cohort=${id}" download>${kind}.csv</a> · <a href="/admin/exports/${kind}.xlsx?cohort=${id}" download>${kind}.xlsx</a></li>`,
  )}</ul>`;
}

/** The cohort page's block: a heading, what the files hold, the links. */
export function cohortExportsSection(cohortId: string, t: AdminTranslate): SafeHtml {
  return html`<section class="cohort-exports"><h2>${t('dashboard-people:find.exports')}</h2>
<p class="muted">${t('dashboard-people:find.exports_hint')}</p>
${cohortExportLinks(cohortId, t)}</section>`;
}
