import type { PersonTransaction } from './lock-person-events.ts';

/** An event kept neither read nor answered (its sender was erased): its content goes. */
export async function markInboundEventIgnored(tx: PersonTransaction, eventId: string, now: Date): Promise<void> {
  await tx.inboundEvent.update({ where: { id: eventId }, data: { status: 'ignored', payload: {}, processedAt: now } });
}
