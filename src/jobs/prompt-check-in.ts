import { checkInPrompt } from '../conversation/flows/mentoring.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { createCheckIn } from '../store/check-ins/create-check-in.ts';
import { createConversationStore } from '../store/conversation-store.ts';
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
  const result = await createCheckIn(db, { assignmentId, dueAt, moveNextTo, now: now() }, (checkIn, tx) => {
    const mentor = checkIn.mentor;
    const store = createConversationStore(tx, { mediaDir: deps.mediaDir });
    const prompt = checkInPrompt(checkIn.id, checkIn.menteeName ?? '?', {
      person: mentor,
      defaultLanguage: deps.defaultLanguage,
      translate: deps.translate,
      store,
      now,
    });
    return {
      personId: checkIn.mentorId,
      channelIdentityId: checkIn.channelIdentityId,
      purpose: 'check_in',
      dedupKey: `check-in-${checkIn.id}`,
      plannedAt: outsideQuietHours(now(), checkIn.quietHours, mentor.timeZone),
      payload: prompt.payload,
      aboutPersonIds: [checkIn.menteeId],
    };
  });
  if (!result) return null;
  await deps.queues.deliverOutbound(result.outbound, now());
  return result.id;
}
