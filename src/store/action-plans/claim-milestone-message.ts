import type { PersonView } from '../../conversation/conversation-context.ts';
import { milestoneMessageKind, milestoneTimes, nextMilestoneMessage } from '../../domain/milestone-schedule.ts';
import { milestoneTitles } from '../../domain/milestone-title.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { personView, preferredIdentity } from '../people/person-view.ts';
import type { DueMilestone } from './find-due-milestones.ts';

/** Someone a milestone message goes to, with the channel that reaches them (null: none does). */
export interface MilestoneRecipient {
  person: PersonView;
  channelIdentityId: string | null;
}

/** A milestone message claimed for sending: what to write, and to whom. */
export interface ClaimedMilestoneMessage {
  kind: 'reminder' | 'follow_up';
  /** Its titles in every language are read now: a language changed since the plan was made counts. */
  milestone: { id: string; title: string; titles: LocalizedText; dueOn: string };
  /** When the message was due: part of the reminders' outbox keys. */
  dueAt: Date;
  participant: MilestoneRecipient;
  /** The participant's current mentors, still reachable, for a reminder; none for a follow-up. */
  mentors: MilestoneRecipient[];
}

/**
 * Claims a due milestone's message and writes it, in one transaction: `nextReminderAt` is moved
 * on to the next message (on the participant's local hours) with a conditional update, so it goes
 * once however many workers run, and `compose` words what the claim found. Returns the rows to
 * deliver; `kind` is null when there was nothing to send (claimed elsewhere, done meanwhile, or
 * between two messages).
 */
export async function claimMilestoneMessage(
  db: Database,
  milestone: DueMilestone,
  now: Date,
  compose: (claimed: ClaimedMilestoneMessage) => NewOutboundMessage[],
): Promise<{ kind: ClaimedMilestoneMessage['kind'] | null; outbound: OutboxRow[] }> {
  const { settings } = milestone.programme;
  return db.$transaction(async (tx) => {
    const nothing = { kind: null, outbound: [] };
    const participant = await personView(tx, milestone.personId);
    const times = milestoneTimes(milestone.dueOn, participant.timeZone, settings.actionPlan, settings.quietHours);
    const kind = milestoneMessageKind(times, now);
    const following = kind === 'follow_up' ? null : nextMilestoneMessage(times, now);
    const { count } = await tx.milestone.updateMany({
      where: { id: milestone.id, nextReminderAt: milestone.nextReminderAt, status: { not: 'done' } },
      data: { nextReminderAt: following, ...(kind === 'follow_up' && { followedUpAt: now }) },
    });
    if (count === 0 || kind === 'none') return nothing;
    const claimed: ClaimedMilestoneMessage = {
      kind,
      milestone: {
        id: milestone.id,
        title: milestone.title,
        titles: milestoneTitles(milestone, settings.actionPlan.milestones),
        dueOn: milestone.dueOn,
      },
      dueAt: milestone.nextReminderAt,
      participant: { person: participant, channelIdentityId: await preferredIdentity(tx, milestone.personId) },
      mentors: kind === 'reminder' ? await currentMentors(tx, milestone) : [],
    };
    return { kind, outbound: await addOutboundMessages(tx, compose(claimed), now) };
  });
}

async function currentMentors(
  tx: Prisma.TransactionClient,
  milestone: { personId: string; cohortId: string },
): Promise<MilestoneRecipient[]> {
  const assignments = await tx.mentorAssignment.findMany({
    where: {
      menteeId: milestone.personId,
      cohortId: milestone.cohortId,
      endedAt: null,
      mentor: { optedOutAt: null, erasedAt: null },
    },
    select: { mentorId: true },
  });
  const mentors: MilestoneRecipient[] = [];
  for (const { mentorId } of assignments) {
    mentors.push({ person: await personView(tx, mentorId), channelIdentityId: await preferredIdentity(tx, mentorId) });
  }
  return mentors;
}
