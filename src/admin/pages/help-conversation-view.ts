import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { HELP_LEVELS, type HelpResponders } from '../../domain/help-desk/help-routing.ts';
import type { HelpResponder } from '../../store/help-desk/list-help-responders.ts';
import type { HelpConversationDetail, HelpConversationMessage } from '../../store/help-desk/load-help-conversation.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { assigneeWords, mediaShape, mediaWords, statusWords, waitedWords } from './inbox-wording.ts';

/** Files the reply form offers to attach (the server checks them again). */
export const ACCEPTED_FILES =
  'image/jpeg,image/png,image/webp,audio/*,video/mp4,video/3gpp,application/pdf,text/plain,.doc,.docx,.odt';

/** What the page says after an action, or the form's refusal with what was typed. */
export interface ConversationPageState {
  done?: string;
  error?: string;
  draft?: string;
}

/**
 * One conversation: who it is with, its status and who answers, the whole exchange oldest first
 * (files shown in the page), then the reply box, then handing it over and closing or reopening.
 * `responders` is null when the viewer may not hand it over (a mentor).
 */
export function helpConversationBody(
  t: AdminTranslate,
  viewer: Viewer,
  conversation: HelpConversationDetail,
  options: {
    responders: HelpResponders<HelpResponder> | null;
    maxMegabytes: number;
    now: Date;
  } & ConversationPageState,
): SafeHtml {
  const name = conversation.person.displayName ?? t('dashboard-inbox:conversation.unnamed');
  const hub = conversation.hub ? localizedText(conversation.hub.name, viewer.language) : null;
  const waited =
    conversation.status === 'open' && conversation.waitingSince
      ? html` <span data-waited>${waitedWords(t, conversation.waitingSince, options.now)}</span>`
      : '';
  return html`<p><a href="/admin/inbox">${t('dashboard-inbox:conversation.back')}</a></p>
${options.done ? html`<p class="notice" role="status">${t(`dashboard-inbox:done.${options.done}`)}</p>` : ''}
<ul class="conversation-facts">
${hub ? html`<li>${t('dashboard-inbox:conversation.hub', { hub })}</li>` : ''}
<li><span class="pill pill-${conversation.status}" data-status>${statusWords(t, conversation.status)}</span>${waited}</li>
<li data-assignee>${t('dashboard-inbox:conversation.who_answers', { who: assigneeWords(t, viewer.language, conversation) })}</li>
<li><a href="/admin/people/${conversation.person.id}">${t('dashboard-inbox:conversation.profile')}</a></li>
</ul>
<h2>${t('dashboard-inbox:conversation.exchange')}</h2>
${
  conversation.messages.length === 0
    ? html`<p class="muted">${t('dashboard-inbox:conversation.no_messages')}</p>`
    : html`<ol class="exchange">${conversation.messages.map((message) => messageItem(t, viewer, name, message))}</ol>`
}
${messageForm(t, viewer, {
  action: `/admin/inbox/${conversation.id}/reply`,
  heading: t('dashboard-inbox:reply.heading'),
  label: t('dashboard-inbox:reply.label', { name }),
  maxMegabytes: options.maxMegabytes,
  ...(options.error !== undefined && { error: options.error }),
  ...(options.draft !== undefined && { draft: options.draft }),
})}
<div class="conversation-actions">
${options.responders ? assignForm(t, viewer, conversation, options.responders) : ''}
<form method="post" action="/admin/inbox/${conversation.id}/${conversation.status === 'closed' ? 'reopen' : 'close'}">${csrfField(viewer)}<button type="submit" class="secondary">${t(conversation.status === 'closed' ? 'dashboard-inbox:reopen' : 'dashboard-inbox:close')}</button></form>
</div>`;
}

/** The reply box (text and a file), also the compose form of a first message. */
export function messageForm(
  t: AdminTranslate,
  viewer: Viewer,
  form: { action: string; heading: string; label: string; maxMegabytes: number; error?: string; draft?: string },
): SafeHtml {
  return html`<form method="post" action="${form.action}" enctype="multipart/form-data" class="reply-form" id="reply">
${csrfField(viewer)}
<h2>${form.heading}</h2>
${form.error ? html`<p class="notice error" role="alert">${form.error}</p>` : ''}
<label for="reply-text">${form.label}</label>
<textarea id="reply-text" name="text" rows="4" maxlength="4000">${form.draft ?? ''}</textarea>
<label for="reply-file" class="file-label">${t('dashboard-inbox:reply.file', { max: form.maxMegabytes })}</label>
<input id="reply-file" type="file" name="file" accept="${ACCEPTED_FILES}">
<p class="muted">${t('dashboard-inbox:reply.hint')}</p>
<button type="submit">${t('dashboard-inbox:reply.send')}</button>
</form>`;
}

function messageItem(
  t: AdminTranslate,
  viewer: Viewer,
  personName: string,
  message: HelpConversationMessage,
): SafeHtml {
  const author = message.fromPerson
    ? t('dashboard-inbox:conversation.from_person', { name: personName })
    : t('dashboard-inbox:conversation.from_team', {
        name: message.author?.displayName ?? t('dashboard-inbox:conversation.someone'),
      });
  const when = formatLocalDateTime(message.sentAt, viewer.timeZone, viewer.language);
  return html`<li class="${message.fromPerson ? 'from-person' : 'from-team'}">
<span class="meta">${author} · <time datetime="${message.sentAt.toISOString()}">${when}</time></span>
${message.media ? mediaView(t, message.media) : ''}
${message.text ? html`<p class="words">${message.text}</p>` : ''}
</li>`;
}

function mediaView(t: AdminTranslate, media: { id: string; mimeType: string }): SafeHtml {
  const src = `/admin/media/${media.id}`;
  switch (mediaShape(media.mimeType)) {
    case 'photo':
      return html`<a href="${src}"><img src="${src}" alt="${mediaWords(t, media.mimeType)}" loading="lazy"></a>`;
    case 'voice':
      return html`<audio controls preload="none" src="${src}"></audio><a class="file" href="${src}?download=1">${t('dashboard-inbox:conversation.download')}</a>`;
    case 'video':
      return html`<video controls preload="none" src="${src}"></video><a class="file" href="${src}?download=1">${t('dashboard-inbox:conversation.download')}</a>`;
    default:
      return html`<a class="file" href="${src}?download=1">${t('dashboard-inbox:conversation.open_document')}</a>`;
  }
}

function assignForm(
  t: AdminTranslate,
  viewer: Viewer,
  conversation: HelpConversationDetail,
  responders: HelpResponders<HelpResponder>,
): SafeHtml {
  const current = conversation.assignee?.id ?? '';
  const selected = (id: string) => (id === current ? raw(' selected') : '');
  return html`<form method="post" action="/admin/inbox/${conversation.id}/assign">${csrfField(viewer)}
<label>${t('dashboard-inbox:assign.label')}<select name="assignee">
<option value=""${selected('')}>${t('dashboard-inbox:assign.anyone')}</option>
${HELP_LEVELS.filter((level) => responders[level].length > 0).map(
  (level) =>
    html`<optgroup label="${t(`dashboard-inbox:assign.level_${level}`)}">${responders[level].map(
      (r) =>
        html`<option value="${r.personId}"${selected(r.personId)}>${r.displayName ?? t('dashboard-inbox:conversation.someone')}</option>`,
    )}</optgroup>`,
)}
</select></label>
<button type="submit" class="secondary">${t('dashboard-inbox:assign.submit')}</button></form>`;
}
