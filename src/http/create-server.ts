import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { redactUrl, type Logger } from '../logger.ts';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.ts';

/** Request bodies larger than this are refused with 413 (webhook payloads are a few kilobytes). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

interface ServerDependencies {
  logger: Logger;
  readinessChecks: ReadinessCheck[];
  /** TRUST_PROXY: the reverse proxies whose X-Forwarded-For gives the client's address. */
  trustProxy?: number | string[] | undefined;
  /** Route groups: webhooks, the simulator, the dashboard. */
  routes?: ((app: FastifyInstance) => void)[];
}

/** The web process: health endpoints, and the webhooks, simulator and dashboard it is given. */
export function createServer({
  logger,
  readinessChecks,
  trustProxy,
  routes = [],
}: ServerDependencies): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Limits per address (sign-in, webhook failures) count `request.ip`, which this makes the client's.
    ...(trustProxy !== undefined && {
      trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    }),
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? (isStorageUnavailable(error) ? 503 : 500);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ err: error }, 'request refused');
    const message =
      status === 503 ? 'storage unavailable; try again later' : status >= 500 ? 'internal error' : error.message;
    return reply.code(status).send({ error: message });
  });
  // Fastify's own 404 writes the whole URL, query and all, into its log message.
  app.setNotFoundHandler((request, reply) => {
    const url = redactUrl(request.url);
    request.log.info({ url }, 'no such route');
    return reply.code(404).send({ error: `no route for ${request.method} ${url.split('?')[0]}` });
  });
  registerHealthRoutes(app, readinessChecks);
  for (const register of routes) register(app);
  return app;
}

/** Prisma's codes for a database that cannot be reached or answered too late. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

function isStorageUnavailable(error: Error & { code?: string; cause?: unknown }): boolean {
  if (error.code && UNAVAILABLE_CODES.has(error.code)) return true;
  return error.cause instanceof Error && isStorageUnavailable(error.cause);
}
