import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Language } from '../domain/programme/language.ts';
import { normalizedPath } from '../http/normalized-path.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { html } from './html.ts';
import { adminTranslate } from './layout.ts';

/** Where Bull Board is served read-only, behind the same staff sign-in as the rest of the dashboard. */
const QUEUE_BOARD_PATH = '/admin/queues';

/** Where the board that can retry, remove, pause and clean jobs is served, to operators only (DASHBOARD_OPERATORS). */
const QUEUE_MANAGE_PATH = `${QUEUE_BOARD_PATH}/manage`;

/** Which queue board a request reaches: the read-only one, the one that changes the queues, or neither. */
export type QueueBoard = 'read-only' | 'manage' | null;

/**
 * The board this request reaches, judged on the path as the router sees it (decoded), not on the
 * bytes sent: `/admin/queues/%6Danage` and `/admin/%71ueues/manage` reach the managing board. The
 * route that answers is one judge; the decoded path, with its slashes collapsed, any trailing
 * slash dropped and its case folded, is the other, and the stricter of the two wins, so a spelling
 * the router may read differently (`%2F`, `//`, `MANAGE`) is never taken for a lesser board.
 */
export function queueBoardOf(request: FastifyRequest): QueueBoard {
  const path = normalizedPath(request.url).toLowerCase();
  const byRoute = queueBoardRouteOf(request);
  if (byRoute === 'manage' || isUnder(path, QUEUE_MANAGE_PATH)) return 'manage';
  if (byRoute === 'read-only' || isUnder(path, QUEUE_BOARD_PATH)) return 'read-only';
  return null;
}

/**
 * The board whose route answers this request, judged on the route alone: what Bull Board itself
 * will do. Only such a request is spared the dashboard's CSRF token (Bull Board's buttons send
 * none) and audited as a queue change.
 */
export function queueBoardRouteOf(request: FastifyRequest): QueueBoard {
  const route = request.routeOptions.url ?? '';
  if (isUnder(route, QUEUE_MANAGE_PATH)) return 'manage';
  if (isUnder(route, QUEUE_BOARD_PATH)) return 'read-only';
  return null;
}

function isUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/**
 * Two Bull Boards over every queue, registered inside the dashboard's scope so its session check
 * applies: a read-only one for all staff, and one with every action, which the dashboard's core
 * opens to operators only. Bull Board itself refuses changes to a read-only queue (405).
 */
export function registerQueueBoards(scope: FastifyInstance, deps: AdminDependencies): void {
  registerBoard(scope, deps, QUEUE_BOARD_PATH, true);
  registerBoard(scope, deps, QUEUE_MANAGE_PATH, false);
}

/** Bull Board's page asks Google for its font; the page reads as well in the system's sans-serif. */
const OUTSIDE_FONT = /<link href="https:\/\/fonts\.googleapis\.com\/[^"]*" rel="stylesheet">\s*/g;

/**
 * Bull Board hides its own links in a menu: a link that stays in a corner of every board page
 * leads back to the dashboard (Bull Board's app draws only inside #root, so the link stays).
 */
const BACK_LINK_STYLE =
  'position:fixed;right:1rem;bottom:1rem;z-index:1000;padding:.5rem 1rem;border-radius:999px;background:#1f5fbf;color:#fff;font:600 15px/1.3 system-ui,sans-serif;text-decoration:none;box-shadow:0 2px 6px #0004';

function registerBoard(scope: FastifyInstance, deps: AdminDependencies, basePath: string, readOnlyMode: boolean): void {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: deps.queues.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode })),
    serverAdapter,
    // No link to Bull Board's documentation site; its menu leads back to the dashboard too.
    options: {
      uiConfig: {
        boardTitle: 'Compagnon',
        miscLinks: [{ text: 'Tableau de bord · Dashboard', url: '/admin' }],
        hideDocsLink: true,
      },
    },
  });
  void scope.register(async (board) => {
    board.addHook('onSend', async (request, reply, payload) => {
      if (typeof payload !== 'string' || !String(reply.getHeader('content-type')).startsWith('text/html'))
        return payload;
      const t = adminTranslate(deps, request.viewer);
      const back = html`<a class="back-to-dashboard" href="/admin" style="${BACK_LINK_STYLE}">${t('dashboard:back_to_dashboard')}</a>`;
      return inViewerLanguage(payload, request.viewer.language)
        .replace(OUTSIDE_FONT, '')
        .replace('<body class="preload">', `<body class="preload">\n${back.value}`);
    });
    await board.register(serverAdapter.registerPlugin(), { prefix: basePath });
  });
}

/** Bull Board's own translations of our languages (its `static/locales/<lng>/`). */
const BOARD_LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Bull Board's settings, written into its page as JSON; it reads `locale.lng` before the browser's language. */
const UI_CONFIG = /(<script id="__UI_CONFIG__" type="application\/json">)([\s\S]*?)(<\/script>)/;

/**
 * Bull Board's page in the viewer's dashboard language rather than the browser's: its settings
 * are made once for every viewer, so the language is set in each page as it is sent. A language
 * the person picked in the board's own settings still wins (Bull Board keeps it in the browser).
 */
function inViewerLanguage(page: string, language: Language): string {
  return page.replace('<html lang="en"', `<html lang="${language}"`).replace(UI_CONFIG, (whole, open, json, close) => {
    try {
      const config = JSON.parse(json as string) as Record<string, unknown>;
      // `<` escaped: the JSON sits inside a script element.
      const written = JSON.stringify({ ...config, locale: { lng: BOARD_LOCALES[language] } }).replace(/</g, '\\u003c');
      return `${open as string}${written}${close as string}`;
    } catch {
      return whole;
    }
  });
}
