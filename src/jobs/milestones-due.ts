import { z } from 'zod';
import { followUpPrompt } from '../conversation/flows/milestone-follow-up.ts';
import { mentorMilestoneReminder, milestoneReminder } from '../conversation/notices/milestone-reminder.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import {
  claimMilestoneMessage,
  type ClaimedMilestoneMessage,
  type MilestoneRecipient,
} from '../store/action-plans/claim-milestone-message.ts';
import { findDueMilestones, type DueMilestone } from '../store/action-plans/find-due-milestones.ts';
import { stopMilestoneMessages } from '../store/action-plans/stop-milestone-messages.ts';
import type { NewOutboundMessage } from '../store/outbox/outbox.ts';
import { defineJob, type JobContext } from './job-definition.ts';

const BATCH = 500;

/**
 * Every five minutes: the action-plan messages that are due. Before a milestone's date, a reminder
 * to the participant and to each of their current mentors; after it, a follow-up asking the
 * participant where they stand (see milestone-schedule.ts for the local hours). Each is claimed by
 * moving `nextReminderAt` on with a conditional update in the transaction that writes the messages,
 * so it goes once however many workers run. Done milestones, paused or stopped participants,
 * paused cohorts, and people who opted out or were erased get nothing.
 */
export const milestonesDue = defineJob({
  name: 'milestones-due',
  payload: z.object({}),
  repeat: { pattern: '*/5 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, now } = context;
    const due = await findDueMilestones(db, { now: now(), take: BATCH });
    let reminded = 0;
    let followedUp = 0;
    for (const milestone of due) {
      try {
        if (milestone.programme.settings.actionPlan.milestones.length === 0) {
          // The programme was imported again without an action plan: its milestones get no more messages.
          await stopMilestoneMessages(db, milestone);
          continue;
        }
        const sent = await claimMilestoneMessage(db, milestone, now(), (claimed) =>
          milestoneMessages(claimed, milestone, context),
        );
        if (sent.outbound.length > 0) await context.queues.deliverOutbound(sent.outbound, now());
        if (sent.kind === 'reminder') reminded++;
        if (sent.kind === 'follow_up') followedUp++;
      } catch (err) {
        // One milestone that cannot be handled must not hold up the others.
        context.logger.error({ err, milestoneId: milestone.id }, 'could not send a milestone message');
      }
    }
    return { reminded, followedUp };
  },
});

/** The messages of a claimed milestone: the follow-up, or the reminders to the participant and their mentors. */
function milestoneMessages(
  claimed: ClaimedMilestoneMessage,
  due: DueMilestone,
  context: Omit<JobContext, 'job' | 'token'>,
): NewOutboundMessage[] {
  const { now, translate, defaultLanguage } = context;
  const { programme } = due;
  const { milestone, participant } = claimed;
  const messages: NewOutboundMessage[] = [];
  const to = (recipient: MilestoneRecipient, message: Pick<NewOutboundMessage, 'purpose' | 'payload' | 'dedupKey'>) => {
    if (!recipient.channelIdentityId) return;
    // A mentor's message names the participant: it is about them.
    const about = recipient === participant ? {} : { aboutPersonIds: [participant.person.id] };
    messages.push({
      ...message,
      ...about,
      personId: recipient.person.id,
      channelIdentityId: recipient.channelIdentityId,
      plannedAt: outsideQuietHours(now(), programme.settings.quietHours, recipient.person.timeZone),
    });
  };

  if (claimed.kind === 'follow_up') {
    const prompt = followUpPrompt(milestone, { person: participant.person, defaultLanguage, translate });
    to(participant, { purpose: 'follow_up', payload: prompt.payload, dedupKey: `follow-up-${milestone.id}` });
    return messages;
  }
  const dueKey = claimed.dueAt.toISOString();
  const text = milestoneReminder({ recipient: participant.person, programme, milestone }, context);
  to(participant, {
    purpose: 'milestone',
    payload: { kind: 'text', text },
    dedupKey: `milestone-${milestone.id}-${dueKey}-${participant.person.id}`,
  });
  for (const mentor of claimed.mentors) {
    const participantName = participant.person.displayName;
    const mentorText = mentorMilestoneReminder(
      { recipient: mentor.person, programme, participantName, milestone },
      context,
    );
    to(mentor, {
      purpose: 'milestone',
      payload: { kind: 'text', text: mentorText },
      dedupKey: `milestone-${milestone.id}-${dueKey}-${mentor.person.id}`,
    });
  }
  return messages;
}
