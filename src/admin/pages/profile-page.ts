import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { createJoinCode } from '../../store/invites/create-join-code.ts';
import { loadOwnProfile, type OwnProfile } from '../../store/people/load-own-profile.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { adminTranslate, csrfField, renderPage, type AdminTranslate } from '../layout.ts';
import type { Viewer } from '../viewer.ts';
import { inviteLinks } from '../../domain/invite-links.ts';

const PROFILE_STYLE = raw(`<style>
.join-code{font-size:1.5rem;font-weight:bold;letter-spacing:.1em;font-family:monospace}
.join-links{padding-left:1.25rem}
.join-links a{overflow-wrap:anywhere}
.profile dt{font-weight:600}.profile dd{margin:0 0 .5rem 1rem}.profile dd p{margin:0}
#join form{margin-top:.75rem}
</style>`);

/**
 * GET /admin/me: the signed-in person (staff, trainer or mentor) sees their name, role and chats,
 * and gets a join code to attach Telegram or WhatsApp (POST /admin/me/join-code) — how a staff
 * member added with `compagnon staff add` starts receiving messages.
 */
export function registerProfilePages(app: FastifyInstance, deps: AdminDependencies): void {
  app.get('/admin/me', async (request, reply) => {
    const viewer = request.viewer;
    const t = adminTranslate(deps, viewer);
    const profile = await loadOwnProfile(deps.db, viewer.personId, deps.now());
    const body = html`${PROFILE_STYLE}${details(viewer, profile, t)}${joinSection(viewer, profile, deps, t)}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard-profile:title'), body }));
  });

  app.post('/admin/me/join-code', async (request, reply) => {
    const viewer = request.viewer;
    const cohortId = viewer.cohortIds[0];
    // Every staff member, trainer and mentor who can sign in has a cohort; this only guards the type.
    if (!cohortId) return reply.redirect('/admin/me', 303);
    await createJoinCode(deps.db, { personId: viewer.personId, cohortId, role: viewer.role, now: deps.now() });
    return reply.redirect('/admin/me#join', 303);
  });
}

function details(viewer: Viewer, profile: OwnProfile, t: AdminTranslate): SafeHtml {
  const channels =
    profile.channels.length === 0
      ? html`<p>${t('dashboard-profile:no_channel')}</p>`
      : html`<ul class="plain">${profile.channels.map(
          (channel) =>
            html`<li data-channel="${channel.channel}">${t(`dashboard-profile:channel_${channel.channel}`)}${channel.username ? html` <span class="muted">@${channel.username}</span>` : ''}</li>`,
        )}</ul>`;
  return html`<dl class="profile">
<dt>${t('dashboard-profile:name')}</dt><dd>${profile.displayName ?? ''}</dd>
<dt>${t('dashboard-profile:role')}</dt><dd>${t(`dashboard:role_${viewer.role}`)}</dd>
<dt>${t('dashboard-profile:channels')}</dt><dd>${channels}</dd>
</dl>`;
}

function joinSection(viewer: Viewer, profile: OwnProfile, deps: AdminDependencies, t: AdminTranslate): SafeHtml {
  const when = (instant: Date) =>
    DateTime.fromJSDate(instant, { zone: viewer.timeZone })
      .setLocale(viewer.language)
      .toLocaleString(DateTime.DATETIME_FULL);
  const codes = profile.joinCodes.map((code) => {
    const text = deps.translate(viewer.language, 'invite:whatsapp_text', { code: code.code });
    const links = inviteLinks(code.code, text, deps.chatAccounts ?? {});
    return html`<div class="notice" data-join-code="${code.code}">
<p>${t('dashboard-profile:your_code')} <span class="join-code">${code.code}</span>${code.expiresAt ? html` <span class="muted">${t('dashboard-profile:valid_until', { when: when(code.expiresAt) })}</span>` : ''}</p>
<ul class="join-links">
${links.telegram ? html`<li>${t('dashboard-profile:on_telegram')} <a href="${links.telegram}">${links.telegram}</a></li>` : ''}
${links.whatsapp ? html`<li>${t('dashboard-profile:on_whatsapp')} <a href="${links.whatsapp}">${links.whatsapp}</a></li>` : ''}
<li>${t(links.telegram || links.whatsapp ? 'dashboard-profile:or_send' : 'dashboard-profile:send_only', { text })}</li>
</ul>
</div>`;
  });
  return html`<section id="join"><h2>${t('dashboard-profile:join_title')}</h2>
<p>${t('dashboard-profile:join_explain')}</p>
${codes}
<form method="post" action="/admin/me/join-code">${csrfField(viewer)}<button type="submit">${t(profile.joinCodes.length === 0 ? 'dashboard-profile:get_code' : 'dashboard-profile:get_new_code')}</button></form>
</section>`;
}
