import type { FlowState } from '../../conversation/conversation-context.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import type { ReleaseTransaction } from './release-transaction.ts';

/**
 * Writes what releasing left: the conversation states, in one statement in the order of their
 * key (no deadlock with another batch), then the messages to the outbox. Returns the rows to deliver.
 */
export async function writeReleaseMessages(
  tx: ReleaseTransaction,
  states: Map<string, FlowState>,
  messages: NewOutboundMessage[],
  now: Date,
): Promise<OutboxRow[]> {
  if (states.size > 0) {
    const rows = [...states].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    await tx.$executeRaw`
    INSERT INTO "ConversationState" ("personId", flow, step, data, "updatedAt")
    SELECT person_id, flow, step, data, ${now} FROM unnest(${rows.map(([id]) => id)}::text[], ${rows.map(([, s]) => s.flow)}::text[],
      ${rows.map(([, s]) => s.step)}::text[], ${rows.map(([, s]) => JSON.stringify(s.data))}::jsonb[]) AS s(person_id, flow, step, data)
    ON CONFLICT ("personId") DO UPDATE SET flow = excluded.flow, step = excluded.step, data = excluded.data, "updatedAt" = excluded."updatedAt"`;
  }
  return addOutboundMessages(tx, messages, now);
}
