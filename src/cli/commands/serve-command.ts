import type { FastifyInstance } from 'fastify';
import { registerSimulatorRoutes } from '../../channels/simulator/routes.ts';
import { createServer } from '../../http/create-server.ts';
import { registerMetricsRoutes } from '../../http/metrics-routes.ts';
import { postgresCheck, redisCheck } from '../../http/readiness-checks.ts';
import type { Runtime } from '../runtime.ts';

export interface WebProcess {
  app: FastifyInstance;
  stop: () => Promise<void>;
}

/** `compagnon serve`: health, platform webhooks (or Telegram polling), the simulator and the dashboard (/admin). */
export async function startWebProcess(runtime: Runtime): Promise<WebProcess> {
  const { channels, sink, config, db } = runtime;
  const routes: ((app: FastifyInstance) => void)[] = [(app) => registerMetricsRoutes(app, { db, queues: runtime.queues, token: config.METRICS_TOKEN })];
  if (channels.telegram?.mode === 'webhook') routes.push((app) => channels.telegram?.registerWebhook(app, sink));
  if (channels.whatsapp) routes.push((app) => channels.whatsapp?.registerWebhook(app, sink));
  if (channels.simulator) {
    const { uploadsDir } = channels.simulator;
    routes.push((app) =>
      registerSimulatorRoutes(app, { db, sink, uploadsDir, maxMediaBytes: config.MEDIA_MAX_BYTES, now: runtime.now }),
    );
  }
  // Loaded here rather than at the top: the dashboard and Bull Board would slow every other command.
  const { registerAdminRoutes } = await import('../../admin/admin-routes.ts');
  routes.push((app) =>
    registerAdminRoutes(
      app,
      {
        db,
        queues: runtime.queues,
        translate: runtime.translate,
        defaultLanguage: runtime.defaultLanguage,
        logger: runtime.logger,
        now: runtime.now,
        mediaDir: config.MEDIA_DIR,
        publicUrl: config.PUBLIC_URL ?? null,
        secureCookies: config.PUBLIC_URL?.startsWith('https:') ?? false,
        queueOperatorIds: config.DASHBOARD_OPERATORS,
      },
      { sessionHours: config.DASHBOARD_SESSION_HOURS, linkMinutes: config.SIGN_IN_LINK_MINUTES },
    ),
  );
  const app = createServer({
    logger: runtime.logger,
    readinessChecks: [postgresCheck(db), redisCheck(runtime.redis)],
    trustProxy: config.TRUST_PROXY,
    routes,
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  // Polling is for development: a single process asks Telegram for updates.
  const polling = channels.telegram?.mode === 'polling' ? channels.telegram.startPolling(sink) : null;
  runtime.logger.info(
    { port: config.PORT, channels: Object.keys(channels.adapters), telegramMode: channels.telegram ? config.TELEGRAM_MODE : undefined },
    'web process listening',
  );
  return {
    app,
    stop: async () => {
      await polling?.stop();
      await app.close();
    },
  };
}
