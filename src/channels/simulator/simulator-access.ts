import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { isLanguage, type Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { simulatorKeyMatches } from './simulator-key.ts';

/** Holds the key in the browser: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export const SIMULATOR_KEY_COOKIE = 'compagnon_simulator_key';
/** How scripts give the key. */
const SIMULATOR_KEY_HEADER = 'x-simulator-key';

/**
 * Content-Security-Policy of the simulator's page: its own script and API only, inline styles
 * (the page's stylesheet), its own photos, voice notes and videos, no framing, no outside resource.
 */
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The same headers as the dashboard's; `no-referrer` above all, since the key may be in the URL. */
export function setSecurityHeaders(_request: FastifyRequest, reply: FastifyReply): void {
  reply.headers({
    'content-security-policy': PAGE_CSP,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
}

/**
 * The key check of every simulator request. The page opened with `?key=` stores the key in its
 * cookie and comes back without it in the address; the API takes the cookie (from the page) or
 * the X-Simulator-Key header (from scripts). Anything else is answered 401.
 */
export function requireSimulatorKey(deps: {
  key: string;
  translate: Translate;
  defaultLanguage: Language;
  secureCookies?: boolean;
}): onRequestAsyncHookHandler {
  return async (request, reply) => {
    // The route matched, not the address as sent: `/simulator/%61pi/…` is the API too.
    const api = request.routeOptions.url?.startsWith('/simulator/api/') ?? true;
    if (simulatorKeyMatches(deps.key, request.headers[SIMULATOR_KEY_HEADER])) return;
    if (simulatorKeyMatches(deps.key, request.cookies[SIMULATOR_KEY_COOKIE])) {
      // The cookie is SameSite=Strict; a browser that says where a request comes from is also held to our own pages.
      const site = request.headers['sec-fetch-site'];
      if (api && site !== undefined && site !== 'same-origin') {
        request.log.warn({ site }, 'simulator request refused: sent from another site');
        return reply
          .code(403)
          .send({ error: 'the simulator API only answers its own page or scripts that send X-Simulator-Key' });
      }
      return;
    }
    const fromLink = (request.query as Record<string, unknown> | undefined)?.key;
    if (!api && request.method === 'GET' && simulatorKeyMatches(deps.key, fromLink)) {
      // Keep the key, and take it out of the address bar and the browser's history.
      reply.setCookie(SIMULATOR_KEY_COOKIE, String(fromLink), {
        path: '/simulator',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secureCookies ?? 'auto',
      });
      return reply.redirect('/simulator', 303);
    }
    request.log.warn(
      {
        path: request.url.split('?')[0],
        givenKey: fromLink !== undefined || request.headers[SIMULATOR_KEY_HEADER] !== undefined,
      },
      'simulator request refused: no valid key',
    );
    if (api) {
      return reply.code(401).send({
        error:
          'the simulator needs its key: send it in the X-Simulator-Key header (SIMULATOR_KEY, or the key in the link printed at start-up)',
      });
    }
    return reply.code(401).type('text/html; charset=utf-8').send(keyNeededPage(deps, request));
  };
}

/** A plain page saying how to get the link; in the browser's language when it is one we speak. */
function keyNeededPage(deps: { translate: Translate; defaultLanguage: Language }, request: FastifyRequest): string {
  const accepted = request.headers['accept-language']?.slice(0, 2).toLowerCase();
  const language: Language = isLanguage(accepted) ? accepted : deps.defaultLanguage;
  const t = (key: string) => escapeHtml(deps.translate(language, key));
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('simulator:key_needed_title')}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<h1>${t('simulator:key_needed_title')}</h1>
<p>${t('simulator:key_needed_text')}</p>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
