import type { FastifyInstance } from 'fastify';
import { withTimeout } from '../with-timeout.ts';

/** A dependency the service needs to do its work; `check` throws when it is not usable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/** How long a dependency may take to answer before it is reported down. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * `GET /healthz`: the process is up (for restarts). `GET /readyz`: PostgreSQL and Redis answer
 * (for load balancers); 503 names what is down.
 */
export function registerHealthRoutes(app: FastifyInstance, checks: ReadinessCheck[]): void {
  app.get('/healthz', (_request, reply) => reply.send({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, `down: ${error instanceof Error ? error.message : String(error)}`] as const;
        }
      }),
    );
    const down = results.filter(([, state]) => state !== 'ok').map(([name]) => name);
    if (down.length > 0) {
      request.log.warn({ down }, 'not ready');
      reply.code(503);
    }
    return {
      status: down.length === 0 ? 'ready' : 'unavailable',
      ...(down.length > 0 && { down }),
      checks: Object.fromEntries(results),
    };
  });
}
