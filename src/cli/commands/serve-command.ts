import type { FastifyInstance } from 'fastify';
import { createServer } from '../../http/create-server.ts';
import { postgresCheck, redisCheck } from '../../http/readiness-checks.ts';
import type { Runtime } from '../runtime.ts';

/** `compagnon serve`: the web process (health now; webhooks and dashboard as they come). */
export async function startWebProcess(runtime: Runtime): Promise<FastifyInstance> {
  const app = createServer({
    logger: runtime.logger,
    readinessChecks: [postgresCheck(runtime.db), redisCheck(runtime.redis)],
  });
  await app.listen({ host: runtime.config.HOST, port: runtime.config.PORT });
  return app;
}
