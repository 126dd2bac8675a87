import type { Database } from '../database.ts';
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

/** The simulator's people, oldest first. */
export async function listSimulatorPeople(db: Database) {
  const identities = await db.channelIdentity.findMany({
    where: { channel: 'simulator', person: SIMULATOR_ONLY },
    orderBy: { createdAt: 'asc' },
    select: {
      platformId: true,
      username: true,
      person: { select: { id: true, displayName: true, roles: true, hub: { select: { key: true } } } },
    },
  });
  return identities.map(({ platformId, username, person }) => ({
    id: platformId,
    personId: person.id,
    name: person.displayName ?? username,
    roles: person.roles,
    hub: person.hub?.key ?? null,
  }));
}

/** A simulator identity by its id, and whether the simulator may act for its person. */
export async function findSimulatorPerson(db: Database, platformId: string) {
  const identity = await db.channelIdentity.findUnique({
    where: { channel_platformId: { channel: 'simulator', platformId } },
    select: { id: true, username: true, person: { select: { id: true, displayName: true } } },
  });
  if (!identity) return { status: 'missing' as const };
  if (await hasPlatformIdentity(db, identity.person.id)) return { status: 'elsewhere' as const };
  return { status: 'ok' as const, identity };
}

/** An erased simulator session's identity: it lost its id, but the erasure's confirmation still names it, for the page to show. */
export async function erasedSessionIdentity(db: Database, person: string): Promise<{ id: string } | null> {
  const confirmation = await db.outboundMessage.findFirst({
    where: { channel: 'simulator', address: { path: ['platformId'], equals: person } },
    select: { channelIdentityId: true },
  });
  return confirmation && { id: confirmation.channelIdentityId };
}
