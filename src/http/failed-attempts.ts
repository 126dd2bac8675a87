import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** How many requests that fail verification one address may send in a window before it is answered 429. */
interface FailedAttemptLimit {
  max: number;
  windowMs: number;
}

/**
 * Webhooks: a platform that signs its requests never fails verification, so twenty failures a
 * minute from one address is someone guessing (or a secret changed on one side only).
 */
export const WEBHOOK_FAILURE_LIMIT: FailedAttemptLimit = { max: 20, windowMs: 60_000 };

/** Counts one failed attempt from the request's address; says whether it has now failed too often. */
export type CountFailure = (request: FastifyRequest) => Promise<{ tooMany: boolean; retryAfterSeconds: number }>;

/**
 * Registers @fastify/rate-limit in `scope` (an encapsulated plugin, so no other route is touched)
 * for manual use: only failures are counted, so a valid request is never slowed or refused, even
 * in a burst from an address that has failed before. Counts are kept in this process's memory.
 */
export async function failedAttemptCounter(scope: FastifyInstance, limit: FailedAttemptLimit): Promise<CountFailure> {
  await scope.register(fastifyRateLimit, { global: false });
  const limiter = scope.createRateLimit({ max: limit.max, timeWindow: limit.windowMs });
  return async (request) => {
    const result = await limiter(request);
    if (result.isAllowed) return { tooMany: false, retryAfterSeconds: 0 };
    return { tooMany: result.isExceeded, retryAfterSeconds: Math.max(1, result.ttlInSeconds) };
  };
}

/** 429 with Retry-After, for an address that has failed verification too often. */
export function refuseTooManyFailures(
  reply: FastifyReply,
  retryAfterSeconds: number,
  body: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(429)
    .header('retry-after', String(retryAfterSeconds))
    .send({
      ...body,
      error: `too many requests that failed verification from this address; try again in ${retryAfterSeconds} s`,
    });
}
