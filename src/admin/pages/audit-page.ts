import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { listAuditEntries } from '../../store/audit/list-audit-entries.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { assertStaff } from '../access.ts';
import { html, raw } from '../html.ts';
import { adminTranslate, renderPage } from '../layout.ts';
import { auditSentence } from './audit-sentence.ts';

/** On a phone the sentences wrap at spaces, never inside a word. */
const AUDIT_STYLE = raw(`<style>
.audit-log td{overflow-wrap:normal;word-break:normal;hyphens:manual}
.audit-log td code{overflow-wrap:normal;white-space:normal}
.audit-log time{white-space:nowrap}
.audit-details{margin:.25rem 0;padding-left:1.25rem;font-size:.875rem}
</style>`);

/** Rows per page of the audit log. */
const AUDIT_PAGE_SIZE = 50;

/**
 * GET /admin/audit: staff actions, newest first, a page at a time (?page=2). Staff see only the
 * entries that concern their programmes and cohorts (`listAuditEntries` says how an entry is tied
 * to one), the system's included; mentors do not see the log. The log itself is never changed here.
 */
export function registerAuditRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: { page?: string } }>('/admin/audit', async (request, reply) => {
    const viewer = request.viewer;
    assertStaff(viewer);
    const page = request.query.page === undefined ? 1 : Number(request.query.page);
    if (!Number.isInteger(page) || page < 1 || page > 100_000)
      throw new BadRequestError(`page must be a whole number from 1 (got "${request.query.page}")`, {
        key: 'dashboard:error_page_number',
      });
    const t = adminTranslate(deps, viewer);
    const rows = await listAuditEntries(deps.db, {
      programmeIds: viewer.programmeIds,
      cohortIds: viewer.cohortIds,
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE + 1,
    });
    const hasOlder = rows.length > AUDIT_PAGE_SIZE;
    const shown = rows.slice(0, AUDIT_PAGE_SIZE);
    const when = (instant: Date) =>
      DateTime.fromJSDate(instant, { zone: viewer.timeZone })
        .setLocale(viewer.language)
        .toLocaleString(DateTime.DATETIME_FULL);
    const table = html`${AUDIT_STYLE}<div class="table"><table class="audit-log"><thead><tr><th>${t('dashboard:audit_when')}</th><th>${t('dashboard:audit_what')}</th></tr></thead><tbody>${shown.map(
      (row) =>
        html`<tr data-action="${row.action}" data-entity="${row.entityId ?? ''}"><td><time datetime="${row.createdAt.toISOString()}">${when(row.createdAt)}</time></td><td>${auditSentence(row, t, viewer.language)}</td></tr>`,
    )}</tbody></table></div>`;
    const pager = html`<nav class="pager" aria-label="${t('dashboard:page_of', { page })}">${page > 1 ? html`<a href="/admin/audit?page=${page - 1}">← ${t('dashboard:page_newer')}</a>` : ''}<span>${t('dashboard:page_of', { page })}</span>${hasOlder ? html`<a href="/admin/audit?page=${page + 1}">${t('dashboard:page_older')} →</a>` : ''}</nav>`;
    const body = shown.length === 0 && page === 1 ? html`<p>${t('dashboard:audit_none')}</p>` : html`${table}${pager}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard:audit_title'), section: 'audit', body }));
  });
}
