import type { FastifyInstance } from 'fastify';
import { registerSimulatorRoutes } from '../../channels/simulator/routes.ts';
import { newSimulatorKey, simulatorLink } from '../../channels/simulator/simulator-key.ts';
import { createServer } from '../../http/create-server.ts';
import { registerCalendarRoutes } from '../../http/calendar-routes.ts';
import { registerMetricsRoutes } from '../../http/metrics-routes.ts';
import { postgresCheck, redisCheck } from '../../http/readiness-checks.ts';
import type { Runtime } from '../runtime.ts';

export interface WebProcess {
  app: FastifyInstance;
  /**
   * How to open the simulator, for the terminal only (never the logs): with its key when it was
   * made at start-up, else with a placeholder for SIMULATOR_KEY. Null when the simulator is off.
   */
  simulatorLink: string | null;
  stop: () => Promise<void>;
}

/** `compagnon serve`: health, platform webhooks (or Telegram polling), the simulator and the dashboard (/admin). */
export async function startWebProcess(runtime: Runtime): Promise<WebProcess> {
  const { channels, sink, config, db } = runtime;
  const routes: ((app: FastifyInstance) => void)[] = [
    (app) => registerMetricsRoutes(app, { db, queues: runtime.queues, token: config.METRICS_TOKEN }),
  ];
  const calendarSecret = config.CALENDAR_SECRET;
  if (calendarSecret) {
    routes.push((app) =>
      registerCalendarRoutes(app, {
        db,
        secret: calendarSecret,
        translate: runtime.translate,
        defaultLanguage: runtime.defaultLanguage,
      }),
    );
  }
  if (channels.telegram?.mode === 'webhook') routes.push((app) => channels.telegram?.registerWebhook(app, sink));
  if (channels.whatsapp) routes.push((app) => channels.whatsapp?.registerWebhook(app, sink));
  // Without SIMULATOR_KEY (never in production, see config.ts), a new key at each start.
  const simulatorKey = channels.simulator ? (config.SIMULATOR_KEY ?? newSimulatorKey()) : null;
  if (channels.simulator && simulatorKey) {
    const { uploadsDir } = channels.simulator;
    routes.push((app) =>
      registerSimulatorRoutes(app, {
        db,
        sink,
        uploadsDir,
        maxMediaBytes: config.MEDIA_MAX_BYTES,
        now: runtime.now,
        key: simulatorKey,
        translate: runtime.translate,
        defaultLanguage: runtime.defaultLanguage,
        requestsPerMinute: config.SIMULATOR_REQUESTS_PER_MINUTE,
        secureCookies: config.PUBLIC_URL?.startsWith('https:') ?? false,
        participantsOnly: Boolean(channels.telegram || channels.whatsapp),
      }),
    );
    if (config.NODE_ENV === 'production') {
      runtime.logger.warn(
        `THE SIMULATOR IS ON IN PRODUCTION (SIMULATOR=on): whoever has SIMULATOR_KEY can create people${channels.telegram || channels.whatsapp ? ' (participants only, beside Telegram or WhatsApp)' : ', staff included,'} and chat as them at /simulator. Set SIMULATOR=off unless this is a demonstration server.`,
      );
    }
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
        mediaMaxBytes: config.MEDIA_MAX_BYTES,
        publicUrl: config.PUBLIC_URL ?? null,
        secureCookies: config.PUBLIC_URL?.startsWith('https:') ?? false,
        queueOperatorIds: config.DASHBOARD_OPERATORS,
        chatAccounts: {
          telegramBotUsername: config.TELEGRAM_BOT_USERNAME ?? null,
          whatsappBusinessNumber: config.WHATSAPP_BUSINESS_NUMBER ?? null,
        },
        ...(config.PUBLIC_URL &&
          config.CALENDAR_SECRET && { calendar: { publicUrl: config.PUBLIC_URL, secret: config.CALENDAR_SECRET } }),
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
    {
      port: config.PORT,
      channels: Object.keys(channels.adapters),
      telegramMode: channels.telegram ? config.TELEGRAM_MODE : undefined,
    },
    'web process listening',
  );
  const base = config.PUBLIC_URL ?? `http://${browsableHost(config.HOST)}:${config.PORT}`;
  return {
    app,
    simulatorLink: simulatorKey ? simulatorLink(base, config.SIMULATOR_KEY ? null : simulatorKey) : null,
    stop: async () => {
      await polling?.stop();
      await app.close();
    },
  };
}

/** The address to print for a server listening on `host`: every interface is reachable on the loopback one. */
function browsableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
