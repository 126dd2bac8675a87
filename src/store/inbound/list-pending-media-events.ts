import type { ChannelName, InboundEvent } from '../../domain/inbound-event.ts';
import type { Database } from '../database.ts';

/** A person's pending events that carry a file still to fetch. */
export async function listPendingMediaEvents(
  db: Database,
  personId: string,
): Promise<{ id: string; channel: ChannelName; payload: Extract<InboundEvent, { kind: 'media' }> }[]> {
  const events = await db.inboundEvent.findMany({
    where: { personId, status: 'received', payload: { path: ['kind'], equals: 'media' } },
    select: { id: true, channel: true, payload: true },
  });
  return events.map((event) => ({
    ...event,
    payload: event.payload as unknown as Extract<InboundEvent, { kind: 'media' }>,
  }));
}
