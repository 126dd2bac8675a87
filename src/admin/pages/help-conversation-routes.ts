import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { MediaKind } from '../../domain/inbound-event.ts';
import { teamAnswerForPerson } from '../../conversation/notices/help-desk-notices.ts';
import { assignHelpConversation, NotAResponderError } from '../../store/help-desk/assign-help-conversation.ts';
import { closeHelpConversation } from '../../store/help-desk/close-help-conversation.ts';
import { listHelpResponders } from '../../store/help-desk/list-help-responders.ts';
import { loadHelpConversation } from '../../store/help-desk/load-help-conversation.ts';
import { reopenHelpConversation } from '../../store/help-desk/reopen-help-conversation.ts';
import { replyToHelpConversation } from '../../store/help-desk/reply-to-help-conversation.ts';
import { startHelpFromDashboard } from '../../store/help-desk/start-help-from-dashboard.ts';
import { storeDashboardUpload, UploadRefusedError } from '../../store/help-desk/store-dashboard-upload.ts';
import type { ComposeTeamAnswer } from '../../store/help-desk/team-answer-outbox.ts';
import { assertCanSeePerson } from '../../store/access/assert-can-see-person.ts';
import { findParticipantName } from '../../store/help-desk/find-participant-name.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError, ForbiddenError } from '../admin-errors.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage } from '../layout.ts';
import type { Viewer } from '../viewer.ts';
import { helpConversationBody, messageForm, type ConversationPageState } from './help-conversation-view.ts';
import { INBOX_STYLE } from './inbox-style.ts';

/** The same limit as files people send in chat (MEDIA_MAX_BYTES) when the dashboard is not told one. */
const DEFAULT_MEDIA_MAX_BYTES = 25 * 1024 * 1024;
/** Longer answers are cut by the platforms (Telegram 4096 characters); the form says so first. */
const MAX_TEXT_LENGTH = 4000;
const DONE = new Set(['replied', 'started', 'assigned', 'closed', 'reopened']);

type ConversationParams = { Params: { conversationId: string } };
type PersonParams = { Params: { personId: string } };

/** A file attached to a form, as read from the request (`truncated`: it was over the limit). */
interface Upload {
  data: Buffer;
  mimeType: string;
  truncated: boolean;
}

/**
 * A help-desk conversation on the dashboard: its page (GET /admin/inbox/:id, 404 for one the
 * viewer may not see), replying with text and a file (…/reply), handing it over (…/assign, trainers
 * and staff), closing and reopening it; and writing first to a participant the viewer may see
 * (GET and POST /admin/inbox/write/:personId). Every change is audited in its store function.
 */
