import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { parseSessionAudience } from '../../domain/sessions/session-definition.ts';
import { announceSessionNow } from '../../jobs/announce-sessions.ts';
import type { JobContext } from '../../jobs/job-definition.ts';
import { NotFoundError } from '../../store/errors.ts';
import { cancelSession } from '../../store/sessions/cancel-session.ts';
import { listSessionAudience } from '../../store/sessions/list-session-audience.ts';
import { loadSessionForEdit, type SessionForEdit } from '../../store/sessions/load-session-for-edit.ts';
import { saveDashboardSession } from '../../store/sessions/save-dashboard-session.ts';
import { assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, csrfField, renderPage } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { loadSessionChoices, type SessionChoices } from './session-choices.ts';
import { checkSessionDraft, droppedInvitedVenues, keyFromTitle, type FieldErrors } from './session-draft-check.ts';
import {
  draftChanges,
  draftFromSession,
  emptySessionDraft,
  readSessionDraft,
  type SessionDraft,
} from './session-draft.ts';
import { SESSION_FORM_STYLE } from './session-form-fields.ts';
import { sessionForm } from './session-form-view.ts';
import { sessionRecipients } from './session-recipients.ts';
import { recipientsView } from './session-recipients-view.ts';

type SessionParams = { Params: { sessionId: string } };

/**
 * Sessions, for staff of their programme: the form that creates one (GET and POST
 * /admin/sessions/new), the page that edits one with the preview of its announcement's recipients
 * (GET and POST /admin/sessions/:id/edit), announcing it now (POST …/announce) and cancelling it
 * after a confirmation (GET and POST …/cancel). Each ends on the session's page with what was done.
 */
export function registerSessionEditRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: { programme?: string } }>('/admin/sessions/new', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const programmeId = request.query.programme ?? viewer.programmeIds[0];
    if (!programmeId) throw new NotFoundError('the viewer has no programme');
    const programme = await loadSessionChoices(deps.db, viewer, programmeId);
    return sendPage(
      reply,
      deps,
      viewer,
      'form.new_title',
      newBody(viewer, deps, programme, emptySessionDraft(programme), {}),
    );
  });

  app.post('/admin/sessions/new', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const programmeId = typeof form.programme === 'string' ? form.programme : '';
    if (!programmeId)
      throw new BadRequestError('the programme is missing', { key: 'dashboard:error_programme_missing' });
    const programme = await loadSessionChoices(deps.db, viewer, programmeId);
    const draft = readSessionDraft(form, programme);
    draft.key ||= keyFromTitle(draft.title[programme.languages[0]!] ?? '');
    const now = deps.now();
    const checked = checkSessionDraft(draft, programme, { now, storedStarts: new Map(), announceMayBePast: false });
    const refused = (errors: FieldErrors) =>
      sendPage(reply.code(400), deps, viewer, 'form.new_title', newBody(viewer, deps, programme, draft, errors));
    if (!checked.ok) return refused(checked.errors);
    const saved = await saveDashboardSession(deps.db, {
      programmeId: programme.id,
      definition: checked.definition,
      sessionId: null,
      actorId: viewer.personId,
      now,
      changes: draftChanges(null, draft),
    });
    if (!saved.ok) return refused({ key: { key: 'form.error_key_taken', values: { key: draft.key } } });
    request.log.info(
      { sessionId: saved.report.sessionId, personId: viewer.personId },
      'session created from the dashboard',
    );
    return reply.redirect(`/admin/sessions/${saved.report.sessionId}?done=created`, 303);
  });

  app.get<SessionParams>('/admin/sessions/:sessionId/edit', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { session, programme } = await visibleSession(deps, viewer, request.params.sessionId);
    const body = await editBody(viewer, deps, programme, session, draftFromSession(session, programme), {});
    return sendPage(reply, deps, viewer, 'form.edit_title', body);
  });

  app.post<SessionParams>('/admin/sessions/:sessionId/edit', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { session, programme } = await visibleSession(deps, viewer, request.params.sessionId);
    assertScheduled(session);
    const draft = { ...readSessionDraft(request.body, programme), key: session.key };
    const now = deps.now();
    const checked = checkSessionDraft(draft, programme, {
      now,
      storedStarts: new Map(session.venues.map((venue) => [venue.key, venue.startsAt.getTime()])),
      announceMayBePast: session.announcedAt !== null || (session.announceAt !== null && session.announceAt <= now),
    });
    const errors = checked.ok ? droppedInvitedVenues(session, checked.definition) : checked.errors;
    if (!checked.ok || Object.keys(errors).length > 0)
      return sendPage(
        reply.code(400),
        deps,
        viewer,
        'form.edit_title',
        await editBody(viewer, deps, programme, session, draft, errors),
      );
    const saved = await saveDashboardSession(deps.db, {
      programmeId: programme.id,
      definition: checked.definition,
      sessionId: session.id,
      actorId: viewer.personId,
      now,
      changes: draftChanges(draftFromSession(session, programme), draft),
    });
    const outcome = saved.ok ? saved.report.outcome : 'unchanged';
    return reply.redirect(`/admin/sessions/${session.id}?done=${outcome}`, 303);
  });

  app.post<SessionParams>('/admin/sessions/:sessionId/announce', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { session } = await visibleSession(deps, viewer, request.params.sessionId);
    assertScheduled(session);
    const { announced } = await announceSessionNow(announceContext(deps), session.id, viewer.personId);
    return reply.redirect(`/admin/sessions/${session.id}?done=announced&count=${announced}`, 303);
  });

  app.get<SessionParams>('/admin/sessions/:sessionId/cancel', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { session, programme } = await visibleSession(deps, viewer, request.params.sessionId);
    assertScheduled(session);
    return sendPage(reply, deps, viewer, 'cancel.title', await cancelBody(viewer, deps, programme, session));
  });

  app.post<SessionParams>('/admin/sessions/:sessionId/cancel', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { session, programme } = await visibleSession(deps, viewer, request.params.sessionId);
    assertScheduled(session);
    const form = (request.body ?? {}) as Record<string, unknown>;
    // Without the confirmation's own button, nothing is cancelled: the question is asked again.
    if (form.confirm !== 'yes')
      return sendPage(
        reply.code(400),
        deps,
        viewer,
        'cancel.title',
        await cancelBody(viewer, deps, programme, session),
      );
    await cancelSession(deps.db, { sessionId: session.id, actorId: viewer.personId, now: deps.now() });
    return reply.redirect(`/admin/sessions/${session.id}?done=cancelled`, 303);
  });
}

