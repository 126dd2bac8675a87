import type { FastifyInstance } from 'fastify';
import { HELP_STATUSES, type HelpStatus } from '../../domain/help-desk/help-routing.ts';
import {
  listHelpConversations,
  type HelpConversationFilters,
  type HelpConversationRow,
} from '../../store/help-desk/list-help-conversations.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { registerHelpConversationRoutes } from './help-conversation-routes.ts';
import { INBOX_STYLE } from './inbox-style.ts';
import { assigneeWords, firstWords, statusWords, waitedWords } from './inbox-wording.ts';

const PAGE_SIZE = 50;

type InboxQuery = { filter?: string; hub?: string; status?: string; page?: string };

/**
 * GET /admin/inbox — the help-desk conversations the viewer may see (staff: their programme's; a
 * mentor: their mentees'; a trainer: their hubs'), those waiting for the team first and longest
 * waiting first, with filters: mine, unassigned, by hub, by status. The conversation pages and
 * their actions are in help-conversation-routes.ts.
 */
export function registerInboxPages(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: InboxQuery }>('/admin/inbox', async (request, reply) => {
    const { viewer } = request;
    const query = request.query;
    const filters: HelpConversationFilters = {
      ...(query.filter === 'mine' && { mine: true }),
      ...(query.filter === 'unassigned' && { unassigned: true }),
      ...(query.hub && { hubId: query.hub }),
      ...(isStatus(query.status) && { status: query.status }),
    };
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const list = await listHelpConversations(deps.db, {
      scope: viewer,
      viewerId: viewer.personId,
      filters,
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    });
    const t = adminTranslate(deps, viewer);
    const body = html`${INBOX_STYLE}<p class="muted">${t('dashboard-inbox:list.intro')}</p>
${filterBar(t, viewer, query, list.hubs)}
<p class="muted" role="status">${t('dashboard-inbox:list.count', { count: list.total })}</p>
${list.rows.length === 0 ? html`<p class="notice">${t('dashboard-inbox:list.empty')}</p>` : html`<ul class="inbox">${list.rows.map((row) => conversationItem(t, viewer, row, deps.now()))}</ul>`}
${pager(t, query, page, list.total)}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard-inbox:list.title'), body, section: 'inbox' }));
  });
  registerHelpConversationRoutes(app, deps);
}

function isStatus(value: unknown): value is HelpStatus {
  return typeof value === 'string' && (HELP_STATUSES as readonly string[]).includes(value);
}

function href(query: InboxQuery, change: Partial<InboxQuery>): string {
  const merged = { ...query, ...change, page: change.page };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/admin/inbox?${search}` : '/admin/inbox';
}

function filterBar(
  t: AdminTranslate,
  viewer: Viewer,
  query: InboxQuery,
  hubs: { id: string; name: unknown }[],
): SafeHtml {
  const current = query.filter === 'mine' || query.filter === 'unassigned' ? query.filter : '';
  const links = [
    ['', 'dashboard-inbox:list.all'],
    ['mine', 'dashboard-inbox:list.mine'],
    ['unassigned', 'dashboard-inbox:list.unassigned'],
  ] as const;
  const selected = (yes: boolean) => (yes ? raw(' selected') : '');
  return html`<nav aria-label="${t('dashboard-inbox:list.filters')}"><ul class="inbox-filters">${links.map(
    ([filter, key]) =>
      html`<li><a href="${href(query, { filter })}"${current === filter ? raw(' aria-current="page"') : ''}>${t(key)}</a></li>`,
  )}</ul></nav>
<form method="get" action="/admin/inbox" class="inbox-select">
${current ? html`<input type="hidden" name="filter" value="${current}">` : ''}
${
  hubs.length > 1
    ? html`<label>${t('dashboard-inbox:list.hub')}<select name="hub"><option value="">${t('dashboard-inbox:list.any_hub')}</option>${hubs.map(
        (hub) =>
          html`<option value="${hub.id}"${selected(query.hub === hub.id)}>${localizedText(hub.name, viewer.language)}</option>`,
      )}</select></label>`
    : ''
}
<label>${t('dashboard-inbox:list.status')}<select name="status"><option value="">${t('dashboard-inbox:list.any_status')}</option>${HELP_STATUSES.map(
    (status) => html`<option value="${status}"${selected(query.status === status)}>${statusWords(t, status)}</option>`,
  )}</select></label>
<button type="submit" class="secondary">${t('dashboard-inbox:list.apply')}</button>
</form>`;
}

function conversationItem(t: AdminTranslate, viewer: Viewer, row: HelpConversationRow, now: Date): SafeHtml {
  const name = row.person.displayName ?? t('dashboard-inbox:conversation.unnamed');
  const hub = row.hub ? localizedText(row.hub.name, viewer.language) : '';
  const last = row.lastMessage ? firstWords(t, row.lastMessage) : '';
  const lastLine =
    row.lastMessage && !row.lastMessage.fromPerson ? t('dashboard-inbox:list.team_said', { text: last }) : last;
  return html`<li><a class="item" href="/admin/inbox/${row.id}">
<span class="line"><span class="person-name">${name}</span>${hub ? html` · ${hub}` : ''}</span>
<span class="line"><span class="pill pill-${row.status}">${statusWords(t, row.status)}</span>${row.status === 'open' && row.waitingSince ? html` <span data-waited>${waitedWords(t, row.waitingSince, now)}</span>` : ''}</span>
<span class="line muted">${t('dashboard-inbox:conversation.who_answers', { who: assigneeWords(t, viewer.language, row) })}</span>
${lastLine ? html`<span class="line">${lastLine}</span>` : ''}
</a></li>`;
}

function pager(t: AdminTranslate, query: InboxQuery, page: number, total: number): SafeHtml | '' {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return '';
  return html`<p class="pager">${page > 1 ? html`<a href="${href(query, { page: String(page - 1) })}">${t('dashboard-inbox:list.previous')}</a>` : ''}${page < pages ? html`<a href="${href(query, { page: String(page + 1) })}">${t('dashboard-inbox:list.next')}</a>` : ''}</p>`;
}
