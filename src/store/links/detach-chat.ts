import type { DetachChatResult } from '../../conversation/stores/link-store.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * Detaches one of a person's chats (DÉLIER, or a staff member's unlink): the chat becomes a new
 * person with nothing, as if it had just written for the first time. What it sent and was sent
 * so far stays the person's (their MY DATA and DELETE still cover it); its events still waiting
 * follow the chat, and are named to `onMoved` when it is the chat being handled. A person's last
 * chat is never detached: they would be left unreachable.
 */
export async function detachChat(
  tx: Prisma.TransactionClient,
  request: {
    personId: string;
    identityId: string;
    /** Set when the chat detached is the one whose event is being handled: that event stays the person's. */
    onMoved?: (toPersonId: string, pendingEventIds: string[]) => void;
  },
): Promise<DetachChatResult> {
  const { personId, identityId } = request;
  // Locked: a code typed in the other chat, or a staff member's unlink, waits for this one.
  await tx.$executeRaw`SELECT 1 FROM "Person" WHERE id = ${personId} FOR UPDATE`;
  const person = await tx.person.findUnique({
    where: { id: personId },
    select: { locale: true, identities: { select: { id: true, channel: true } } },
  });
  const identity = person?.identities.find((i) => i.id === identityId);
  if (!person || !identity) return { detached: false, reason: 'not-found' };
  if (person.identities.length < 2) return { detached: false, reason: 'last-chat' };
  // The language is kept: the chat is told, and later answered, in the one it reads.
  const stranger = await tx.person.create({ data: { locale: person.locale }, select: { id: true } });
  await tx.channelIdentity.update({ where: { id: identityId }, data: { personId: stranger.id } });
  const waiting = await tx.inboundEvent.findMany({
    where: { personId, channelIdentityId: identityId, status: 'received' },
    select: { id: true },
    orderBy: { sequence: 'asc' },
  });
  // Events are handled in order: the oldest waiting one of the chat being handled is the DÉLIER itself.
  const pending = request.onMoved ? waiting.slice(1) : waiting;
  if (pending.length > 0) {
    await tx.inboundEvent.updateMany({
      where: { id: { in: pending.map((event) => event.id) } },
      data: { personId: stranger.id },
    });
  }
  request.onMoved?.(
    stranger.id,
    pending.map((event) => event.id),
  );
  return { detached: true, channel: identity.channel, newPersonId: stranger.id };
}
