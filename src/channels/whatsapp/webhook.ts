import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  failedAttemptCounter,
  refuseTooManyFailures,
  WEBHOOK_FAILURE_LIMIT,
  type CountFailure,
} from '../../http/failed-attempts.ts';
import type { Logger } from '../../logger.ts';
import type { InboundSink, MalformedInbound } from '../inbound-sink.ts';
import { malformedBody, parseWebhook } from './parse-webhook.ts';
import { isSignedByMeta, secretsMatch } from './signature.ts';
import { webhookPayloadSchema } from './webhook-payload.ts';

export const WHATSAPP_WEBHOOK_PATH = '/webhooks/whatsapp';

interface WhatsappWebhookOptions {
  appSecret: string;
  verifyToken: string;
  sink: InboundSink;
  logger: Logger;
  now: () => Date;
}

interface HandshakeQuery {
  'hub.mode'?: string;
  'hub.verify_token'?: string;
  'hub.challenge'?: string;
}

/**
 * GET: the verification handshake Meta makes when the webhook URL is set.
 * POST: signed notifications of messages and statuses, recorded (or set aside, when PostgreSQL
 * refuses what they hold) before answering 200. What a signed POST carries that cannot be read
 * (a message without a type, a status with a bad timestamp, a body that is not JSON) is set aside
 * in RejectedInboundEvent and answered 200 too, its readable neighbours recorded. 503, when
 * PostgreSQL fails for another reason, makes Meta deliver again (it keeps trying for days), which the sink's deduplication absorbs.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 *
 * A wrong verify token (403) or signature (401) is counted per address: once there are too many
 * (WEBHOOK_FAILURE_LIMIT), 429. A request that passes is never limited: Meta sends in bursts.
 *
 * Registered as an encapsulated plugin so that its raw-body parser, which the signature check
 * needs, and its count of failures apply to these two routes only.
 */
export function registerWhatsappWebhook(app: FastifyInstance, options: WhatsappWebhookOptions): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const countFailure = await failedAttemptCounter(scope, WEBHOOK_FAILURE_LIMIT);
    scope.get<{ Querystring: HandshakeQuery }>(WHATSAPP_WEBHOOK_PATH, (request, reply) =>
      handshake(request, reply, options, countFailure),
    );
    scope.post(WHATSAPP_WEBHOOK_PATH, (request, reply) => receive(request, reply, options, countFailure));
  });
}

async function handshake(
  request: FastifyRequest<{ Querystring: HandshakeQuery }>,
  reply: FastifyReply,
  { verifyToken }: WhatsappWebhookOptions,
  countFailure: CountFailure,
) {
  const { 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge } = request.query;
  if (
    mode !== 'subscribe' ||
    typeof token !== 'string' ||
    typeof challenge !== 'string' ||
    !secretsMatch(token, verifyToken)
  ) {
    const failure = await countFailure(request);
    if (failure.tooMany) return refuseTooManyFailures(reply, failure.retryAfterSeconds);
    return reply.code(403).send();
  }
  return reply.code(200).type('text/plain').send(challenge);
}

async function receive(
  request: FastifyRequest,
  reply: FastifyReply,
  { appSecret, sink, logger, now }: WhatsappWebhookOptions,
  countFailure: CountFailure,
) {
  const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const signature = request.headers['x-hub-signature-256'];
  if (!isSignedByMeta(rawBody, typeof signature === 'string' ? signature : undefined, appSecret)) {
    const failure = await countFailure(request);
    if (failure.tooMany) return refuseTooManyFailures(reply, failure.retryAfterSeconds);
    logger.warn(
      { ip: request.ip, signed: signature !== undefined },
      'WhatsApp webhook with a missing or wrong signature',
    );
    return reply.code(401).send({ error: 'invalid signature' });
  }

  const text = rawBody.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Meta signed it: answered 200 all the same, or Meta would send the same body for days.
    return setAsideBody(reply, malformedBody(text, 'body is not JSON'), sink, logger);
  }
  const payload = webhookPayloadSchema.safeParse(json);
  if (!payload.success) {
    // Paths only: the values are people's messages.
    const issues = payload.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    return setAsideBody(reply, malformedBody(text, `unexpected payload shape: ${issues.join('; ')}`), sink, logger);
  }

  const { events, statuses, ignored, malformed } = parseWebhook(payload.data, now());
  try {
    if (events.length > 0) await sink.record(events);
    if (statuses.length > 0) await sink.recordStatuses(statuses);
    if (malformed.length > 0) await sink.setAside(malformed);
  } catch (error) {
    logger.error(
      { err: error, events: events.length, statuses: statuses.length },
      'WhatsApp webhook could not be stored; Meta will retry',
    );
    return reply.code(503).send({ error: 'storage unavailable, retry later' });
  }
  logger.debug(
    { events: events.length, statuses: statuses.length, ignored, setAside: malformed.length },
    'WhatsApp webhook recorded',
  );
  return reply.code(200).send();
}

/** A signed body that cannot be read at all: kept in RejectedInboundEvent (the sink logs it), and answered 200. */
async function setAsideBody(reply: FastifyReply, body: MalformedInbound, sink: InboundSink, logger: Logger) {
  try {
    await sink.setAside([body]);
  } catch (error) {
    logger.error({ err: error }, 'an unreadable WhatsApp webhook could not be set aside; Meta will retry');
    return reply.code(503).send({ error: 'storage unavailable, retry later' });
  }
  return reply.code(200).send();
}
