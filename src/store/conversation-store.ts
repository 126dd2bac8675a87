import type { ConversationStore } from '../conversation/conversation-context.ts';
import type { Prisma } from './generated/client.ts';

/** The conversation's changes, written in the transaction that handles the event. */
export function createConversationStore(tx: Prisma.TransactionClient): ConversationStore {
  return {
    setLocale: async (personId, locale) => {
      await tx.person.update({ where: { id: personId }, data: { locale } });
    },
  };
}
