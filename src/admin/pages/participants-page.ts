import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Language } from '../../domain/programme/language.ts';
import { listParticipantFilters, type ParticipantFilters } from '../../store/people/list-participant-filters.ts';
import {
  searchParticipants,
  type ParticipantPage,
  type ParticipantSearch,
} from '../../store/people/search-participants.ts';
import { assertStaffOrTrainer, viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { cohortExportLinks } from './cohort-export-links.ts';

/** Participants per page: a phone scrolls through it, PostgreSQL counts and pages the rest. */
export const PARTICIPANTS_PAGE_SIZE = 50;

const STATUSES = ['active', 'paused', 'stopped', 'selected', 'not_selected'] as const;
const CHANNELS = ['telegram', 'whatsapp', 'simulator'] as const;
/** An empty select sends "": no filter. */
const orNothing = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal('')]).optional();

const QUERY = z.object({
  q: z.string().max(100).optional(),
  cohort: orNothing(z.string().max(100)),
  hub: orNothing(z.string().max(100)),
  country: orNothing(z.string().regex(/^[A-Z]{2}$/)),
  status: orNothing(z.enum(STATUSES)),
  channel: orNothing(z.enum(CHANNELS)),
  slipping: orNothing(z.literal('1')),
  page: orNothing(z.string().regex(/^[1-9]\d{0,5}$/)),
});
type Query = z.infer<typeof QUERY>;

const STYLE = raw(`<style>
.search{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem 1rem;align-items:end;background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.75rem;margin-bottom:1rem}
.search label{display:flex;flex-direction:column;gap:.15rem;font-size:.9375rem}
.search .name{grid-column:1/-1}
.search .check{flex-direction:row;align-items:center;gap:.4rem}
.search input[type=search],.search select{width:100%}
.search .actions{display:flex;gap:1rem;align-items:center}
.badge{display:inline-block;padding:0 .4rem;border-radius:4px;font-size:.85em;background:#ffedd5}
.exports{margin:.25rem 0;padding-left:1.25rem}
.exports li{margin:.25rem 0}
</style>`);

/**
 * GET /admin/participants (staff and trainers): the participants the viewer may see, found by any
 * part of their name (?q=, without regard to case or accents), filtered by cohort, hub, country
 * (the hub's), status, channel and slipping, fifty to a page. Everything is in the query string,
 * so a search can be bookmarked and the form works without script. Links to the cohort exports.
 */
