import type { Database } from '../database.ts';
import type { Channel } from '../generated/enums.ts';

/** What a signed-in person sees of themselves on /admin/me. */
export interface OwnProfile {
  displayName: string | null;
  /** Their chats, without the platform's id (a phone number, a chat id): the page has no use for it. */
  channels: { channel: Channel; username: string | null; since: Date }[];
  /** Their join codes that still work, newest first. */
  joinCodes: { code: string; expiresAt: Date | null }[];
}

/** The signed-in person's name, chats and the join codes they made for themselves that still work. */
export async function loadOwnProfile(db: Database, personId: string, now: Date): Promise<OwnProfile> {
  const person = await db.person.findUniqueOrThrow({
    where: { id: personId },
    select: {
      displayName: true,
      identities: { select: { channel: true, username: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
      joinCodes: {
        where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        select: { code: true, expiresAt: true, uses: true, maxUses: true },
        orderBy: { createdAt: 'desc' },
      },
    },
  });
  return {
    displayName: person.displayName,
    channels: person.identities.map((identity) => ({
      channel: identity.channel,
      username: identity.username,
      since: identity.createdAt,
    })),
    joinCodes: person.joinCodes
      .filter((code) => code.uses < code.maxUses)
      .map((code) => ({ code: code.code, expiresAt: code.expiresAt })),
  };
}
