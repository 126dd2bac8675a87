import { WebhookSetupError } from '../channels/telegram/webhook-setup-error.ts';
import { ConfigError } from '../config.ts';
import { AmbiguousReferenceError, NotFoundError } from '../store/errors.ts';
import { InvalidAssignmentError } from '../store/mentoring/assign-mentor.ts';
import { CommandError } from './output.ts';

/**
 * Failures the person at the terminal can fix, whichever layer noticed them: a flag, the
 * configuration, a cohort or person that does not exist, a key several rows share, a mentoring
 * the programme does not allow, a webhook Telegram refused. Commands let them through untouched.
 */
const USER_ERRORS = [
  CommandError,
  ConfigError,
  NotFoundError,
  AmbiguousReferenceError,
  InvalidAssignmentError,
  WebhookSetupError,
] as const;

/** What to print for a failed command: a user error's own message, anything else prefixed (a fault of ours or of a service). */
export function failureMessage(error: unknown, options: { withStack: boolean }): string {
  if (USER_ERRORS.some((type) => error instanceof type)) return (error as Error).message;
  if (!(error instanceof Error)) return `compagnon: ${String(error)}`;
  // One line for people; the stack trace for those who ask.
  return `compagnon: ${options.withStack ? (error.stack ?? error.message) : error.message.trim().split('\n').at(-1)}`;
}
