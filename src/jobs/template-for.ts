import { CONSENT_REQUEST_PURPOSE } from '../conversation/flows/consent-again.ts';
import { SESSION_PURPOSES } from '../domain/sessions/session-definition.ts';
import type { OutboundPayload } from '../domain/outbound-message.ts';
import type { TemplatePurpose } from '../domain/programme/programme-definition.ts';
import { loadWhatsappTemplate } from '../store/outbox/load-whatsapp-template.ts';
import type { JobContext } from './job-definition.ts';

/** Outbox purposes and the programme-file template purpose that stands in for them. */
const TEMPLATE_PURPOSE: Record<string, TemplatePurpose> = {
  exercise_release: 'exercise_released',
  // Back from a pause: what waits for the person, before the first exercise's question.
  catch_up: 'exercise_released',
  reminder: 'reminder',
  // An exercise that closed unfinished: the reminder template says a message is waiting.
  exercise_closed: 'reminder',
  check_in: 'check_in',
  mentor_digest: 'check_in',
  slipping_alert: 'check_in',
  broadcast: 'broadcast',
  // The selection decision and a mentor's own words: the programme's announcement and mentoring templates say a message is waiting.
  selection: 'broadcast',
  mentor_message: 'check_in',
  mentor_introduction: 'check_in',
  milestone: 'milestone',
  follow_up: 'follow_up',
  // Sessions: the programme's session template says a message about a session is waiting.
  ...Object.fromEntries(SESSION_PURPOSES.map((purpose) => [purpose, 'session' as const])),
  // The programme's announcement template says a message is waiting; the question follows the reply.
  [CONSENT_REQUEST_PURPOSE]: 'broadcast',
  // The help desk: the programme's team-answer template says someone of the team wrote; the held words follow the reply.
  help_message: 'help_desk',
  help_answer: 'help_desk',
  help_escalation: 'help_desk',
  // A trainer's day-before list of who is coming: the session template says a message about a session is waiting.
  session_roster: 'session',
  // The call for applications: a reminder to finish before the closing, and the decision on an application.
  application_reminder: 'application',
  application_decision: 'application',
  // Staff detached one of the person's chats on the dashboard: the team-answer template says someone of the team wrote.
  link: 'help_desk',
};

/** One template per person, purpose and day at most: a burst of held messages is announced once. */
export function windowDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The programme-file template purpose that stands in for an outbox purpose; null for replies, which never need one. */
export function templatePurposeFor(purpose: string): TemplatePurpose | null {
  return TEMPLATE_PURPOSE[purpose] ?? null;
}

export async function templateFor(
  context: JobContext,
  personId: string,
  purpose: string,
): Promise<Extract<OutboundPayload, { kind: 'template' }> | null> {
  const templatePurpose = templatePurposeFor(purpose);
  if (!templatePurpose) return null;
  const ref = await loadWhatsappTemplate(context.db, {
    personId,
    purpose: templatePurpose,
    defaultLanguage: context.defaultLanguage,
  });
  if (!ref) return null;
  return { kind: 'template', name: ref.name, language: ref.language, parameters: [], fallbackText: '' };
}
