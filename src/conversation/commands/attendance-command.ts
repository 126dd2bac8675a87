import { DateTime } from 'luxon';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { normalizeAttendanceCode } from '../../domain/sessions/attendance-code.ts';
import { judgeAttendanceCode } from '../../domain/sessions/judge-attendance-code.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { AttendanceStore } from '../stores/attendance-store.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type AttendanceContext = ConversationContext<AttendanceStore>;

/** The code as typed after PRÉSENT, without a colon ("Présent : K7PQ3M"); "" when none was given. */
function typedCode(argument: string): string {
  return normalizeAttendanceCode(argument.replace(/^:/, ''));
}

/** Whether `argument` is the attendance code of a venue: then PRÉSENT acts even where free text is expected. */
export async function isAttendanceCode(argument: string, context: AttendanceContext): Promise<boolean> {
  const code = typedCode(argument);
  return code !== '' && (await context.store.attendanceCode(code, context.person.id)) !== null;
}

/**
 * PRÉSENT <code> / HERE <code>: records the person's attendance at the venue whose code it is,
 * judged by when the platform says the message was sent (see `judgeAttendanceCode`).
 */
export async function recordAttendance(
  argument: string,
  event: InboundEvent,
  context: AttendanceContext,
): Promise<Outgoing[]> {
  const { t, pick, language } = speakerFor(context);
  const code = typedCode(argument);
  if (code === '') return [text(t('sessions:attendance.ask_code'))];
  const found = await context.store.attendanceCode(code, context.person.id);
  if (!found) return [text(t('sessions:attendance.unknown_code', { code }))];

  // A timestamp ahead of the server's clock is read as now: no one records a session before it opens.
  const sentAt = new Date(Math.min(Date.parse(event.sentAt), context.now().getTime()));
  const verdict = judgeAttendanceCode(found, sentAt);
  const title = pick(found.session.title);
  // Another city's room of the same session: the reply names it, and says whose hour it gives.
  const elsewhere =
    found.invitation && found.invitation.venueId !== found.venue.id && found.venue.hubName
      ? { city: pick(found.venue.hubName) }
      : null;
  const key = (name: string) => `sessions:attendance.${name}${elsewhere ? '_elsewhere' : ''}`;
  const local = (instant: Date) => {
    const at = DateTime.fromJSDate(instant, { zone: context.person.timeZone }).setLocale(language);
    return {
      day: at.toFormat(language === 'fr' && at.day === 1 ? "cccc 1'er' LLLL yyyy" : 'cccc d LLLL yyyy'),
      time: at.toFormat('HH:mm'),
    };
  };
  switch (verdict.kind) {
    case 'cancelled':
      return [text(t('sessions:attendance.cancelled', { title }))];
    case 'not_invited':
      return [text(t('sessions:attendance.not_invited', { title }))];
    case 'already_recorded':
      return [text(t('sessions:attendance.already_recorded', { title }))];
    case 'taken_by_team':
      return [text(t('sessions:attendance.taken_by_team', { title }))];
    case 'too_early':
      return [text(t(key('too_early'), { title, ...elsewhere, ...local(verdict.opensAt) }))];
    case 'too_late':
      return [text(t(key('too_late'), { title, ...elsewhere, ...local(verdict.closedAt) }))];
    case 'record': {
      await context.store.recordCodeAttendance(verdict.invitationId, verdict.venueId, sentAt);
      return [text(t(key('recorded'), { title, ...elsewhere, day: local(found.venue.startsAt).day }))];
    }
  }
}
