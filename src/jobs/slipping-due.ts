import { z } from 'zod';
import { slippingAlert } from '../conversation/notices/slipping-alert.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { slippingReasons, type SlippingReason } from '../domain/slipping.ts';
import { loadCohortFacts, type CohortFacts } from '../store/cohorts/load-cohort-facts.ts';
import type { NewOutboundMessage } from '../store/outbox/outbox.ts';
import { claimSlippingAlert } from '../store/people/claim-slipping-alert.ts';
import { clearSlippingAlert } from '../store/people/clear-slipping-alert.ts';
import { loadSlippingAlertRecipients } from '../store/people/load-slipping-alert-recipients.ts';
import { loadWatchedParticipants, type WatchedParticipant } from '../store/people/load-watched-participants.ts';
import { defineJob, type JobContext } from './job-definition.ts';

const BATCH = 500;

/**
 * Every ten minutes: tells a participant's mentors and the cohort's staff when the participant
 * starts slipping (the programme's `slipping` rules), once per episode. A sweep over enrolments
 * rather than a job per participant, because slipping is a state read from rows (deadlines that
 * pass, messages that stop), not an event: each run decides afresh, so a restart loses nothing.
 *
 * The alert is claimed by setting `Enrolment.slippingAlertedAt` with a conditional update in the
 * transaction that writes the messages, so several workers alert once; it is cleared when the
 * participant is no longer slipping, so a later relapse alerts again.
 *
 * Watched: active and selected participants (see FOLLOWED_STATUSES). Selection resets
 * `statusChangedAt`, so the mentoring phase starts with a clean slate. Nobody is watched in a
 * cohort whose schedule is paused, and silence is counted again from its resume.
 */
export const slippingDue = defineJob({
  name: 'slipping-due',
  payload: z.object({}),
  repeat: { pattern: '*/10 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, now } = context;
    const cohorts = new Map<string, CohortFacts>();
    let alerted = 0;
    let cleared = 0;
    let after = '';
    for (;;) {
      const participants = await loadWatchedParticipants(db, { after, take: BATCH });
      await loadCohortFacts(
        db,
        cohorts,
        participants.map((p) => p.cohortId),
      );
      for (const participant of participants) {
        const cohort = cohorts.get(participant.cohortId);
        if (!cohort) continue; // deleted since the page was read
        const facts = { ...participant.facts, cohortResumedAt: cohort.resumedAt };
        const reasons = slippingReasons(facts, cohort.settings.slipping, now());
        try {
          if (reasons.length > 0 && !participant.slippingAlertedAt) {
            if (await alertSlipping(context, participant, cohort, reasons)) alerted++;
          } else if (reasons.length === 0 && participant.slippingAlertedAt) {
            const claim = { enrolmentId: participant.enrolmentId, alertedAt: participant.slippingAlertedAt };
            if (await clearSlippingAlert(db, claim)) cleared++;
          }
        } catch (err) {
          // One participant who cannot be handled (a person deleted meanwhile…) must not hold up the others.
          context.logger.error(
            { err, enrolmentId: participant.enrolmentId },
            'could not handle a slipping participant',
          );
        }
      }
      if (participants.length < BATCH) break;
      after = participants.at(-1)!.enrolmentId;
    }
    return { alerted, cleared };
  },
});

/** Claims the episode and writes the alerts; false when another worker claimed it first. */
async function alertSlipping(
  context: JobContext,
  participant: WatchedParticipant,
  cohort: CohortFacts,
  reasons: SlippingReason[],
): Promise<boolean> {
  const { db, now, queues } = context;
  // Read and worded before the claim: the claim is what makes the alert once.
  const recipients = await loadSlippingAlertRecipients(db, {
    personId: participant.personId,
    cohortId: participant.cohortId,
    programmeTimeZone: cohort.settings.timeZone,
  });
  const alertedAt = now();
  const messages: NewOutboundMessage[] = recipients.flatMap((recipient) =>
    recipient.channelIdentityId
      ? [
          {
            personId: recipient.id,
            channelIdentityId: recipient.channelIdentityId,
            purpose: 'slipping_alert',
            dedupKey: `slipping-alert:${participant.enrolmentId}:${alertedAt.toISOString()}:${recipient.id}`,
            plannedAt: outsideQuietHours(alertedAt, cohort.settings.quietHours, recipient.timeZone),
            payload: {
              kind: 'text',
              text: slippingAlert(
                {
                  recipient,
                  programme: cohort,
                  participantName: participant.name,
                  cohortName: cohort.name,
                  reasons,
                },
                context,
              ),
            },
            aboutPersonIds: [participant.personId],
          },
        ]
      : [],
  );
  const outbound = await claimSlippingAlert(db, { enrolmentId: participant.enrolmentId, alertedAt }, messages);
  if (outbound === null) return false;
  await queues.deliverOutbound(outbound, now());
  return true;
}
