import { checkInPrompt } from '../conversation/flows/mentoring.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { createConversationStore } from '../store/conversation-store.ts';
import { addOutboundMessages } from '../store/outbox/outbox.ts';
import { personView, preferredIdentity } from '../store/people/person-view.ts';
import type { ReleaseDependencies } from './release-exercise.ts';

/**
 * Asks a mentor how the follow-up with one mentee is going: a CheckIn row due now, and the prompt
 * with its quick choices. A check-in already planned for the same instant is not asked twice.
 * With `moveNextTo`, the assignment's `nextCheckInAt` is moved on from `dueAt` in the same
 * transaction (a conditional update: whoever moves it first prompts), so a crash cannot lose a prompt.
 */
export async function promptCheckIn(
  deps: ReleaseDependencies,
  assignmentId: string,
  dueAt: Date,
  moveNextTo?: Date | null,
): Promise<string | null> {
  const { db, now } = deps;
  const result = await db.$transaction(async (tx) => {
    if (moveNextTo !== undefined) {
      const claimed = await tx.mentorAssignment.updateMany({
        where: { id: assignmentId, nextCheckInAt: dueAt },
        data: { nextCheckInAt: moveNextTo },
      });
      if (claimed.count === 0) return null;
    }
    const assignment = await tx.mentorAssignment.findUniqueOrThrow({
      where: { id: assignmentId },
      include: { mentee: { select: { displayName: true } } },
    });
    const existing = await tx.checkIn.findUnique({ where: { assignmentId_dueAt: { assignmentId, dueAt } } });
    if (existing) return null;
    const checkIn = await tx.checkIn.create({
      data: {
        assignmentId,
        mentorId: assignment.mentorId,
        menteeId: assignment.menteeId,
        dueAt,
        promptedAt: now(),
        status: 'prompted',
      },
    });
    const mentor = await personView(tx, assignment.mentorId);
    const store = createConversationStore(tx, { mediaDir: deps.mediaDir });
    const prompt = checkInPrompt(checkIn.id, assignment.mentee.displayName ?? '?', {
      person: mentor,
      defaultLanguage: deps.defaultLanguage,
      translate: deps.translate,
      store,
      now,
    });
    const identity = await preferredIdentity(tx, assignment.mentorId);
    if (!identity) return { id: checkIn.id, outbound: [] };
    const programme = await tx.cohort.findUniqueOrThrow({
      where: { id: assignment.cohortId },
      select: { programme: { select: { settings: true } } },
    });
    const quietHours = (programme.programme.settings as unknown as ProgrammeSettings).quietHours;
    const outbound = await addOutboundMessages(
      tx,
      [
        {
          personId: assignment.mentorId,
          channelIdentityId: identity,
          purpose: 'check_in',
          dedupKey: `check-in-${checkIn.id}`,
          plannedAt: outsideQuietHours(now(), quietHours, mentor.timeZone),
          payload: prompt.payload,
          aboutPersonIds: [assignment.menteeId],
        },
      ],
      now(),
    );
    return { id: checkIn.id, outbound };
  });
  if (!result) return null;
  await deps.queues.deliverOutbound(result.outbound, now());
  return result.id;
}
