import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * A local stand-in for the Graph API, answering as Meta does: the /messages endpoint, media
 * metadata and the media files themselves, and Meta-shaped errors on demand. It records every
 * request it gets, so that tests assert on what actually went over the wire.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media
 */

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  authorization: string | undefined;
  body: unknown;
}

export interface MediaFile {
  data: Buffer;
  mimeType: string;
  /** What GET /{media-id} claims; defaults to the real size. A liar tests the streaming limit. */
  announcedSize?: number | undefined;
  /** Where GET /{media-id} says the file is; defaults to the stand-in itself. */
  url?: string | undefined;
}

export interface GraphError {
  status: number;
  /** Meta's `{ error: { message, type, code, error_subcode, fbtrace_id } }`, or raw text for a proxy's error page. */
  body: object | string;
  headers?: Record<string, string>;
}

/** A file uploaded to POST /{phone-number-id}/media, under the id the stand-in gave it. */
export interface UploadedMedia {
  id: string;
  /** The form's text fields: messaging_product and type. */
  fields: Record<string, string>;
  fileName: string;
  /** The Content-Type of the file part. */
  mimeType: string;
  data: Buffer;
}

const MEDIA_MESSAGE_TYPES = ['image', 'audio', 'video', 'document', 'sticker'];

export class GraphStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly uploads: UploadedMedia[] = [];
  // Meta takes documents up to 100 MB; Fastify's default limit is 1 MB.
  private readonly app: FastifyInstance = Fastify({ bodyLimit: 101 * 1024 * 1024 });
  private readonly media = new Map<string, MediaFile>();
  private readonly failures: GraphError[] = [];
  private sent = 0;
  url = '';

  constructor(readonly accessToken: string) {
    this.app.addHook('onRequest', async (request) => {
      this.requests.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.authorization,
        body: undefined,
      });
    });
    this.app.addHook('preHandler', async (request, reply) => {
      this.requests[this.requests.length - 1]!.body = request.body;
      if (request.headers.authorization !== `Bearer ${this.accessToken}`) {
        return reply
          .code(401)
          .send(metaError('Invalid OAuth access token - Cannot parse access token', 'OAuthException', 190));
      }
      const failure = this.failures.shift();
      if (failure)
        return reply
          .code(failure.status)
          .headers(failure.headers ?? {})
          .send(failure.body);
      return undefined;
    });
    this.app.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer' },
      async (request: FastifyRequest, raw: Buffer) =>
        new Response(new Uint8Array(raw), {
          headers: { 'content-type': String(request.headers['content-type']) },
        }).formData(),
    );
    this.app.post('/:version/:phoneNumberId/media', async (request, reply) => this.answerUpload(request.body, reply));
    this.app.post('/:version/:phoneNumberId/messages', async (request, reply) =>
      this.answerMessages(request.body, reply),
    );
    this.app.get<{ Params: { version: string; mediaId: string } }>('/:version/:mediaId', async (request, reply) =>
      this.answerMediaMetadata(request.params.mediaId, reply),
    );
    this.app.get<{ Params: { mediaId: string } }>('/media-files/:mediaId', async (request, reply) =>
      this.answerMediaFile(request.params.mediaId, reply),
    );
  }

  async start(): Promise<this> {
    await this.app.listen({ host: '127.0.0.1', port: 0 });
    const address = this.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('stand-in has no port');
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  /** Makes the next request fail as described (once). */
  failNext(error: GraphError): void {
    this.failures.push(error);
  }

  addMedia(id: string, file: MediaFile): void {
    this.media.set(id, file);
  }

  reset(): void {
    this.requests.length = 0;
    this.uploads.length = 0;
    this.failures.length = 0;
  }

  /** The bodies POSTed to /messages, in order. */
  get messageRequests(): Record<string, unknown>[] {
    return this.requests
      .filter((r) => r.method === 'POST' && r.url.endsWith('/messages'))
      .map((r) => r.body as Record<string, unknown>);
  }

  /** Meta's upload: multipart with messaging_product=whatsapp, type (the file's MIME type) and file. */
  private async answerUpload(body: unknown, reply: FastifyReply) {
    if (!(body instanceof FormData))
      return reply.code(400).send(metaError('(#100) Expected multipart/form-data', 'OAuthException', 100));
    const file = body.get('file');
    const fields = Object.fromEntries(
      [...body].filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    if (fields.messaging_product !== 'whatsapp' || !fields.type || !(file instanceof Blob)) {
      return reply
        .code(400)
        .send(metaError('(#100) The parameter messaging_product, type or file is missing', 'OAuthException', 100));
    }
    const id = `${1_000_000_000_000_000 + this.uploads.length + 1}`;
    this.uploads.push({
      id,
      fields,
      fileName: file instanceof File ? file.name : '',
      mimeType: file.type,
      data: Buffer.from(await file.arrayBuffer()),
    });
    return { id };
  }

  private answerMessages(body: unknown, reply: FastifyReply) {
    const request = body as { status?: string; to?: string; recipient?: string; type?: string } & Record<
      string,
      unknown
    >;
    if (request.status === 'read') return { success: true };
    // A media message must name a file uploaded here (as Meta only knows the files it stores).
    if (request.type && MEDIA_MESSAGE_TYPES.includes(request.type)) {
      const mediaId = (request[request.type] as { id?: string } | undefined)?.id;
      if (!this.uploads.some((upload) => upload.id === mediaId)) {
        return reply
          .code(400)
          .send(metaError(`(#131053) Media upload error: unknown media id ${mediaId}`, 'OAuthException', 131053));
      }
    }
    this.sent += 1;
    // Meta echoes the addressee: wa_id for a phone number, user_id for a BSUID.
    const contact = request.to
      ? { input: request.to, wa_id: request.to }
      : { input: request.recipient, user_id: request.recipient };
    return {
      messaging_product: 'whatsapp',
      contacts: [contact],
      messages: [{ id: `wamid.HBgLMjI1MDcwMTAyMDMwNBUCABEYEjAwMDAw${this.sent}` }],
    };
  }

  private answerMediaMetadata(mediaId: string, reply: FastifyReply) {
    const file = this.media.get(mediaId);
    if (!file) {
      // What Meta answers for an unknown or expired (over 7 days) media id.
      return reply
        .code(400)
        .send(
          metaError(
            `Unsupported get request. Object with ID '${mediaId}' does not exist`,
            'GraphMethodException',
            100,
            33,
          ),
        );
    }
    return {
      messaging_product: 'whatsapp',
      url: file.url ?? `${this.url}/media-files/${mediaId}`,
      mime_type: file.mimeType,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      file_size: String(file.announcedSize ?? file.data.length),
      id: mediaId,
    };
  }

  private answerMediaFile(mediaId: string, reply: FastifyReply) {
    const file = this.media.get(mediaId);
    if (!file) return reply.code(404).send();
    reply.type(file.mimeType);
    // Streamed in chunks without Content-Length when the metadata lies, as a CDN may.
    if (file.announcedSize !== undefined) {
      const chunks = Array.from({ length: Math.ceil(file.data.length / 16_384) }, (_, i) =>
        file.data.subarray(i * 16_384, (i + 1) * 16_384),
      );
      return reply.send(Readable.from(chunks));
    }
    return reply.send(file.data);
  }
}

export function metaError(message: string, type: string, code: number, subcode?: number) {
  return {
    error: {
      message,
      type,
      code,
      ...(subcode !== undefined && { error_subcode: subcode }),
      error_data: { messaging_product: 'whatsapp', details: message },
      fbtrace_id: 'AbCdEfGhIjKlMnOpQrStUv',
    },
  };
}
