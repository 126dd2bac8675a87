import {
  InvalidRequestError,
  NetworkError,
  RateLimitedError,
  RecipientUnreachableError,
  WindowClosedError,
  type ChannelError,
} from '../channel-errors.ts';

/**
 * Graph API failures translated into the channel errors the delivery worker acts on, by Meta's
 * error `code` first (Meta asks integrations to key on it, not on titles), HTTP status second.
 * Codes: https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
 */

/** The `error` object of a Graph API error answer. */
interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_data?: { details?: string };
  fbtrace_id?: string;
}

/**
 * Seconds to wait when the answer carries no Retry-After (Graph API answers seldom do).
 * Throughput (130429) is counted per second; the pair limit (131056) allows about one message
 * every 6 s to the same person; app, account and spam limits (4, 613, 80007, 131048) are
 * counted over longer windows, so a minute keeps the worker from hammering them.
 */
const RATE_LIMIT_DEFAULT_SECONDS = new Map<number, number>([
  [130429, 1],
  [131056, 6],
  [4, 60],
  [613, 60],
  [80007, 60],
  [131048, 60],
]);
const HTTP_429_DEFAULT_SECONDS = 60;

/** Re-engagement: more than 24 h since the person's last message; only a template may go. */
const WINDOW_CLOSED = 131047;

/**
 * The person cannot receive from this number: 131026 "message undeliverable" (not on WhatsApp,
 * has not accepted the terms, app too old), 131021 "recipient cannot be sender".
 * 131030 (number not in a test number's allowed list) is not here: the person can receive,
 * our set-up is what is wrong, so it is an invalid request.
 */
const UNREACHABLE = new Set([131026, 131021]);

/** The token is wrong or expired (0 AuthException, 190) or lacks a permission (10, 200–299). */
const TOKEN_REJECTED = new Set([0, 190]);
const isPermissionCode = (code: number) => code === 10 || (code >= 200 && code <= 299);

/** Meta's side failed or is overloaded; the same request may succeed later. */
const TRANSIENT = new Set([1, 2, 131000, 131016, 131057, 133004]);

interface GraphFailure {
  status: number;
  /** The answer's body, parsed when it was JSON. */
  body: unknown;
  headers: Headers;
}

export function translateGraphError({ status, body, headers }: GraphFailure): ChannelError {
  const error = graphErrorOf(body);
  const code = error?.code;
  const described = describe(status, error);
  if (code !== undefined && RATE_LIMIT_DEFAULT_SECONDS.has(code)) {
    return new RateLimitedError(
      retryAfterSeconds(headers) ?? RATE_LIMIT_DEFAULT_SECONDS.get(code)!,
      `rate-limited: ${described}`,
    );
  }
  if (status === 429)
    return new RateLimitedError(retryAfterSeconds(headers) ?? HTTP_429_DEFAULT_SECONDS, `rate-limited: ${described}`);
  if (code === WINDOW_CLOSED)
    return new WindowClosedError(`the 24-hour window is closed, send a template: ${described}`);
  if (code !== undefined && UNREACHABLE.has(code))
    return new RecipientUnreachableError(`recipient unreachable: ${described}`);
  if (code === 131030) {
    return new InvalidRequestError(
      `recipient not in the allowed list of this test number (add it in the App Dashboard): ${described}`,
    );
  }
  if (status === 401 || (code !== undefined && TOKEN_REJECTED.has(code))) {
    return new InvalidRequestError(
      `WhatsApp rejected the access token (check WHATSAPP_ACCESS_TOKEN; it may have expired): ${described}`,
    );
  }
  if (code !== undefined && isPermissionCode(code)) {
    return new InvalidRequestError(
      `the access token lacks a permission (whatsapp_business_messaging) for this phone number: ${described}`,
    );
  }
  if (status >= 500 || (code !== undefined && TRANSIENT.has(code)))
    return new NetworkError(`WhatsApp failed on its side: ${described}`);
  return new InvalidRequestError(`WhatsApp refused the request: ${described}`);
}

function graphErrorOf(body: unknown): GraphErrorBody | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error } = body;
  return typeof error === 'object' && error !== null ? error : undefined;
}

function describe(status: number, error: GraphErrorBody | undefined): string {
  if (!error) return `HTTP ${status}`;
  const code = error.error_subcode === undefined ? `${error.code}` : `${error.code}/${error.error_subcode}`;
  const details = error.error_data?.details ? ` — ${error.error_data.details}` : '';
  const trace = error.fbtrace_id ? `, fbtrace_id ${error.fbtrace_id}` : '';
  return `${error.message ?? 'no message'}${details} (HTTP ${status}, code ${code}${trace})`;
}

/** Retry-After in seconds; the HTTP-date form is not used by the Graph API and is ignored. */
function retryAfterSeconds(headers: Headers): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}
