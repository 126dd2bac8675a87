import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
}

/** A file a multipart call uploaded, in place of its `attach://` reference. */
export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/** Answers one Bot API method; a reply it sends itself replaces the default. */
export type MethodHandler = (body: Record<string, unknown>, reply: FastifyReply) => unknown;

/**
 * A local stand-in for the Bot API at `apiRoot`, for what telegram-test-api cannot do: errors,
 * getFile and file downloads, and getUpdates that honours `offset` as Telegram does.
 */
export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly fileRequests: string[] = [];
  readonly methods = new Map<string, MethodHandler>();
  readonly files = new Map<string, (reply: FastifyReply) => unknown>();
  // Node's fetch (undici) opens a spare connection after a download is cancelled, and sends no
  // request on it: Fastify would wait for it (headersTimeout, 60 s) unless told to close everything.
  private readonly app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });
  apiRoot = '';

  constructor(readonly token: string) {
    // File uploads (sendPhoto, sendVoice…) come as multipart/form-data, each file in a part of its
    // own that a field names with `attach://<part>`; the call is recorded with the file in that field.
    this.app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, raw: Buffer, done) => {
      try {
        done(null, parseMultipart(raw, String(request.headers['content-type'])));
      } catch (error) {
        done(error as Error);
      }
    });
    this.app.post('/bot:token/:method', async (request, reply) => {
      const { token, method } = request.params as { token: string; method: string };
      const body = (request.body ?? {}) as Record<string, unknown>;
      this.calls.push({ method, body });
      if (token !== this.token)
        return reply.code(401).send({ ok: false, error_code: 401, description: 'Unauthorized' });
      const handler = this.methods.get(method);
      if (!handler) return reply.code(404).send({ ok: false, error_code: 404, description: 'Not Found' });
      const result = await handler(body, reply);
      return reply.sent ? reply : { ok: true, result };
    });
    this.app.get('/file/bot:token/*', async (request, reply) => {
      const { token, '*': path } = request.params as { token: string; '*': string };
      this.fileRequests.push(path);
      const serve = this.files.get(path);
      if (token !== this.token || !serve)
        return reply.code(404).send({ ok: false, error_code: 404, description: 'Not Found' });
      return serve(reply);
    });
  }

  /** Makes `method` answer as the Bot API does when it says no. */
  failWith(method: string, status: number, description: string, parameters?: Record<string, unknown>): void {
    this.methods.set(method, (_body, reply) =>
      reply.code(status).send({ ok: false, error_code: status, description, parameters }),
    );
  }

  /** Makes sendMessage and the file methods answer as Telegram does, with message ids from `firstId` on. */
  acceptSends(firstId = 1000): void {
    let next = firstId;
    for (const method of ['sendMessage', 'sendPhoto', 'sendVoice', 'sendVideo', 'sendDocument']) {
      this.methods.set(method, (body) => ({
        message_id: next++,
        date: 1772442000,
        chat: { id: Number(body.chat_id), type: 'private' },
        ...(typeof body.text === 'string' && { text: body.text }),
        ...(typeof body.caption === 'string' && { caption: body.caption }),
      }));
    }
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async start(): Promise<this> {
    const address = await this.app.listen({ port: 0, host: '127.0.0.1' });
    this.apiRoot = address;
    return this;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }
}

/**
 * A lenient multipart/form-data reader: grammY writes part headers as Telegram reads them
 * (`content-disposition:form-data;name="x";filename=y.jpg`, no spaces, filename unquoted), which
 * stricter parsers refuse.
 */
function parseMultipart(raw: Buffer, contentType: string): Record<string, unknown> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error('multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const files = new Map<string, UploadedFile>();
  const fields: Record<string, unknown> = {};
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, a blank line, the content, CRLF before the next delimiter.
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString();
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const fileName = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    if (fileName === undefined) fields[name] = content.toString();
    else files.set(name, { fileName, data: Buffer.from(content) });
    at = next;
  }
  for (const [name, value] of Object.entries(fields)) {
    const attached = typeof value === 'string' && value.startsWith('attach://') ? files.get(value.slice(9)) : undefined;
    if (attached) fields[name] = attached;
  }
  return fields;
}

export interface FakeUpdate {
  update_id: number;
  [field: string]: unknown;
}

/**
 * getUpdates as Telegram serves it: every update not yet confirmed, where calling with an
 * `offset` confirms (forgets) those before it.
 */
export function updateQueue(api: FakeBotApi): { push: (...updates: FakeUpdate[]) => void } {
  let pending: FakeUpdate[] = [];
  api.methods.set('getUpdates', (body) => {
    const offset = typeof body.offset === 'number' ? body.offset : undefined;
    if (offset !== undefined) pending = pending.filter((update) => update.update_id >= offset);
    return pending;
  });
  return { push: (...updates) => pending.push(...updates) };
}
