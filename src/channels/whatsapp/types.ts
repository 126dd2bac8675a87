import type { Logger } from '../../logger.ts';

/** What the WhatsApp channel needs from the configuration; the caller reads the environment. */
export interface WhatsappChannelConfig {
  /** A system-user token with the whatsapp_business_messaging permission. */
  accessToken: string;
  /** The id of the business phone number messages are sent from (not the number itself). */
  phoneNumberId: string;
  /** Keys the HMAC in X-Hub-Signature-256 on every webhook POST. */
  appSecret: string;
  /** Checked in the GET verification handshake. */
  verifyToken: string;
  /** https://graph.facebook.com, or a local stand-in for the Graph API. */
  graphUrl: string;
  /** Pinned Graph API version, such as v23.0. */
  apiVersion: string;
}

export interface WhatsappChannelOptions {
  config: WhatsappChannelConfig;
  logger: Logger;
  /** Defaults to the global fetch; tests and proxies may pass their own. */
  fetch?: typeof fetch;
  /** The clock that dates messages whose own timestamp is not a date between 2000 and 2100. */
  now?: () => Date;
}
