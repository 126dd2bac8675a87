import { createWhatsappChannel, type WhatsappChannelConfig } from '../../../../src/channels/whatsapp/index.ts';
import { createLogger } from '../../../../src/logger.ts';
import { PHONE_NUMBER_ID } from './meta-payloads.ts';

export const ACCESS_TOKEN = 'EAAG-test-token';
export const APP_SECRET = 'c0ffee-app-secret';
export const VERIFY_TOKEN = 'compagnon-verify-7f3a';

export function channelConfig(graphUrl: string): WhatsappChannelConfig {
  return {
    accessToken: ACCESS_TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    graphUrl,
    apiVersion: 'v23.0',
  };
}

/** A WhatsApp channel talking to `graphUrl` (a GraphStandIn), with silent logs. */
export function createTestChannel(graphUrl: string, overrides: Partial<WhatsappChannelConfig> = {}) {
  return createWhatsappChannel({
    config: { ...channelConfig(graphUrl), ...overrides },
    logger: createLogger({ LOG_LEVEL: 'silent' }),
  });
}
