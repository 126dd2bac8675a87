import type { LinkStore } from '../../conversation/stores/link-store.ts';
import type { Prisma } from '../generated/client.ts';
import { createLinkCode } from '../links/create-link-code.ts';
import { detachChat } from '../links/detach-chat.ts';
import { listPersonChats } from '../links/list-person-chats.ts';
import { useLinkCode } from '../links/use-link-code.ts';

export interface LinkStoreOptions {
  /**
   * Told when the chat being handled changed hands (attached to a code's person, or detached):
   * the replies go to its new person, and its events still waiting are theirs to handle now.
   */
  onChatMoved?: (toPersonId: string, pendingEventIds: string[]) => void;
}

/** Two chats of one person: link codes, attaching and detaching chats. */
export function createLinkStore(tx: Prisma.TransactionClient, options: LinkStoreOptions = {}): LinkStore {
  return {
    mayLinkChats: async (personId) => {
      const person = await tx.person.findUniqueOrThrow({
        where: { id: personId },
        select: { roles: true, _count: { select: { applications: true } } },
      });
      return person.roles.length > 0 || person._count.applications > 0;
    },
    createLinkCode: (personId, from, now) => createLinkCode(tx, { personId, from, now }),
    useLinkCode: (typed, chat, chatPersonId, now) =>
      useLinkCode(tx, {
        typed,
        chat,
        chatPersonId,
        now,
        ...(options.onChatMoved && { onMoved: options.onChatMoved }),
      }),
    personChats: (personId) => listPersonChats(tx, personId),
    detachChat: async (personId, identityId, current) => {
      const identity = await tx.channelIdentity.findUnique({
        where: { channel_platformId: { channel: current.channel, platformId: current.platformId } },
        select: { id: true },
      });
      const isCurrent = identity?.id === identityId;
      return detachChat(tx, {
        personId,
        identityId,
        ...(isCurrent && options.onChatMoved && { onMoved: options.onChatMoved }),
      });
    },
  };
}
