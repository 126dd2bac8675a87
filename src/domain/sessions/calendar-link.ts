import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where calendar files are served (PUBLIC_URL) and the secret their links are signed with (CALENDAR_SECRET). */
export interface CalendarLinks {
  publicUrl: string;
  secret: string;
}

/**
 * The part of a calendar link that cannot be guessed: an HMAC of the invitation's id, so that
 * nobody reads a session's place and hour (or learns who is invited) from an id alone.
 */
export function calendarToken(secret: string, invitationId: string): string {
  return createHmac('sha256', secret).update(`calendar:${invitationId}`).digest('base64url').slice(0, 32);
}

/** Whether `token` is the one of this invitation (compared in constant time). */
export function isCalendarToken(secret: string, invitationId: string, token: string): boolean {
  const expected = Buffer.from(calendarToken(secret, invitationId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `https://compagnon.example.org/calendar/<invitation>/<token>.ics` */
export function calendarUrl(links: CalendarLinks, invitationId: string): string {
  return `${links.publicUrl.replace(/\/+$/, '')}/calendar/${invitationId}/${calendarToken(links.secret, invitationId)}.ics`;
}
