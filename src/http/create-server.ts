import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.ts';

/** Request bodies larger than this are refused with 413 (webhook payloads are a few kilobytes). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface ServerDependencies {
  logger: Logger;
  readinessChecks: ReadinessCheck[];
  /** Route groups: webhooks, the simulator, the dashboard. */
  routes?: ((app: FastifyInstance) => void)[];
}

/** The web process: health endpoints, and the webhooks, simulator and dashboard it is given. */
export function createServer({ logger, readinessChecks, routes = [] }: ServerDependencies): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
  });
  registerHealthRoutes(app, readinessChecks);
  for (const register of routes) register(app);
  return app;
}
