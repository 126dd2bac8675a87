import { outsideQuietHours, type QuietHours } from '../quiet-hours.ts';

/**
 * When a message about a session goes: now, or at the end of the person's quiet hours, unless
 * waiting for them would bring it after the start (then now: late at night beats too late).
 */
export function sessionMessageAt(now: Date, quietHours: QuietHours | null, timeZone: string, startsAt: Date): Date {
  const planned = outsideQuietHours(now, quietHours, timeZone);
  return planned > startsAt ? now : planned;
}
