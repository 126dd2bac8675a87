/**
 * The Telegram webhook cannot be registered for a reason the operator can fix: PUBLIC_URL is
 * missing or not https, or Telegram refused it (its answer is in the message).
 */
export class WebhookSetupError extends Error {
  override readonly name = 'WebhookSetupError';
}
