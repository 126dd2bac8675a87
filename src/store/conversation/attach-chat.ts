import type { AttachChatResult } from '../../conversation/stores/joining-store.ts';
import type { ChannelName } from '../../domain/inbound-event.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * Moves a chat to the person a join code was made for (see JoiningStore.attachChat). What the chat
 * sent and was sent moves with it; the events still waiting are named to `onMoved`, to be handled
 * as the person they now belong to.
 */
export async function attachChat(
  tx: Prisma.TransactionClient,
  request: {
    invite: { id: string; personId: string };
    fromPersonId: string;
    sender: { channel: ChannelName; platformId: string };
    onMoved?: (toPersonId: string, pendingEventIds: string[]) => void;
  },
): Promise<AttachChatResult> {
  const { invite, fromPersonId, sender } = request;
  const from = await tx.person.findUniqueOrThrow({
    where: { id: fromPersonId },
    select: {
      roles: true,
      _count: {
        select: { enrolments: true, consents: true, mediaFiles: true, helpConversations: true, identities: true },
      },
    },
  });
  const counts = from._count;
  const holdsData =
    from.roles.length > 0 ||
    counts.enrolments + counts.consents + counts.mediaFiles + counts.helpConversations > 0 ||
    counts.identities > 1;
  if (holdsData) return { attached: false, reason: 'has-data' };
  const target = await tx.person.findUniqueOrThrow({
    where: { id: invite.personId },
    select: { erasedAt: true, optedOutAt: true },
  });
  // Someone erased, or who asked for nothing more, is not given a chat back by an old code.
  if (target.erasedAt || target.optedOutAt) return { attached: false, reason: 'used-up' };
  // Conditional use: the same code sent twice at once attaches the chat once.
  const used =
    await tx.$executeRaw`UPDATE "InviteCode" SET uses = uses + 1 WHERE id = ${invite.id} AND uses < "maxUses" AND "revokedAt" IS NULL`;
  if (used === 0) return { attached: false, reason: 'used-up' };
  const identity = await tx.channelIdentity.update({
    where: { channel_platformId: { channel: sender.channel, platformId: sender.platformId } },
    data: { personId: invite.personId },
    select: { id: true },
  });
  await tx.inboundEvent.updateMany({ where: { personId: fromPersonId }, data: { personId: invite.personId } });
  await tx.outboundMessage.updateMany({
    where: { personId: fromPersonId, channelIdentityId: identity.id },
    data: { personId: invite.personId },
  });
  const pending = await tx.inboundEvent.findMany({
    where: { personId: invite.personId, channelIdentityId: identity.id, status: 'received' },
    select: { id: true },
    orderBy: { sequence: 'asc' },
  });
  await tx.conversationState.deleteMany({ where: { personId: fromPersonId } });
  await tx.person.delete({ where: { id: fromPersonId } });
  const to = await tx.person.findUniqueOrThrow({
    where: { id: invite.personId },
    select: { displayName: true, locale: true, dashboardLocale: true },
  });
  // A chat given access to someone's dashboard account is worth a trace: who, which platform.
  await recordStaffAction(tx, {
    actorId: invite.personId,
    action: 'person.attach_chat',
    entity: 'Person',
    entityId: invite.personId,
    details: { channel: sender.channel },
  });
  request.onMoved?.(
    invite.personId,
    pending.map((event) => event.id),
  );
  return { attached: true, name: to.displayName, locale: to.locale, dashboardLocale: to.dashboardLocale };
}
