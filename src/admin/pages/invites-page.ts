import type { FastifyInstance, FastifyReply } from 'fastify';
import { createInviteCodes } from '../../store/invites/create-invite-codes.ts';
import { listInviteChoices } from '../../store/invites/list-invite-choices.ts';
import { listInviteCodes } from '../../store/invites/list-invite-codes.ts';
import { revokeInviteCode } from '../../store/invites/revoke-invite-code.ts';
import { assertCanSeeCohort, assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { INVITES_STYLE, inviteCard, type InviteCardContext } from './invite-card.ts';
import { inviteForm, readInviteForm, type InviteFormErrors, type InviteFormValues } from './invite-form.ts';
import { registerInvitePrintPage } from './invite-print-page.ts';

const PAGE_SIZE = 50;
/** Codes as the form makes them (and a list of them, comma-separated, in a link). */
const CODE_LIST = /^[A-Z0-9]{4,64}(,[A-Z0-9]{4,64})*$/;

type InvitesQuery = { cohort?: string; page?: string; created?: string; revoked?: string };

/**
 * GET /admin/invites — staff create invite codes for their cohorts (participant, mentor, trainer
 * with their hub, staff) and see them, newest first: state, uses left, expiry, who joined, the
 * links and a QR code; POST /admin/invites creates, POST /admin/invites/:id/revoke revokes (both
 * audited in their store function); the printable page is in invite-print-page.ts. Mentors and
 * trainers are refused (403); a code of a cohort the viewer does not staff is not found (404).
 */
export function registerInvitePages(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: InvitesQuery }>('/admin/invites', async (request, reply) => {
    assertStaff(request.viewer);
    return invitesPage(reply, request.viewer, request.query, {});
  });

  app.post('/admin/invites', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    // The language switch on the form shown again goes back to the invites page.
    viewer.path = '/admin/invites';
    const choices = await listInviteChoices(deps.db, viewer.cohortIds);
    const form = readInviteForm(request.body, choices, deps.now(), viewer.language);
    if (!form.ok) {
      request.log.info({ fields: Object.keys(form.errors) }, 'invite form refused');
      return invitesPage(reply.code(400), viewer, { cohort: form.values.cohort ?? '' }, form);
    }
    const { cohort, role, hubId, count, maxUses, expiresAt } = form.request;
    assertCanSeeCohort(viewer, cohort.id);
    const codes = await createInviteCodes(deps.db, {
      cohortId: cohort.id,
      role,
      hubId,
      count,
      maxUses,
      expiresAt,
      createdById: viewer.personId,
    });
    request.log.info({ cohortId: cohort.id, role, count: codes.length }, 'invite codes created from the dashboard');
    const query = new URLSearchParams({ cohort: cohort.id, created: codes.join(',') });
    return reply.redirect(`/admin/invites?${query.toString()}`, 303);
  });

  app.post<{ Params: { inviteCodeId: string } }>('/admin/invites/:inviteCodeId/revoke', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { code } = await revokeInviteCode(deps.db, {
      inviteCodeId: request.params.inviteCodeId,
      cohortIds: viewer.cohortIds,
      actorId: viewer.personId,
      now: deps.now(),
    });
    return reply.redirect(`/admin/invites?${new URLSearchParams({ revoked: code }).toString()}`, 303);
  });

  registerInvitePrintPage(app, deps);

  async function invitesPage(
    reply: FastifyReply,
    viewer: Viewer,
    query: InvitesQuery,
    form: { values?: InviteFormValues; errors?: InviteFormErrors },
  ): Promise<FastifyReply> {
    const t = adminTranslate(deps, viewer);
    const choices = await listInviteChoices(deps.db, viewer.cohortIds);
    // An unknown cohort in the address shows all of them rather than an error: it is only a filter.
    const cohortId = choices.cohorts.some((cohort) => cohort.id === query.cohort) ? query.cohort : undefined;
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const list = await listInviteCodes(deps.db, {
      cohortIds: cohortId ? [cohortId] : viewer.cohortIds,
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    });
    const context: InviteCardContext = {
      t,
      translate: deps.translate,
      viewer,
      defaultLanguage: deps.defaultLanguage,
      chatAccounts: deps.chatAccounts ?? {},
      now: deps.now(),
    };
    const cards = await Promise.all(list.rows.map((code) => inviteCard(code, context)));
    const body = html`${INVITES_STYLE}<p class="muted">${t('dashboard-invites:intro')}</p>
${notices(t, query)}
<h2>${t('dashboard-invites:form.title')}</h2>
${inviteForm(t, viewer, choices, { ...form, ...(cohortId && { cohortId }) })}
<h2 id="codes">${t('dashboard-invites:list.title')}</h2>
${cohortFilter(t, viewer, choices.cohorts, cohortId)}
${channelNotes(t, context)}
<p class="muted" role="status">${t('dashboard-invites:list.count', { count: list.total })}${cohortId && list.total > 0 ? html` · <a href="/admin/invites/print?cohort=${cohortId}">${t('dashboard-invites:list.print')}</a>` : ''}</p>
${cards.length === 0 ? html`<p class="notice">${t('dashboard-invites:list.empty')}</p>` : html`<ul class="invites">${cards}</ul>`}
${pager(t, cohortId, page, list.total)}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard-invites:title'), body, section: 'invites' }));
  }
}

/** What the last action did: codes created (with a link to print them), a code revoked. */
function notices(t: AdminTranslate, query: InvitesQuery): SafeHtml {
  const parts: SafeHtml[] = [];
  if (query.created && CODE_LIST.test(query.created)) {
    const count = query.created.split(',').length;
    parts.push(
      html`<p class="notice" role="status">${t('dashboard-invites:created', { count })} <a href="/admin/invites/print?codes=${query.created}">${t('dashboard-invites:print_created')}</a></p>`,
    );
  }
  if (query.revoked && CODE_LIST.test(query.revoked))
    parts.push(
      html`<p class="notice" role="status">${t('dashboard-invites:revoked_notice', { code: query.revoked })}</p>`,
    );
  return html`${parts}`;
}

/** The list's cohort filter, a form that works without a script; nothing for a viewer with one cohort. */
function cohortFilter(
  t: AdminTranslate,
  viewer: Viewer,
  cohorts: { id: string; name: unknown }[],
  current: string | undefined,
): SafeHtml {
  if (cohorts.length < 2) return html``;
  return html`<form method="get" action="/admin/invites#codes" class="filters"><label>${t('dashboard-invites:list.filter')}
<select name="cohort"><option value="">${t('dashboard-invites:list.all_cohorts')}</option>${cohorts.map(
    (cohort) =>
      html`<option value="${cohort.id}"${cohort.id === current ? raw(' selected') : ''}>${localizedText(cohort.name, viewer.language)}</option>`,
  )}</select></label> <button type="submit" class="secondary">${t('dashboard-invites:list.show')}</button></form>`;
}

/** Says once which links are missing and why, and what the QR codes open. */
function channelNotes(t: AdminTranslate, context: InviteCardContext): SafeHtml {
  const { telegramBotUsername, whatsappBusinessNumber } = context.chatAccounts;
  return html`<p class="muted">${t('dashboard-invites:list.qr_choice')}</p>
${telegramBotUsername ? '' : html`<p class="muted">${t('dashboard-invites:list.no_telegram')}</p>`}
${whatsappBusinessNumber ? '' : html`<p class="muted">${t('dashboard-invites:list.no_whatsapp')}</p>`}`;
}

function pager(t: AdminTranslate, cohortId: string | undefined, page: number, total: number): SafeHtml {
  if (total <= PAGE_SIZE) return html``;
  const href = (to: number) => {
    const params = new URLSearchParams({ ...(cohortId && { cohort: cohortId }), page: String(to) });
    return `/admin/invites?${params.toString()}#codes`;
  };
  const from = (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, page * PAGE_SIZE);
  return html`<p class="pager">${page > 1 ? html`<a href="${href(page - 1)}">${t('dashboard-invites:list.previous')}</a>` : ''}
<span>${t('dashboard-invites:list.range', { from, to, total })}</span>
${to < total ? html`<a href="${href(page + 1)}">${t('dashboard-invites:list.next')}</a>` : ''}</p>`;
}
