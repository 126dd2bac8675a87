import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normalizedPath } from '../http/normalized-path.ts';
import { findStaffSession, touchStaffSession } from '../store/access/staff-sessions.ts';
import { recordStaffAction } from '../store/audit/record-staff-action.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { NotFoundError } from '../store/errors.ts';
import { CsrfError, ForbiddenError } from './admin-errors.ts';
import { pageAddress } from './back-path.ts';
import { csrfTokenMatches } from './csrf-token.ts';
import { renderErrorPage } from './error-page.ts';
import { CSRF_FIELD } from './layout.ts';
import { registerLanguageSwitchRoutes } from './language-switch-routes.ts';
import { loadViewer } from './load-viewer.ts';
import { registerApplicationPages } from './pages/applications-page.ts';
import { registerAuditRoutes } from './pages/audit-page.ts';
import { registerBroadcastPages } from './pages/broadcast-pages.ts';
import { registerCohortRoutes } from './pages/cohorts-page.ts';
import { registerInboxPages } from './pages/inbox-page.ts';
import { registerOperationsPages } from './pages/operations-page.ts';
import { registerInvitePages } from './pages/invites-page.ts';
import { registerParticipantChatRoutes } from './pages/participant-chats-routes.ts';
import { registerParticipantPages } from './pages/participant-pages.ts';
import { registerProfilePages } from './pages/profile-page.ts';
import { registerProgrammePages } from './pages/programme-page.ts';
import { registerSessionPages } from './pages/session-pages.ts';
import { registerSessionEditRoutes } from './pages/session-edit-routes.ts';
import { queueBoardOf, queueBoardRouteOf, registerQueueBoards, type QueueBoard } from './queue-board.ts';
import { isSameOrigin } from './request-origin.ts';
import {
  DEFAULT_SESSION_OPTIONS,
  SESSION_COOKIE,
  registerSignInRoutes,
  type SessionOptions,
} from './sign-in-routes.ts';
import type { Viewer } from './viewer.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member or mentor; set on every dashboard route but the sign-in pages. */
    viewer: Viewer;
  }
  interface FastifyContextConfig {
    /** A dashboard route reachable without a session (the sign-in pages). */
    adminPublic?: boolean;
  }
}

/** A page module: registers its routes (absolute paths under /admin/) in the dashboard's scope. */
export type PageRoutes = (app: FastifyInstance, deps: AdminDependencies) => void;

/** Every dashboard page. Each page module adds one import and one entry here. */
export const PAGE_ROUTES: PageRoutes[] = [
  registerCohortRoutes,
  registerAuditRoutes,
  registerParticipantPages,
  registerParticipantChatRoutes,
  registerBroadcastPages,
  registerSessionPages,
  registerSessionEditRoutes,
  registerInboxPages,
  registerOperationsPages,
  registerProfilePages,
  registerProgrammePages,
  registerInvitePages,
  registerApplicationPages,
];

/**
 * Content-Security-Policy of every dashboard page: our own origin only, plus inline styles (the
 * layout's stylesheet); nothing from a CDN, no framing.
 */
