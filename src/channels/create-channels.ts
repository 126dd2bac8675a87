import { simulatorEnabled, type Config } from '../config.ts';
import type { ChannelName } from '../domain/inbound-event.ts';
import type { Logger } from '../logger.ts';
import type { ChannelAdapter } from './channel-adapter.ts';
import { createSimulatorChannel } from './simulator/index.ts';
import { createTelegramChannel } from './telegram/index.ts';
import { createWhatsappChannel } from './whatsapp/index.ts';

/** The channels this deployment is configured for; each is created once per process. */
export function createChannels(config: Config, logger: Logger) {
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramChannel({
        config: {
          botToken: config.TELEGRAM_BOT_TOKEN,
          apiRoot: config.TELEGRAM_API_ROOT,
          webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
          mode: config.TELEGRAM_MODE,
        },
        logger: logger.child({ channel: 'telegram' }),
      })
    : null;
  const whatsapp =
    config.WHATSAPP_ACCESS_TOKEN &&
    config.WHATSAPP_PHONE_NUMBER_ID &&
    config.WHATSAPP_APP_SECRET &&
    config.WHATSAPP_VERIFY_TOKEN
      ? createWhatsappChannel({
          config: {
            accessToken: config.WHATSAPP_ACCESS_TOKEN,
            phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
            appSecret: config.WHATSAPP_APP_SECRET,
            verifyToken: config.WHATSAPP_VERIFY_TOKEN,
            graphUrl: config.WHATSAPP_GRAPH_URL,
            apiVersion: config.WHATSAPP_API_VERSION,
          },
          logger: logger.child({ channel: 'whatsapp' }),
        })
      : null;
  const simulator = simulatorEnabled(config)
    ? createSimulatorChannel({ config: { mediaDir: config.MEDIA_DIR }, logger: logger.child({ channel: 'simulator' }) })
    : null;

  const adapters: Partial<Record<ChannelName, ChannelAdapter>> = {};
  if (telegram) adapters.telegram = telegram.adapter;
  if (whatsapp) adapters.whatsapp = whatsapp.adapter;
  if (simulator) adapters.simulator = simulator.adapter;
  return { adapters, telegram, whatsapp, simulator };
}

export type Channels = ReturnType<typeof createChannels>;
