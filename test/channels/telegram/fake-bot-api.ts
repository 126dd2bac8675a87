import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
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
