import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ownDashboardLanguage } from '../domain/dashboard-language.ts';
import type { Language } from '../domain/programme/language.ts';
import { checkDashboardAccess } from '../store/access/dashboard-access.ts';
import { findSignInLinkOwner } from '../store/access/find-sign-in-link-owner.ts';
import { consumeSignInLink } from '../store/access/sign-in-links.ts';
import { openStaffSession, revokeStaffSession } from '../store/access/staff-sessions.ts';
import { recordStaffAction } from '../store/audit/record-staff-action.ts';
import { setDashboardLocale } from '../store/people/set-dashboard-locale.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { html, type SafeHtml } from './html.ts';
import { renderBarePage, translateIn } from './layout.ts';
import { chosenLanguage, requestLanguage } from './request-language.ts';
import { isCrossSite } from './request-origin.ts';
import { CsrfError, TooManyRequestsError } from './admin-errors.ts';

/** The session cookie; its value is the session token, the database keeps only its hash. */
export const SESSION_COOKIE = 'compagnon_session';

export interface SessionOptions {
  /** DASHBOARD_SESSION_HOURS: a session ends this long after sign-in. */
  sessionHours: number;
  /** SIGN_IN_LINK_MINUTES: a link works this long after it is made (shown on the sign-in page). */
  linkMinutes: number;
  /** At most `max` requests to sign-in links (GET and POST together) from one address per `windowMs`. */
  signInRequests: { max: number; windowMs: number };
}

/**
 * A person opens a link and presses its button: two requests. Sixty in ten minutes leaves room for
 * a team behind one address and for link previews, and none for trying tokens by the thousand.
 */
export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  sessionHours: 12,
  linkMinutes: 15,
  signInRequests: { max: 60, windowMs: 10 * 60_000 },
};

/** What our tokens look like (32 random bytes, base64url); anything else is not looked up. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const PUBLIC = { config: { adminPublic: true } };

/**
 * The sign-in button's page: its address (with the link's token) goes to no other site, but its
 * form is sent with its origin, so that a form posted from elsewhere can be told apart even by a
 * browser that sends no Sec-Fetch-Site (under `no-referrer` a browser sends `Origin: null`).
 */
const SIGN_IN_REFERRER_POLICY = 'same-origin';

/**
 * Sign-in with a one-time link: GET shows a button and uses nothing (link previews and scanners
 * open links), POST uses the link and opens a session. Sign-out revokes the session.
 */
