import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';
import { normalizedPath } from './http/normalized-path.ts';

export type { Logger };

const REDACTED = '[redacted]';

/** Request headers that carry a credential: a session cookie, a bearer token, a webhook secret or signature. */
const SECRET_HEADERS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-telegram-bot-api-secret-token',
  'x-hub-signature-256',
  'x-simulator-key',
  'x-csrf-token',
];

/**
 * Query parameters that carry a credential: Meta's webhook handshake (`hub.verify_token`, and the
 * challenge it answers), the simulator's key, and any token or secret.
 */
const SECRET_QUERY_KEYS = new Set(['hub.verify_token', 'hub.challenge', 'key', 'token', 'access_token', 'secret']);

/** A dashboard sign-in link: its last segment is a one-time token that opens a session. */
const SIGN_IN_LINK = /^\/admin\/sign-in\/./i;

/** A session's calendar link (`/calendar/<invitation>/<token>.ics`): its token shows a person's venue and hour. */
const CALENDAR_LINK = /^\/calendar\/([^/]+)\/./i;

/**
 * A request URL fit for the log: the token of a sign-in link or of a calendar link and the values
 * of secret query parameters replaced by `[redacted]`. The path is judged decoded (`/admin/%73ign-in/…` is a
 * sign-in link too), as the router reads it.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart + 1);
  const normalized = normalizedPath(path);
  const calendar = CALENDAR_LINK.exec(normalized);
  const shownPath = SIGN_IN_LINK.test(normalized)
    ? `/admin/sign-in/${REDACTED}`
    : calendar
      ? `/calendar/${calendar[1]}/${REDACTED}`
      : path;
  return query === '' ? shownPath : `${shownPath}?${redactQuery(query)}`;
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawKey = equals === -1 ? pair : pair.slice(0, equals);
      return SECRET_QUERY_KEYS.has(decodeQueryKey(rawKey)) ? `${rawKey}=${REDACTED}` : pair;
    })
    .join('&');
}

function decodeQueryKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).trim().toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/** Fastify's own request serializer, with the URL redacted; headers are left out, as Fastify does. */
function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: typeof request.url === 'string' ? redactUrl(request.url) : request.url,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * JSON logs on standard output (or `destination`). Secrets are kept out: fields named like one,
 * credential headers wherever headers are logged, and sign-in tokens and secret query values in
 * any logged `url` or request.
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL'>,
  options: { name?: string; destination?: DestinationStream } = {},
): Logger {
  const headerPaths = SECRET_HEADERS.flatMap((header) => [
    `headers["${header}"]`,
    `req.headers["${header}"]`,
    `*.headers["${header}"]`,
  ]);
  return pino(
    {
      name: options.name ?? 'compagnon',
      level: config.LOG_LEVEL,
      redact: { paths: ['*.token', '*.secret', '*.password', ...headerPaths], censor: REDACTED },
      serializers: {
        req: serializeRequest,
        url: (url: unknown) => (typeof url === 'string' ? redactUrl(url) : url),
      },
    },
    options.destination,
  );
}
