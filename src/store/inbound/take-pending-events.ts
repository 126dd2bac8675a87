import type { ChannelName, InboundEvent } from '../../domain/inbound-event.ts';
import type { PersonTransaction } from './lock-person-events.ts';

/** A recorded event waiting to be handled. */
interface PendingEvent {
  id: string;
  payload: InboundEvent;
  channelIdentityId: string | null;
  channel: ChannelName;
  platformEventId: string;
}

/** A person's events still to handle, in the order they were sent (call under their lock). */
export async function takePendingEvents(tx: PersonTransaction, personId: string): Promise<PendingEvent[]> {
  const events = await tx.inboundEvent.findMany({
    where: { personId, status: 'received' },
    orderBy: [{ sentAt: 'asc' }, { sequence: 'asc' }],
    select: { id: true, payload: true, channelIdentityId: true, channel: true, platformEventId: true },
  });
  return events.map((event) => ({ ...event, payload: event.payload as unknown as InboundEvent }));
}
