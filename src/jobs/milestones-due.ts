import { z } from 'zod';
import { followUpPrompt } from '../conversation/flows/milestone-follow-up.ts';
import {
  formatDueOn,
  milestoneMessageKind,
  milestoneTimes,
  nextMilestoneMessage,
} from '../domain/milestone-schedule.ts';
import { milestoneTitleIn, milestoneTitles } from '../domain/milestone-title.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import type { Prisma } from '../store/generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage } from '../store/outbox/outbox.ts';
import { personView, preferredIdentity } from '../store/people/person-view.ts';
import { defineJob, type JobContext } from './job-definition.ts';
import { FOLLOWED_STATUSES } from '../domain/followed-statuses.ts';

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
    const due = await db.milestone.findMany({
      where: {
        status: { not: 'done' },
        nextReminderAt: { lte: now() },
        actionPlan: {
          enrolment: {
            status: { in: [...FOLLOWED_STATUSES] },
            cohort: { pausedAt: null },
            person: { optedOutAt: null, erasedAt: null },
          },
        },
      },
      include: {
        actionPlan: {
          select: {
            enrolment: {
              select: {
                personId: true,
                cohortId: true,
                cohort: { select: { programme: { select: { settings: true } } } },
              },
            },
          },
        },
      },
      orderBy: { nextReminderAt: 'asc' },
      take: BATCH,
    });
    let reminded = 0;
    let followedUp = 0;
    for (const milestone of due) {
      try {
        const sent = await db.$transaction((tx) => claimAndWrite(tx, milestone, context));
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

type DueMilestone = Prisma.MilestoneGetPayload<{
  include: {
    actionPlan: {
      select: {
        enrolment: {
          select: { personId: true; cohortId: true; cohort: { select: { programme: { select: { settings: true } } } } };
        };
      };
    };
  };
}>;

async function claimAndWrite(
  tx: Prisma.TransactionClient,
  milestone: DueMilestone,
  context: Omit<JobContext, 'job' | 'token'>,
) {
  const { now, translate, defaultLanguage } = context;
  const nothing = { kind: null, outbound: [] };
  const { personId, cohortId } = milestone.actionPlan.enrolment;
  const settings = milestone.actionPlan.enrolment.cohort.programme.settings as unknown as ProgrammeSettings;
  if (!settings.actionPlan) {
    // The programme was imported again without an action plan: its milestones get no more messages.
    await tx.milestone.updateMany({
      where: { id: milestone.id, nextReminderAt: milestone.nextReminderAt },
      data: { nextReminderAt: null },
    });
    return nothing;
  }
  const participant = await personView(tx, personId);
  const dueOn = milestone.dueOn.toISOString().slice(0, 10);
  // Each reader gets the programme's title in their own language (read at sending time: a language changed since counts).
  const titled = { title: milestone.title, titles: milestoneTitles(milestone, settings.actionPlan.milestones) };
  const times = milestoneTimes(dueOn, participant.timeZone, settings.actionPlan, settings.quietHours);
  const kind = milestoneMessageKind(times, now());
  const following = kind === 'follow_up' ? null : nextMilestoneMessage(times, now());
  const { count } = await tx.milestone.updateMany({
    where: { id: milestone.id, nextReminderAt: milestone.nextReminderAt, status: { not: 'done' } },
    data: { nextReminderAt: following, ...(kind === 'follow_up' && { followedUpAt: now() }) },
  });
  if (count === 0 || kind === 'none') return nothing;

  const dueKey = milestone.nextReminderAt!.toISOString();
  const messages: NewOutboundMessage[] = [];
  const to = async (
    recipientId: string,
    timeZone: string,
    message: Pick<NewOutboundMessage, 'purpose' | 'payload' | 'dedupKey'>,
  ) => {
    const identity = await preferredIdentity(tx, recipientId);
    // A mentor's message names the participant: it is about them.
    const about = recipientId === personId ? {} : { aboutPersonIds: [personId] };
    if (identity)
      messages.push({
        ...message,
        ...about,
        personId: recipientId,
        channelIdentityId: identity,
        plannedAt: outsideQuietHours(now(), settings.quietHours, timeZone),
      });
  };

  if (kind === 'follow_up') {
    const prompt = followUpPrompt(
      { id: milestone.id, ...titled, dueOn },
      { person: participant, defaultLanguage, translate },
    );
    await to(personId, participant.timeZone, {
      purpose: 'follow_up',
      payload: prompt.payload,
      dedupKey: `follow-up-${milestone.id}`,
    });
  } else {
    const language = participant.locale ?? defaultLanguage;
    const text = translate(language, 'action-plan:reminder', {
      title: milestoneTitleIn(titled, language),
      date: formatDueOn(dueOn, language),
    });
    await to(personId, participant.timeZone, {
      purpose: 'milestone',
      payload: { kind: 'text', text },
      dedupKey: `milestone-${milestone.id}-${dueKey}-${personId}`,
    });
    const assignments = await tx.mentorAssignment.findMany({
      where: { menteeId: personId, cohortId, endedAt: null, mentor: { optedOutAt: null, erasedAt: null } },
      select: { mentorId: true },
    });
    for (const { mentorId } of assignments) {
      const mentor = await personView(tx, mentorId);
      const mentorLanguage = mentor.locale ?? defaultLanguage;
      const values = {
        name: participant.displayName ?? '?',
        title: milestoneTitleIn(titled, mentorLanguage),
        date: formatDueOn(dueOn, mentorLanguage),
      };
      const mentorText = translate(mentorLanguage, 'action-plan:mentor_reminder', values);
      await to(mentorId, mentor.timeZone, {
        purpose: 'milestone',
        payload: { kind: 'text', text: mentorText },
        dedupKey: `milestone-${milestone.id}-${dueKey}-${mentorId}`,
      });
    }
  }
  return { kind, outbound: await addOutboundMessages(tx, messages, now()) };
}