export function registerHelpConversationRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  const maxBytes = () => deps.mediaMaxBytes ?? DEFAULT_MEDIA_MAX_BYTES;
  // In a scope of its own: only these forms take files, and the dashboard's CSRF check (a
  // preHandler) reads the token from the fields parsed here, before it.
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { files: 1, fields: 8, fieldSize: 64 * 1024, fileSize: maxBytes() + 1 },
      async onFile(part: MultipartFile & { value?: unknown }) {
        const data = await part.toBuffer();
        const upload: Upload = { data, mimeType: part.mimetype, truncated: part.file.truncated };
        part.value = upload;
      },
    });

    scope.get<ConversationParams & { Querystring: { done?: string } }>(
      '/admin/inbox/:conversationId',
      async (request, reply) => {
        const done = request.query.done;
        return conversationPage(reply, request.viewer, request.params.conversationId, {
          ...(done && DONE.has(done) && { done }),
        });
      },
    );

    scope.post<ConversationParams>('/admin/inbox/:conversationId/reply', async (request, reply) => {
      const { viewer } = request;
      const { conversationId } = request.params;
      // 404 before anything is stored for a conversation the viewer may not see.
      await loadHelpConversation(deps.db, viewer, conversationId);
      const form = await readMessageForm(viewer, request.body);
      if (!form.ok) return conversationPage(reply.code(400), viewer, conversationId, form.state);
      const now = deps.now();
      const outbox = await replyToHelpConversation(deps.db, {
        scope: viewer,
        conversationId,
        authorId: viewer.personId,
        message: { text: form.text, mediaFileId: form.media?.mediaFileId ?? null, sentAt: now },
        now,
        compose: composeAnswer(viewer, form),
      });
      // After the commit: a delivery job never looks for a row that is not there yet.
      await deps.queues.deliverOutbound(outbox, now);
      request.log.info({ conversationId, personId: viewer.personId }, 'help-desk answer sent from the dashboard');
      return reply.redirect(`/admin/inbox/${conversationId}?done=replied`, 303);
    });

    scope.post<ConversationParams>('/admin/inbox/:conversationId/assign', async (request, reply) => {
      const { viewer } = request;
      const { conversationId } = request.params;
      await loadHelpConversation(deps.db, viewer, conversationId);
      if (viewer.role === 'mentor')
        throw new ForbiddenError('mentors do not hand conversations over', {
          key: 'dashboard-inbox:errors.mentors_cannot_assign',
        });
      const body = (request.body ?? {}) as Record<string, unknown>;
      const assigneeId = typeof body.assignee === 'string' && body.assignee !== '' ? body.assignee : null;
      try {
        await assignHelpConversation(deps.db, {
          scope: viewer,
          conversationId,
          assigneeId,
          actorId: viewer.personId,
          now: deps.now(),
        });
      } catch (error) {
        if (error instanceof NotAResponderError)
          throw new BadRequestError(error.message, { key: 'dashboard-inbox:errors.not_a_responder' });
        throw error;
      }
      return reply.redirect(`/admin/inbox/${conversationId}?done=assigned`, 303);
    });

    for (const [action, done, change] of [
      ['close', 'closed', closeHelpConversation],
      ['reopen', 'reopened', reopenHelpConversation],
    ] as const)
      scope.post<ConversationParams>(`/admin/inbox/:conversationId/${action}`, async (request, reply) => {
        const { conversationId } = request.params;
        await change(deps.db, {
          scope: request.viewer,
          conversationId,
          actorId: request.viewer.personId,
          now: deps.now(),
        });
        return reply.redirect(`/admin/inbox/${conversationId}?done=${done}`, 303);
      });

    scope.get<PersonParams>('/admin/inbox/write/:personId', async (request, reply) =>
      writePage(reply, request.viewer, request.params.personId, {}),
    );

    scope.post<PersonParams>('/admin/inbox/write/:personId', async (request, reply) => {
      const { viewer } = request;
      const { personId } = request.params;
      await assertCanSeePerson(deps.db, viewer, personId);
      const form = await readMessageForm(viewer, request.body);
      if (!form.ok) return writePage(reply.code(400), viewer, personId, form.state);
      const now = deps.now();
      const started = await startHelpFromDashboard(deps.db, {
        scope: viewer,
        personId,
        authorId: viewer.personId,
        message: { text: form.text, mediaFileId: form.media?.mediaFileId ?? null, sentAt: now },
        now,
        compose: composeAnswer(viewer, form),
      });
      await deps.queues.deliverOutbound(started.outbox, now);
      return reply.redirect(`/admin/inbox/${started.conversationId}?done=started`, 303);
    });
  });

  async function conversationPage(
    reply: FastifyReply,
    viewer: Viewer,
    conversationId: string,
    state: ConversationPageState,
  ) {
    const conversation = await loadHelpConversation(deps.db, viewer, conversationId);
    const t = adminTranslate(deps, viewer);
    const responders =
      viewer.role === 'mentor'
        ? null
        : await listHelpResponders(deps.db, {
            personId: conversation.person.id,
            cohortId: conversation.cohortId,
            hubId: conversation.person.hubId,
          });
    const name = conversation.person.displayName ?? t('dashboard-inbox:conversation.unnamed');
    const body = helpConversationBody(t, viewer, conversation, {
      responders,
      maxMegabytes: megabytes(maxBytes()),
      now: deps.now(),
      ...state,
    });
    return sendPage(reply, viewer, t('dashboard-inbox:conversation.title', { name }), body);
  }

  async function writePage(reply: FastifyReply, viewer: Viewer, personId: string, state: ConversationPageState) {
    await assertCanSeePerson(deps.db, viewer, personId);
    const t = adminTranslate(deps, viewer);
    const name = (await findParticipantName(deps.db, personId)) ?? t('dashboard-inbox:conversation.unnamed');
    const body = html`<p><a href="/admin/people/${personId}">${t('dashboard-inbox:conversation.profile')}</a></p>
${messageForm(t, viewer, {
  action: `/admin/inbox/write/${personId}`,
  heading: t('dashboard-inbox:write.title', { name }),
  label: t('dashboard-inbox:write.label', { name }),
  maxMegabytes: megabytes(maxBytes()),
  ...(state.error !== undefined && { error: state.error }),
  ...(state.draft !== undefined && { draft: state.draft }),
})}`;
    return sendPage(reply, viewer, t('dashboard-inbox:write.title', { name }), body);
  }

  function sendPage(reply: FastifyReply, viewer: Viewer, title: string, body: SafeHtml) {
    const t = adminTranslate(deps, viewer);
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title, body: html`${INBOX_STYLE}${body}`, section: 'inbox' }));
  }

  /** The words and file of a message form, the file kept under MEDIA_DIR; or the page's refusal. */
  async function readMessageForm(
    viewer: Viewer,
    body: unknown,
  ): Promise<
    | { ok: true; text: string | null; media: { kind: MediaKind; mediaFileId: string } | null }
    | { ok: false; state: ConversationPageState }
  > {
    const t = adminTranslate(deps, viewer);
    const fields = (body ?? {}) as Record<string, unknown>;
    const typed = typeof fields.text === 'string' ? fields.text.replace(/\r\n/g, '\n') : '';
    const text = typed.trim() === '' ? null : typed.trim();
    const refuse = (key: string, values?: Record<string, unknown>) => ({
      ok: false as const,
      state: { error: t(`dashboard-inbox:errors.${key}`, values), draft: typed },
    });
    const upload = isUpload(fields.file) && (fields.file.data.length > 0 || fields.file.truncated) ? fields.file : null;
    if (text && text.length > MAX_TEXT_LENGTH) return refuse('too_long');
    if (upload && (upload.truncated || upload.data.length > maxBytes()))
      return refuse('too_large', { max: megabytes(maxBytes()) });
    if (!text && !upload) return refuse('empty');
    if (!upload) return { ok: true, text, media: null };
    try {
      const stored = await storeDashboardUpload(deps.db, {
        personId: viewer.personId,
        data: upload.data,
        mimeType: upload.mimeType,
        mediaDir: deps.mediaDir,
      });
      return { ok: true, text, media: { kind: stored.kind, mediaFileId: stored.id } };
    } catch (error) {
      if (error instanceof UploadRefusedError) return refuse(error.reason === 'type' ? 'file_type' : 'empty');
      throw error;
    }
  }

  /** The answer as the participant reads it in chat, signed with the viewer's name and role. */
  function composeAnswer(
    viewer: Viewer,
    form: { text: string | null; media: { kind: MediaKind; mediaFileId: string } | null },
  ): ComposeTeamAnswer {
    return (answer, authorRole, programme) =>
      teamAnswerForPerson(
        {
          conversationId: answer.conversationId,
          authorId: viewer.personId,
          authorName: viewer.name,
          authorRole,
          content: { text: form.text, media: form.media },
          // An answer to what the person asked; else a message the team writes first (or again).
          kind: answer.answeredWaiting ? 'answer' : 'message',
        },
        { personId: answer.person.id, locale: answer.person.locale },
        programme,
        { translate: deps.translate, defaultLanguage: deps.defaultLanguage },
      );
  }
}

function isUpload(value: unknown): value is Upload {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as Upload).data);
}

function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
