import type { FastifyRequest } from 'fastify';

/**
 * Whether the browser says the request comes from another site. Browsers send Sec-Fetch-Site
 * (and Origin) with every POST, and a page elsewhere cannot forge them. A request without either
 * (a script, a test) is not called cross-site here: the session cookie and CSRF token guard those.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  // "null" is what a browser sends under Referrer-Policy: no-referrer; it says nothing.
  if (typeof origin !== 'string' || origin === 'null') return false;
  return !sameHost(origin, request.headers.host);
}

/** Whether the browser says the request comes from this very origin (Sec-Fetch-Site, else Origin). */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = request.headers.origin;
  return typeof origin === 'string' && sameHost(origin, request.headers.host);
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (!URL.canParse(origin)) return false;
  const from = new URL(origin);
  // Read the Host header with the origin's scheme, so that default ports compare equal.
  const here = `${from.protocol}//${host ?? ''}`;
  return URL.canParse(here) && new URL(here).host === from.host;
}
