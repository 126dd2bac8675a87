import type { PersonChat } from '../../conversation/stores/link-store.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/** A person's chats, oldest first: platform, username or number, since when, last message. */
export async function listPersonChats(
  db: Prisma.TransactionClient | Database,
  personId: string,
): Promise<PersonChat[]> {
  const identities = await db.channelIdentity.findMany({
    where: { personId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, channel: true, username: true, phoneNumber: true, createdAt: true, lastInboundAt: true },
  });
  return identities.map((identity) => ({
    identityId: identity.id,
    channel: identity.channel,
    username: identity.username,
    phoneNumber: identity.phoneNumber,
    since: identity.createdAt,
    lastMessageAt: identity.lastInboundAt,
  }));
}
