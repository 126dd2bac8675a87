import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { failedAttemptCounter, refuseTooManyFailures, WEBHOOK_FAILURE_LIMIT } from '../../http/failed-attempts.ts';
import type { Logger } from '../../logger.ts';
import type { InboundSink } from '../inbound-sink.ts';
import { malformedUpdate, type UpdateHandler } from './handle-update.ts';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

interface WebhookOptions {
  secret: string | undefined;
  handleUpdate: UpdateHandler;
  sink: InboundSink;
  logger: Logger;
}

/** A body with the right secret that is not JSON: set aside, not refused. */
class UnreadableBody {
  constructor(readonly text: string) {}
}

/**
 * POST /webhooks/telegram. Answers 200 only once the update's events are durably recorded (or
 * set aside, when PostgreSQL refuses what they hold, or when the update or the body cannot be read); 503 when PostgreSQL fails otherwise, so that
 * Telegram delivers the update again (https://core.telegram.org/bots/api#setwebhook).
 * A wrong secret is 401, and 429 once an address has sent too many (WEBHOOK_FAILURE_LIMIT); a
 * request with the right secret is never limited.
 */
export function registerTelegramWebhook(
  app: FastifyInstance,
  { secret, handleUpdate, sink, logger }: WebhookOptions,
): void {
  if (!secret) throw new Error('TELEGRAM_WEBHOOK_SECRET is required to receive Telegram webhooks');
  const expected = digest(secret);

  // A scope of its own: the count of failed attempts applies to this route only.
  void app.register(async (scope) => {
    const countFailure = await failedAttemptCounter(scope, WEBHOOK_FAILURE_LIMIT);
    // Parsed after the secret is checked; a body that is not JSON reaches the handler, to be set aside.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(null, new UnreadableBody(body as string));
      }
    });
    scope.post(TELEGRAM_WEBHOOK_PATH, {
      // Checked before the body is even parsed: a forged request costs us nothing more.
      onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
        const given = request.headers[SECRET_HEADER];
        if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
          const failure = await countFailure(request);
          if (failure.tooMany) return refuseTooManyFailures(reply, failure.retryAfterSeconds, { ok: false });
          return reply.code(401).send({ ok: false, error: 'missing or wrong X-Telegram-Bot-Api-Secret-Token' });
        }
      },
      handler: async (request, reply) => {
        try {
          if (request.body instanceof UnreadableBody) {
            logger.warn('Telegram webhook body is not JSON');
            await sink.setAside([malformedUpdate(undefined, 'body is not JSON', request.body.text)]);
            return { ok: true };
          }
          // A malformed update is set aside by the handler: answered 200, or Telegram would send it again and again.
          await handleUpdate(request.body);
          return { ok: true };
        } catch (error) {
          logger.error({ err: error }, 'could not record a Telegram update; Telegram will deliver it again');
          return reply.code(503).send({ ok: false, error: 'the update could not be recorded; try again later' });
        }
      },
    });
  });
}

/** Hashing first gives equal-length buffers, so the comparison leaks not even the secret's length. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
