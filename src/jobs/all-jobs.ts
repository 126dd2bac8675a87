import { deliveryJobs } from './deliver-outbound.ts';
import { fanOutBroadcast } from './fan-out-broadcast.ts';
import { handleInbound } from './handle-inbound.ts';
import type { ChannelName } from '../domain/inbound-event.ts';
import type { AnyJobDefinition } from './job-definition.ts';
import type { SendLimit } from './delivery-pace.ts';
import { purgeInboundPayloads } from './purge-inbound-payloads.ts';
import { sweepPending } from './sweep-pending.ts';
import { planSubmissions } from './plan-submissions.ts';
import { releaseDue, releaseSubmission } from './release-due.ts';
import { remindDue } from './remind-due.ts';
import { applicationRemindersDue } from './application-reminders-due.ts';
import { checkInsDue } from './check-ins-due.ts';
import { closeMissedSubmissions } from './close-missed-submissions.ts';
import { mentorDigestsDue } from './mentor-digests-due.ts';
import { slippingDue } from './slipping-due.ts';
import { milestonesDue } from './milestones-due.ts';
import { eraseExpiredProgrammes } from './erase-expired-programmes.ts';
import { askConsentAgainDue } from './ask-consent-again.ts';
import { sessionRemindersDue } from './session-reminders-due.ts';
import { sessionFeedbackDue } from './session-feedback-due.ts';
import { announceSessions } from './announce-sessions.ts';
import { sessionNoticesDue } from './session-notices-due.ts';
import { helpDeskEscalationsDue } from './help-desk-escalations-due.ts';
import { sessionRostersDue } from './session-rosters-due.ts';
import { offlinePeriodsDue } from './offline-periods-due.ts';
import { catchUpDue } from './catch-up-due.ts';
import { eraseDeclinedApplications } from './erase-declined-applications.ts';

/** Every job the worker process runs; delivery queues get the platforms' rate limits. */
export const allJobs = (limits: Partial<Record<ChannelName, SendLimit>> = {}): AnyJobDefinition[] => [
  handleInbound,
  ...deliveryJobs(limits),
  fanOutBroadcast,
  planSubmissions,
  releaseDue,
  releaseSubmission,
  remindDue,
  applicationRemindersDue,
  checkInsDue,
  closeMissedSubmissions,
  mentorDigestsDue,
  slippingDue,
  milestonesDue,
  sweepPending,
  purgeInboundPayloads,
  eraseExpiredProgrammes,
  askConsentAgainDue,
  sessionRemindersDue,
  sessionFeedbackDue,
  announceSessions,
  sessionNoticesDue,
  helpDeskEscalationsDue,
  sessionRostersDue,
  offlinePeriodsDue,
  catchUpDue,
  eraseDeclinedApplications,
];