/**
 * The line a session's page shows after an action of these pages (`?done=created|updated|unchanged|
 * announced|cancelled`, `&count=` for announced), or nothing.
 */
export function sessionConfirmation(
  t: (key: string, values?: Record<string, unknown>) => string,
  query: { done?: unknown; count?: unknown },
): SafeHtml | '' {
  const done = typeof query.done === 'string' ? query.done : '';
  if (!['created', 'updated', 'unchanged', 'announced', 'cancelled'].includes(done)) return '';
  const count = Number(query.count);
  return html`<p class="notice" role="status">${t(`dashboard-sessions:edit.done_${done}`, { count: Number.isInteger(count) ? count : 0 })}</p>`;
}

/**
 * What announcing needs of a job's context, from the dashboard's: the announcement is written to
 * the outbox and queued for delivery, so no channel is used here, and no media file is read.
 */
function announceContext(deps: AdminDependencies): Omit<JobContext, 'job' | 'token'> {
  const { db, logger, now, translate, defaultLanguage, queues, mediaDir, calendar } = deps;
  return {
    db,
    logger,
    now,
    translate,
    defaultLanguage,
    queues,
    channels: {},
    media: { dir: mediaDir, maxBytes: 0 },
    ...(calendar && { calendar }),
  };
}

async function visibleSession(
  deps: AdminDependencies,
  viewer: Viewer,
  sessionId: string,
): Promise<{ session: SessionForEdit; programme: SessionChoices }> {
  const session = await loadSessionForEdit(deps.db, sessionId, viewer.programmeIds);
  return { session, programme: await loadSessionChoices(deps.db, viewer, session.programmeId) };
}

function assertScheduled(session: SessionForEdit): void {
  if (session.status === 'cancelled')
    throw new BadRequestError(`session ${session.id} is cancelled`, { key: 'dashboard-sessions:edit.is_cancelled' });
}

function sendPage(reply: FastifyReply, deps: AdminDependencies, viewer: Viewer, titleKey: string, body: SafeHtml) {
  const t = adminTranslate(deps, viewer);
  const title = t(`dashboard-sessions:${titleKey}`);
  return reply
    .type('text/html; charset=utf-8')
    .send(renderPage(viewer, t, { title, body: html`${SESSION_FORM_STYLE}${body}`, section: 'sessions' }));
}

