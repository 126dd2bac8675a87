import { createHash } from 'node:crypto';
import type { OutboxRow } from '../store/outbox/outbox.ts';

/** Most messages one delivery job carries: enough to spread a job's cost, few enough to run many side by side. */
const MAX_DELIVERY_BATCH = 50;

/**
 * Messages due at the same instant, up to MAX_DELIVERY_BATCH to a batch, a person's messages never
 * split between batches; a batch of one goes in a job of its own.
 */
export function deliveryBatches(messages: OutboxRow[]): OutboxRow[][] {
  const batches: OutboxRow[][] = [];
  for (const sameInstant of groupBy(messages, (m) => String(m.plannedAt.getTime())).values()) {
    let batch: OutboxRow[] = [];
    for (const person of groupBy(sameInstant, (m) => m.channelIdentityId ?? m.id).values()) {
      if (batch.length > 0 && batch.length + person.length > MAX_DELIVERY_BATCH) {
        batches.push(batch);
        batch = [];
      }
      batch.push(...person);
    }
    batches.push(batch);
  }
  return batches;
}

/** A batch's job id, derived from its messages (and their attempts), so queueing them again adds nothing. */
export function batchJobId(batch: OutboxRow[]): string {
  return `outb-${createHash('sha256')
    .update(batch.map((m) => `${m.id}-${m.attempts}`).join(','))
    .digest('hex')
    .slice(0, 32)}`;
}

/** Items by key, keys in the order first seen, items in the order given. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
