import type { FastifyRequest } from 'fastify';

/**
 * Where the browser says a request comes from: this very origin, somewhere else, or it does not
 * say (a script, a test, a browser that sends none of the headers). A page elsewhere cannot forge
 * these headers.
 */
type RequestSite = 'same-origin' | 'cross-site' | 'unknown';

/**
 * Reads Sec-Fetch-Site, else Origin, else Referer. `publicUrl` (PUBLIC_URL) is this service's
 * origin as browsers see it, which behind a proxy may differ from the Host header. An Origin of
 * "null" is a sandboxed frame, a data: page or a page that hides its address: not this origin,
 * since the dashboard's own forms are sent with their origin (see `SIGN_IN_REFERRER_POLICY`).
 */
function requestSite(request: FastifyRequest, publicUrl: string | null): RequestSite {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' ? 'same-origin' : 'cross-site';
  const origin = request.headers.origin ?? request.headers.referer;
  if (typeof origin !== 'string') return 'unknown';
  return isOurOrigin(origin, request.headers.host, publicUrl) ? 'same-origin' : 'cross-site';
}

/** Whether the browser says the request comes from another site (a request that says nothing is not). */
export function isCrossSite(request: FastifyRequest, publicUrl: string | null): boolean {
  return requestSite(request, publicUrl) === 'cross-site';
}

/** Whether the browser says the request comes from this very origin. */
export function isSameOrigin(request: FastifyRequest, publicUrl: string | null): boolean {
  return requestSite(request, publicUrl) === 'same-origin';
}

function isOurOrigin(address: string, host: string | undefined, publicUrl: string | null): boolean {
  if (!URL.canParse(address)) return false;
  const from = new URL(address);
  if (from.protocol !== 'http:' && from.protocol !== 'https:') return false;
  if (publicUrl && URL.canParse(publicUrl) && new URL(publicUrl).origin === from.origin) return true;
  // Read the Host header with the origin's scheme, so that default ports compare equal.
  const here = `${from.protocol}//${host ?? ''}`;
  return URL.canParse(here) && new URL(here).host === from.host;
}
