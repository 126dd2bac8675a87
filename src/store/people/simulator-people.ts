import type { Prisma } from '../generated/client.ts';

/**
 * The people the simulator may act for: those it made, reached on no other channel. A person who
 * also has a Telegram or WhatsApp identity is someone real, whom the simulator's key must not
 * let anyone become.
 */
export const SIMULATOR_ONLY: Prisma.PersonWhereInput = { identities: { every: { channel: 'simulator' } } };

/** Whether the person has a Telegram or WhatsApp identity (see SIMULATOR_ONLY). */
export async function hasPlatformIdentity(db: Prisma.TransactionClient, personId: string): Promise<boolean> {
  return (await db.channelIdentity.count({ where: { personId, channel: { not: 'simulator' } } })) > 0;
}
