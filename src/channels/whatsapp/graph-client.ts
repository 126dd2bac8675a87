import { InvalidRequestError, NetworkError } from '../channel-errors.ts';
import { translateGraphError } from './errors.ts';
import type { WhatsappChannelConfig } from './types.ts';

/** Longer than Meta's own answers take even when slow; a hung connection must not hold a worker. */
const API_TIMEOUT_MS = 30_000;
/** Media files reach 100 MB (documents); a slow link needs time, but not forever. */
const FILE_TIMEOUT_MS = 5 * 60_000;

/**
 * The few Graph API calls Compagnon makes, with the token, the pinned version and errors
 * translated into channel errors. Direct fetch rather than whatsapp-api-js's client: the
 * library hard-codes https://graph.facebook.com and reads answers with `.json()` alone,
 * dropping the HTTP status and headers (Retry-After) that error translation needs.
 */
export interface GraphClient {
  /** A JSON call to `{graphUrl}/{apiVersion}/{path}`; resolves with the parsed answer. */
  call: (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<unknown>;
  /** A multipart POST (a media upload) to `{graphUrl}/{apiVersion}/{path}`; resolves with the parsed answer. */
  upload: (path: string, form: FormData) => Promise<unknown>;
  /** GET of a media file URL given by the Graph API, with the token; the body is left to stream. */
  fetchFile: (url: string) => Promise<Response>;
}

type GraphClientConfig = Pick<WhatsappChannelConfig, 'accessToken' | 'graphUrl' | 'apiVersion'>;

export function createGraphClient(config: GraphClientConfig, fetchImpl: typeof fetch = fetch): GraphClient {
  const base = `${config.graphUrl.replace(/\/+$/, '')}/${config.apiVersion}`;
  const authorization = `Bearer ${config.accessToken}`;

  async function send(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new NetworkError(`WhatsApp Graph API unreachable: ${reason(error)}`, { cause: error });
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    throw translateGraphError({ status: response.status, body: parseJson(text), headers: response.headers });
  }

  async function json(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch (error) {
      throw new NetworkError(`WhatsApp Graph API answered ${response.status} with a body that is not JSON`, {
        cause: error,
      });
    }
  }

  return {
    async call(method, path, body) {
      const headers: Record<string, string> = { authorization };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await send(
        `${base}/${path}`,
        { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) },
        API_TIMEOUT_MS,
      );
      return json(response);
    },

    async upload(path, form) {
      // fetch sets the multipart content type, with its boundary, from the FormData itself.
      const response = await send(
        `${base}/${path}`,
        { method: 'POST', headers: { authorization }, body: form },
        FILE_TIMEOUT_MS,
      );
      return json(response);
    },

    async fetchFile(url) {
      // The token opens every media file of the number: never send it in clear text, except
      // to the configured Graph URL itself (a local stand-in in tests and development).
      if (!url.startsWith('https://') && !url.startsWith(`${config.graphUrl.replace(/\/+$/, '')}/`)) {
        throw new InvalidRequestError('WhatsApp gave a media URL that is not https; refusing to send the token there');
      }
      return send(url, { headers: { authorization } }, FILE_TIMEOUT_MS);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