const PAGE_CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/** Bull Board's page sets a <base href> and its scripts are files of our own origin. */
const QUEUE_BOARD_CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The staff dashboard under /admin: sign-in, the session check, CSRF protection, security
 * headers, Bull Board at /admin/queues (read-only; operators change queues at /admin/queues/manage),
 * and every page of `PAGE_ROUTES`.
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  deps: AdminDependencies,
  options: Partial<SessionOptions> = {},
): void {
  const sessionOptions: SessionOptions = { ...DEFAULT_SESSION_OPTIONS, ...options };
  // One encapsulated scope: the hooks, parsers and error handler below apply to /admin only.
  void app.register(async (scope) => {
    await scope.register(fastifyCookie);
    await scope.register(fastifyFormbody);
    scope.decorateRequest('viewer', null as unknown as Viewer);
    scope.setErrorHandler((error, request, reply) => renderErrorPage(deps, error as Error, request, reply));
    scope.addHook('onRequest', async (request, reply) => {
      setSecurityHeaders(request, reply);
      if (request.routeOptions.config.adminPublic) return;
      const viewer = await resolveViewer(deps, request);
      if (!viewer) {
        if (request.method === 'GET' || request.method === 'HEAD') return reply.redirect('/admin/sign-in', 303);
        return renderErrorPage(deps, Object.assign(new Error('not signed in'), { statusCode: 401 }), request, reply);
      }
      request.viewer = viewer;
      // Answered here: Bull Board's routes have an error handler of their own, which speaks JSON.
      const board = queueBoardOf(request);
      const refusal = board ? queueBoardRefusal(deps, request, viewer, board) : null;
      if (refusal) return renderErrorPage(deps, refusal, request, reply);
    });
    // After the body is parsed: the token is a form field or a header.
    scope.addHook('preHandler', async (request, reply) => {
      if (!UNSAFE_METHODS.has(request.method) || request.routeOptions.config.adminPublic) return;
      if (queueBoardRouteOf(request)) {
        // Bull Board's own buttons send JSON without our token; the browser says where they come from.
        if (!isSameOrigin(request, deps.publicUrl)) {
          request.log.warn(
            { url: request.url, origin: request.headers.origin },
            'queue action refused: not from the dashboard',
          );
          return renderErrorPage(deps, new CsrfError('cross-origin request'), request, reply);
        }
        return;
      }
      const body = request.body as Record<string, unknown> | undefined;
      const given =
        request.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body[CSRF_FIELD] : undefined);
      // The viewer was read from the session on this request: its token is the one to match.
      if (!csrfTokenMatches(request.viewer.csrfToken, given)) {
        request.log.warn(
          { url: request.url, personId: request.viewer.personId },
          'dashboard form refused: bad CSRF token',
        );
        throw new CsrfError('bad CSRF token');
      }
    });
    // Bull Board's own actions (retry, clean, pause a queue) are staff actions too.
    scope.addHook('onResponse', async (request, reply) => {
      if (
        !queueBoardRouteOf(request) ||
        !UNSAFE_METHODS.has(request.method) ||
        reply.statusCode >= 400 ||
        !request.viewer
      )
        return;
      await recordStaffAction(deps.db, {
        actorId: request.viewer.personId,
        action: 'queue.change',
        entity: 'Queue',
        details: { method: request.method, path: normalizedPath(request.url) },
      }).catch((err: unknown) => request.log.error({ err }, 'could not record a queue action'));
    });

    registerSignInRoutes(scope, deps, sessionOptions);
    registerLanguageSwitchRoutes(scope, deps);
    registerQueueBoards(scope, deps);
    for (const register of PAGE_ROUTES) register(scope, deps);
    // Anything else under /admin: the dashboard's own 404 page, after the session check.
    scope.all('/admin/*', () => Promise.reject(new NotFoundError('no such dashboard page')));
  });
}

/** The viewer of the request's session cookie, or null (no cookie, expired, revoked, no longer allowed). */
async function resolveViewer(deps: AdminDependencies, request: FastifyRequest): Promise<Viewer | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const now = deps.now();
  const session = await findStaffSession(deps.db, token, now);
  if (!session) return null;
  const viewer = await loadViewer(deps.db, session, deps.defaultLanguage, pageAddress(request.method, request.url));
  if (viewer) await touchStaffSession(deps.db, session, now);
  return viewer;
}

function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers({
    'content-security-policy': queueBoardOf(request) ? QUEUE_BOARD_CSP : PAGE_CSP,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // The sign-in token is in the URL: it must not leave in a Referer header.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
}

/**
 * Why this viewer may not make this request to a queue board, or null when they may. Staff see
 * the queues; only operators (DASHBOARD_OPERATORS) use the board that changes them, and nobody
 * changes them through the read-only one (Bull Board refuses too: this says it before it runs).
 */
function queueBoardRefusal(
  deps: AdminDependencies,
  request: FastifyRequest,
  viewer: Viewer,
  board: QueueBoard,
): ForbiddenError | null {
  if (viewer.role !== 'staff') return new ForbiddenError('the queues are for staff');
  const operator = deps.queueOperatorIds?.includes(viewer.personId) ?? false;
  if (board === 'manage')
    return operator
      ? null
      : new ForbiddenError('changing the queues is for operators', { key: 'dashboard:queues_operators_only' });
  if (!UNSAFE_METHODS.has(request.method)) return null;
  return new ForbiddenError('the queue board is read-only', {
    key: operator ? 'dashboard:queues_read_only_operator' : 'dashboard:queues_operators_only',
  });
}
