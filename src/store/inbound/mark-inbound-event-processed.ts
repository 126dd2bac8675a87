import type { PersonTransaction } from './lock-person-events.ts';

/** An event handled; `aboutPersonIds`: whom it was about besides its sender (see InboundEvent.aboutPersonIds). */
export async function markInboundEventProcessed(
  tx: PersonTransaction,
  eventId: string,
  now: Date,
  aboutPersonIds: string[],
): Promise<void> {
  await tx.inboundEvent.update({
    where: { id: eventId },
    data: {
      status: 'processed',
      processedAt: now,
      ...(aboutPersonIds.length > 0 && { aboutPersonIds: [...new Set(aboutPersonIds)] }),
    },
  });
}