export function registerSignInRoutes(app: FastifyInstance, deps: AdminDependencies, options: SessionOptions): void {
  app.get<{ Querystring: { signed_out?: string } }>('/admin/sign-in', PUBLIC, async (request, reply) => {
    const t = translateIn(deps, requestLanguage(request, deps.defaultLanguage));
    const signedOut = request.query.signed_out !== undefined;
    const body = html`${signedOut ? html`<p class="notice">${t('dashboard:signed_out_text')}</p>` : ''}
<p>${t('dashboard:sign_in_only')}</p>
<p>${t('dashboard:sign_in_how', { minutes: options.linkMinutes })}</p>`;
    return sendBare(request, reply, deps, signedOut ? 'dashboard:signed_out_title' : 'dashboard:sign_in_title', body);
  });

  // The links, in a scope of their own: the address limit applies to them only.
  void app.register(async (links) => {
    await links.register(fastifyRateLimit, {
      max: options.signInRequests.max,
      timeWindow: options.signInRequests.windowMs,
      errorResponseBuilder: (_request, context) =>
        new TooManyRequestsError(
          `too many sign-in requests from this address (${context.max} per ${options.signInRequests.windowMs / 1000} s)`,
          Math.ceil(context.ttl / 1000),
        ),
    });
    registerSignInLinkRoutes(links, deps, options);
  });

  app.post('/admin/sign-out', async (request, reply) => {
    await revokeStaffSession(deps.db, request.viewer.sessionId, deps.now());
    await recordStaffAction(deps.db, {
      actorId: request.viewer.personId,
      action: 'dashboard.sign_out',
      entity: 'StaffSession',
      entityId: request.viewer.sessionId,
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/admin', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies });
    // The signed-out page in the language the viewer was reading, whatever their browser says.
    return reply.redirect(`/admin/sign-in?signed_out&lang=${request.viewer.language}`, 303);
  });
}

/** GET shows the sign-in button of a link, POST uses the link. */
function registerSignInLinkRoutes(app: FastifyInstance, deps: AdminDependencies, options: SessionOptions): void {
  app.get<{ Params: { token: string } }>('/admin/sign-in/:token', PUBLIC, async (request, reply) => {
    const { token } = request.params;
    const owner = TOKEN_PATTERN.test(token) ? await findSignInLinkOwner(deps.db, token, deps.now()) : null;
    if (!owner) return invalidLink(request, reply, deps);
    // The link was made for someone: its page speaks their language, whatever the browser's.
    const language =
      chosenLanguage(request) ?? ownDashboardLanguage(owner) ?? requestLanguage(request, deps.defaultLanguage);
    const t = translateIn(deps, language);
    const body = html`<p>${t('dashboard:sign_in_confirm_text')}</p>
<form method="post" action="${withChosenLanguage(request, `/admin/sign-in/${token}`)}"><button type="submit">${t('dashboard:sign_in_button')}</button></form>`;
    reply.header('referrer-policy', SIGN_IN_REFERRER_POLICY);
    return sendBare(request, reply, deps, 'dashboard:sign_in_confirm_title', body, language);
  });

  app.post<{ Params: { token: string } }>('/admin/sign-in/:token', PUBLIC, async (request, reply) => {
    const { token } = request.params;
    // A page elsewhere must not sign a browser in to someone else's account (login CSRF). The
    // link is not used up: its owner can still sign in with it.
    if (isCrossSite(request, deps.publicUrl)) {
      request.log.warn(
        { origin: request.headers.origin, site: request.headers['sec-fetch-site'] },
        'sign-in refused: form from another site',
      );
      throw new CsrfError('sign-in form from another site');
    }
    const now = deps.now();
    const link = TOKEN_PATTERN.test(token) ? await consumeSignInLink(deps.db, token, now) : null;
    if (!link) return invalidLink(request, reply, deps);
    // Checked again at use: the person may have been stopped, or lost their mentees, since.
    const access = await checkDashboardAccess(deps.db, link.personId);
    if (!access.allowed) {
      request.log.info({ personId: link.personId, reason: access.reason }, 'dashboard sign-in refused');
      const t = translateIn(deps, requestLanguage(request, deps.defaultLanguage));
      reply.code(403);
      return sendBare(
        request,
        reply,
        deps,
        'dashboard:sign_in_refused_title',
        html`<p class="notice error">${t(`dashboard:refused_${access.reason}`)}</p>`,
      );
    }
    // Switched on the sign-in page: the dashboard stays in that language after it.
    const chosen = chosenLanguage(request);
    if (chosen) await setDashboardLocale(deps.db, link.personId, chosen);
    const { token: sessionToken, session } = await openStaffSession(deps.db, {
      personId: link.personId,
      now,
      validHours: options.sessionHours,
    });
    await recordStaffAction(deps.db, {
      actorId: link.personId,
      action: 'dashboard.sign_in',
      entity: 'StaffSession',
      entityId: session.id,
      details: { role: access.role, ...(chosen && { language: chosen }) },
    });
    request.log.info({ personId: link.personId, role: access.role }, 'dashboard sign-in');
    reply.setCookie(SESSION_COOKIE, sessionToken, {
      path: '/admin',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      maxAge: options.sessionHours * 3600,
    });
    return reply.redirect('/admin', 303);
  });
}

/** Unknown, used or expired: the same answer, so the page tells nothing about other people's links. */
function invalidLink(request: FastifyRequest, reply: FastifyReply, deps: AdminDependencies) {
  const t = translateIn(deps, requestLanguage(request, deps.defaultLanguage));
  reply.code(410);
  return sendBare(
    request,
    reply,
    deps,
    'dashboard:sign_in_invalid_title',
    html`<p class="notice error">${t('dashboard:sign_in_invalid_text')}</p>
<p><a href="${withChosenLanguage(request, '/admin/sign-in')}">${t('dashboard:sign_in_title')}</a></p>`,
  );
}

function sendBare(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AdminDependencies,
  titleKey: string,
  body: SafeHtml,
  language: Language = requestLanguage(request, deps.defaultLanguage),
) {
  const t = translateIn(deps, language);
  return reply.type('text/html; charset=utf-8').send(renderBarePage(language, t, { title: t(titleKey), body }));
}

/** A sign-in address that keeps the language chosen with the page's switch, when one was. */
function withChosenLanguage(request: FastifyRequest, path: string): string {
  const chosen = chosenLanguage(request);
  return chosen ? `${path}?lang=${chosen}` : path;
}
