import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../store/database-unavailable.ts';
import { NotFoundError } from '../store/errors.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { BadRequestError, CsrfError, ForbiddenError, TooManyRequestsError } from './admin-errors.ts';
import { html } from './html.ts';
import { adminTranslate, renderBarePage, renderPage, translateIn, type AdminTranslate } from './layout.ts';
import { requestLanguage } from './request-language.ts';

/**
 * Every dashboard error as an HTML page in the viewer's language: 400, 401, 403 (and a forged
 * form), 404, 429, 5xx. Details stay in the log; the page says what the person can do. The
 * store's NotFoundError is the dashboard's 404: not there and not visible to this viewer answer
 * alike, so that a mentor cannot learn whether another mentor's mentee exists.
 */
export function renderErrorPage(
  deps: AdminDependencies,
  error: Error & { statusCode?: number; code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const status =
    error instanceof NotFoundError ? 404 : (error.statusCode ?? (isDatabaseUnavailable(error) ? 503 : 500));
  if (status >= 500) request.log.error({ err: error }, 'dashboard request failed');
  else request.log.info({ err: error, url: request.url }, 'dashboard request refused');
  const viewer = request.viewer;
  const t = viewer ? adminTranslate(deps, viewer) : translateIn(deps, requestLanguage(request, deps.defaultLanguage));
  const message =
    error instanceof CsrfError
      ? t('dashboard:error_csrf')
      : status === 400
        ? badRequestText(error, t)
        : status === 413
          ? t('dashboard:error_413')
          : status === 415
            ? t('dashboard:error_415')
            : error instanceof TooManyRequestsError
              ? t('dashboard:error_429_sign_in', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
              : status === 401
                ? t('dashboard:sign_in_only')
                : status === 403
                  ? error instanceof ForbiddenError && error.reason
                    ? t(error.reason.key, error.reason.values)
                    : t('dashboard:error_403')
                  : status === 404
                    ? t('dashboard:error_404')
                    : t('dashboard:error_500');
  const body = html`<p class="notice error">${message}</p><p><a href="${viewer ? '/admin' : '/admin/sign-in'}">${t(viewer ? 'dashboard:back_home' : 'dashboard:sign_in_title')}</a></p>`;
  const page = { title: t('dashboard:error_title'), body };
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      viewer ? renderPage(viewer, t, page) : renderBarePage(requestLanguage(request, deps.defaultLanguage), t, page),
    );
}

/**
 * Why a request was refused, in the viewer's language. A 400 that names no reason of ours
 * (Fastify's own, say a malformed form body) gets a general one: its message stays in the log.
 */
function badRequestText(error: Error, t: AdminTranslate): string {
  if (!(error instanceof BadRequestError)) return t('dashboard:error_400_unreadable');
  return t(error.reason.key, error.reason.values);
}
