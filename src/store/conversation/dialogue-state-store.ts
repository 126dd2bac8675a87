import type { DialogueStateStore, FlowState } from '../../conversation/stores/dialogue-state-store.ts';
import type { Prisma } from '../generated/client.ts';

/** The person's dialogue state, one row per person. */
export function createDialogueStateStore(tx: Prisma.TransactionClient): DialogueStateStore {
  return {
    getState: async (personId) => {
      const row = await tx.conversationState.findUnique({ where: { personId } });
      return row ? { flow: row.flow, step: row.step, data: row.data as Record<string, unknown> } : null;
    },
    setState: async (personId, state: FlowState) => {
      const data = state.data as Prisma.InputJsonValue;
      await tx.conversationState.upsert({
        where: { personId },
        create: { personId, flow: state.flow, step: state.step, data },
        update: { flow: state.flow, step: state.step, data },
      });
    },
    clearState: async (personId) => {
      await tx.conversationState.deleteMany({ where: { personId } });
    },
  };
}
