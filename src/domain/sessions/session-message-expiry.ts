/**
 * Until when a message about a session still means something. It is worded when it is written
 * ("rendez-vous dans 2 heures", RSVP buttons), so one that has not gone by then (held for the
 * WhatsApp window or a consent answer, planned after the quiet hours, delivered late) is skipped
 * rather than sent: the outbox's `notAfter`. Announcements, reminders, change notices and freed
 * seats: the venue's start. A cancellation: the venue's end (until then it can still save
 * someone the trip, or say why the room was empty). The feedback question: a week after it is
 * asked (which is within a day of the end): a rating that late is of a session too far back.
 */

const DAY_MS = 24 * 3_600_000;

/** How long the feedback question is kept for someone who has not received it yet. */
export const FEEDBACK_QUESTION_KEPT_MS = 7 * DAY_MS;

/** The `notAfter` of a feedback question asked at `now`. */
export function feedbackQuestionNotAfter(now: Date): Date {
  return new Date(now.getTime() + FEEDBACK_QUESTION_KEPT_MS);
}

/** Why a message past its `notAfter` was skipped, as its `lastError` says (the WhatsApp template in its stead included). */
export function expiredReason(purpose: string): string {
  const about = purpose.replace(/^template_/, '');
  if (about === 'session_feedback') return 'expired: the session ended too long ago';
  if (about === 'session_cancelled') return 'expired: the session had ended';
  if (about === 'application_reminder') return 'expired: the call for applications had closed';
  return 'expired: the session had started';
}