export function registerParticipantsPage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: Record<string, unknown> }>('/admin/participants', async (request, reply) => {
    const { viewer } = request;
    assertStaffOrTrainer(viewer);
    const parsed = QUERY.safeParse(request.query);
    if (!parsed.success) {
      request.log.info(
        { issues: parsed.error.issues.map((issue) => issue.path.join('.')) },
        'participant search refused',
      );
      throw new BadRequestError('the participant search is malformed', { key: 'dashboard-people:find.error_query' });
    }
    const query = parsed.data;
    const t = adminTranslate(deps, viewer);
    const filters = await listParticipantFilters(deps.db, viewer);
    const search = await searchOf(deps, viewer, query, filters);
    const found = await searchParticipants(deps.db, viewer, search);
    const body = html`${STYLE}${searchForm(query, filters, viewer, t)}
${results(found, search, query, filters, viewer.language, t)}
${exportsSection(search.cohortId, filters, viewer.language, t)}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard:participants_title'), section: 'participants', body }));
  });
}

/** The search the query asks for, its cohort and hub checked against what the viewer may see. */
async function searchOf(
  deps: AdminDependencies,
  viewer: Viewer,
  query: Query,
  filters: ParticipantFilters,
): Promise<ParticipantSearch> {
  // 404 for a cohort that is not the viewer's, as everywhere else.
  const cohortId = query.cohort ? await viewerCohort(deps.db, viewer, query.cohort) : null;
  if (query.hub && !filters.hubs.some((hub) => hub.id === query.hub))
    throw new BadRequestError(`hub ${query.hub} is not one the viewer may filter on`, {
      key: 'dashboard-people:find.error_hub',
    });
  return {
    words: (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5),
    cohortId,
    hubId: query.hub || null,
    country: query.country || null,
    status: query.status || null,
    channel: query.channel || null,
    slipping: query.slipping === '1',
    page: query.page ? Number(query.page) : 1,
    pageSize: PARTICIPANTS_PAGE_SIZE,
  };
}

function searchForm(query: Query, filters: ParticipantFilters, viewer: Viewer, t: AdminTranslate): SafeHtml {
  const language = viewer.language;
  const option = (value: string, label: string, chosen: string | undefined) =>
    html`<option value="${value}"${chosen === value ? raw(' selected') : ''}>${label}</option>`;
  const { countries } = filters;
  return html`<form method="get" action="/admin/participants" class="search" role="search">
<label class="name">${t('dashboard-people:find.name')}<input type="search" name="q" value="${query.q ?? ''}" maxlength="100" autocomplete="off"></label>
${
  filters.cohorts.length > 1
    ? html`<label>${t('dashboard-people:cohort')}<select name="cohort">${option('', t('dashboard-people:find.any_cohort'), query.cohort)}${filters.cohorts.map((cohort) => option(cohort.id, localizedText(cohort.name, language), query.cohort))}</select></label>`
    : ''
}
<label>${t('dashboard-people:hub')}<select name="hub">${option('', t('dashboard-people:find.any_hub'), query.hub)}${filters.hubs.map((hub) => option(hub.id, localizedText(hub.name, language), query.hub))}</select></label>
<label>${t('dashboard-people:find.country')}<select name="country">${option('', t('dashboard-people:find.any_country'), query.country)}${countries.map((code) => option(code, countryName(code, language), query.country))}</select></label>
<label>${t('dashboard-people:status')}<select name="status">${option('', t('dashboard-people:find.any_status'), query.status)}${STATUSES.map((status) => option(status, t(`dashboard:person_status_${status}`), query.status))}</select></label>
<label>${t('dashboard-people:find.channel')}<select name="channel">${option('', t('dashboard-people:find.any_channel'), query.channel)}${CHANNELS.map((channel) => option(channel, t(`dashboard-people:channel_${channel}`), query.channel))}</select></label>
<label class="check"><input type="checkbox" name="slipping" value="1"${query.slipping === '1' ? raw(' checked') : ''}>${t('dashboard-people:find.slipping')}</label>
<p class="actions"><button type="submit">${t('dashboard-people:find.submit')}</button><a href="/admin/participants">${t('dashboard-people:find.clear')}</a></p>
</form>
<p class="muted">${t('dashboard-people:find.slipping_rule')}</p>`;
}

function results(
  found: ParticipantPage,
  search: ParticipantSearch,
  query: Query,
  filters: ParticipantFilters,
  language: Language,
  t: AdminTranslate,
): SafeHtml {
  if (found.total === 0)
    return html`<p class="notice" role="status">${t(search.words.length > 0 || isFiltered(query) ? 'dashboard-people:find.none' : 'dashboard:participants_none')}</p>`;
  const number = new Intl.NumberFormat(language);
  const first = (found.page - 1) * search.pageSize + 1;
  const range = t('dashboard-people:find.range', {
    first: number.format(first),
    last: number.format(first + found.rows.length - 1),
    total: number.format(found.total),
  });
  const lastPage = Math.ceil(found.total / search.pageSize);
  const pageLink = (page: number) => `/admin/participants?${queryString(query, page)}`;
  const pager = html`<nav class="pager" aria-label="${t('dashboard-people:find.pages')}">${found.page > 1 ? html`<a href="${pageLink(found.page - 1)}" rel="prev">← ${t('dashboard-people:find.previous')}</a>` : ''}<span>${t('dashboard-people:find.page_of', { page: number.format(found.page), pages: number.format(lastPage) })}</span>${found.page < lastPage ? html`<a href="${pageLink(found.page + 1)}" rel="next">${t('dashboard-people:find.next')} →</a>` : ''}</nav>`;
  const manyCohorts = filters.cohorts.length > 1;
  return html`<p role="status"><strong>${range}</strong></p>
<div class="table"><table class="participants"><thead><tr><th>${t('dashboard:person')}</th>${manyCohorts ? html`<th>${t('dashboard-people:cohort')}</th>` : ''}<th>${t('dashboard:hub')}</th><th>${t('dashboard-people:find.country')}</th><th>${t('dashboard:status')}</th><th>${t('dashboard-people:channels')}</th></tr></thead><tbody>${found.rows.map(
    (row) =>
      html`<tr><td><a href="/admin/people/${row.personId}">${row.displayName ?? t('dashboard:unnamed')}</a>${row.slippingAlertedAt ? html` <span class="badge">${t('dashboard:slipping_flag')}</span>` : ''}</td>${manyCohorts ? html`<td>${localizedText(row.cohortName, language)}</td>` : ''}<td>${localizedText(row.hubName, language)}</td><td>${row.country ? countryName(row.country, language) : ''}</td><td>${t(`dashboard:person_status_${row.status}`)}</td><td>${row.channels.map((channel) => t(`dashboard-people:channel_${channel}`)).join(', ')}</td></tr>`,
  )}</tbody></table></div>
${pager}`;
}

/** The cohort exports: the chosen cohort's, else each of the viewer's cohorts'. */
function exportsSection(
  cohortId: string | null,
  filters: ParticipantFilters,
  language: Language,
  t: AdminTranslate,
): SafeHtml {
  const cohorts = cohortId ? filters.cohorts.filter((cohort) => cohort.id === cohortId) : filters.cohorts;
  return html`<section><h2>${t('dashboard-people:find.exports')}</h2>
<p class="muted">${t('dashboard-people:find.exports_hint')}</p>
${cohorts.map((cohort) => html`${cohorts.length > 1 || filters.cohorts.length > 1 ? html`<h3>${localizedText(cohort.name, language)}</h3>` : ''}${cohortExportLinks(cohort.id, t)}`)}
</section>`;
}

function isFiltered(query: Query): boolean {
  return Boolean(query.cohort || query.hub || query.country || query.status || query.channel || query.slipping);
}

/** The same search on another page: only the fields that say something, so links stay short. */
function queryString(query: Query, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'cohort', 'hub', 'country', 'status', 'channel', 'slipping'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  return params.toString();
}

/** A country's name in the viewer's language, from its ISO code (the code itself if unknown). */
function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
