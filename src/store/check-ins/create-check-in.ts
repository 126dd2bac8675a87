import type { PersonView } from '../../conversation/conversation-context.ts';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { personView, preferredIdentity } from '../people/person-view.ts';

/** A check-in just created, with what its prompt to the mentor needs. */
interface NewCheckIn {
  id: string;
  mentorId: string;
  menteeId: string;
  menteeName: string | null;
  mentor: PersonView;
  /** The channel that reaches the mentor. */
  channelIdentityId: string;
  quietHours: ProgrammeSettings['quietHours'];
}

/**
 * Creates the check-in of one assignment due at `dueAt`, and writes its prompt to the mentor
 * (worded by `compose`, in the same transaction), unless a check-in is already there for that
 * instant. With `moveNextTo`, the assignment's `nextCheckInAt` is first moved on from `dueAt` with
 * a conditional update (whoever moves it first prompts), so a crash cannot lose a prompt. Returns
 * the check-in's id and the rows to deliver (none when no channel reaches the mentor), or null
 * when there was nothing to create.
 */
export async function createCheckIn(
  db: Database,
  request: { assignmentId: string; dueAt: Date; moveNextTo?: Date | null; now: Date },
  compose: (checkIn: NewCheckIn, tx: Prisma.TransactionClient) => NewOutboundMessage,
): Promise<{ id: string; outbound: OutboxRow[] } | null> {
  const { assignmentId, dueAt, moveNextTo, now } = request;
  return db.$transaction(async (tx) => {
    if (moveNextTo !== undefined) {
      const claimed = await tx.mentorAssignment.updateMany({
        where: { id: assignmentId, nextCheckInAt: dueAt },
        data: { nextCheckInAt: moveNextTo },
      });
      if (claimed.count === 0) return null;
    }
    const assignment = await tx.mentorAssignment.findUniqueOrThrow({
      where: { id: assignmentId },
      include: {
        mentee: { select: { displayName: true } },
        cohort: { select: { programme: { select: { settings: true } } } },
      },
    });
    const existing = await tx.checkIn.findUnique({ where: { assignmentId_dueAt: { assignmentId, dueAt } } });
    if (existing) return null;
    const checkIn = await tx.checkIn.create({
      data: {
        assignmentId,
        mentorId: assignment.mentorId,
        menteeId: assignment.menteeId,
        dueAt,
        promptedAt: now,
        status: 'prompted',
      },
    });
    const identity = await preferredIdentity(tx, assignment.mentorId);
    if (!identity) return { id: checkIn.id, outbound: [] };
    const prompt = compose(
      {
        id: checkIn.id,
        mentorId: assignment.mentorId,
        menteeId: assignment.menteeId,
        menteeName: assignment.mentee.displayName,
        mentor: await personView(tx, assignment.mentorId),
        channelIdentityId: identity,
        quietHours: parseProgrammeSettings(assignment.cohort.programme.settings).quietHours,
      },
      tx,
    );
    return { id: checkIn.id, outbound: await addOutboundMessages(tx, [prompt], now) };
  });
}