function newBody(
  viewer: Viewer,
  deps: AdminDependencies,
  programme: SessionChoices,
  draft: SessionDraft,
  errors: FieldErrors,
): SafeHtml {
  const t = adminTranslate(deps, viewer);
  return html`<p class="muted">${t('dashboard-broadcasts:programme', { programme: programme.name })}</p>
${errorSummary(t, errors)}${sessionForm(viewer, t, programme, draft, { sessionId: null, errors, changeNotice: null })}`;
}

async function editBody(
  viewer: Viewer,
  deps: AdminDependencies,
  programme: SessionChoices,
  session: SessionForEdit,
  draft: SessionDraft,
  errors: FieldErrors,
): Promise<SafeHtml> {
  const t = adminTranslate(deps, viewer);
  const e = (key: string, values?: Record<string, unknown>) => t(`dashboard-sessions:edit.${key}`, values);
  const title = localizedText(session.title, viewer.language);
  const back = html`<p><a href="/admin/sessions/${session.id}">${e('back', { title })}</a></p>`;
  if (session.status === 'cancelled')
    return html`${back}<p class="notice error">${e('cancelled_on', { date: formatLocalDateTime(session.cancelledAt ?? deps.now(), programme.timeZone, viewer.language) })}</p>`;
  const now = deps.now();
  const audience = parseSessionAudience(session.audience);
  const members = audience ? await listSessionAudience(deps.db, programme.id, audience) : [];
  const recipients = sessionRecipients(session, members, now);
  const announced = session.announcedAt
    ? e('announced_on', { date: formatLocalDateTime(session.announcedAt, programme.timeZone, viewer.language) })
    : session.announceAt && session.announceAt > now
      ? e('announce_planned', {
          date: formatLocalDateTime(session.announceAt, programme.timeZone, viewer.language),
          zone: programme.timeZone,
        })
      : e('announce_pending');
  // Told of a change: everyone told of the session who did not say they cannot come.
  const toBeTold = session.invitations.filter((i) => i.announcedAt !== null && i.rsvp !== 'no').length;
  return html`${back}<p data-announced>${announced}</p>
${recipientsView(recipients, programme, viewer.language, t)}
<div class="actions">
<form method="post" action="/admin/sessions/${session.id}/announce">${csrfField(viewer)}<button type="submit">${t('dashboard-sessions:announce.now')}</button></form>
<form method="get" action="/admin/sessions/${session.id}/cancel"><button type="submit" class="secondary">${t('dashboard-sessions:cancel.action')}</button></form>
</div>
${session.announcedAt ? html`<p class="muted">${t('dashboard-sessions:announce.again_hint')}</p>` : ''}
<h2>${e('form_heading')}</h2>
${errorSummary(t, errors)}${sessionForm(viewer, t, programme, draft, {
    sessionId: session.id,
    errors,
    changeNotice: session.announcedAt ? { count: toBeTold } : null,
  })}`;
}

async function cancelBody(
  viewer: Viewer,
  deps: AdminDependencies,
  programme: SessionChoices,
  session: SessionForEdit,
): Promise<SafeHtml> {
  const t = adminTranslate(deps, viewer);
  const c = (key: string, values?: Record<string, unknown>) => t(`dashboard-sessions:cancel.${key}`, values);
  const audience = parseSessionAudience(session.audience);
  const members = audience ? await listSessionAudience(deps.db, programme.id, audience) : [];
  const invited = sessionRecipients(session, members, deps.now()).total;
  const title = localizedText(session.title, viewer.language);
  return html`<p class="notice error">${c('question', { title })}</p>
<p>${session.announcedAt ? c('told', { count: Math.max(invited, session.invitations.length) }) : c('not_announced')}</p>
<div class="actions"><form method="post" action="/admin/sessions/${session.id}/cancel">${csrfField(viewer)}<button type="submit" name="confirm" value="yes">${c('confirm')}</button></form>
<a href="/admin/sessions/${session.id}/edit">${c('keep')}</a></div>`;
}

function errorSummary(
  t: (key: string, values?: Record<string, unknown>) => string,
  errors: FieldErrors,
): SafeHtml | '' {
  const count = Object.keys(errors).length;
  return count === 0
    ? ''
    : html`<div class="notice error" role="alert">${t('dashboard-sessions:form.not_saved', { count })}</div>`;
}
