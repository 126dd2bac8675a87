import { randomBytes } from 'node:crypto';
import type { ChatAddress } from '../../conversation/stores/link-store.ts';
import { LINK_CODE_VALID_MS, linkCodeHash, newLinkCode } from '../../domain/link-code.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * A new code for `personId`, asked from the chat `from`: valid LINK_CODE_VALID_MS from `now`, only
 * its hash stored. The person's unused earlier codes go: only the last one given works.
 */
export async function createLinkCode(
  tx: Prisma.TransactionClient,
  request: { personId: string; from: ChatAddress; now: Date },
): Promise<string> {
  const { personId, from, now } = request;
  const identity = await tx.channelIdentity.findUniqueOrThrow({
    where: { channel_platformId: { channel: from.channel, platformId: from.platformId } },
    select: { id: true },
  });
  await tx.linkCode.deleteMany({ where: { personId, usedAt: null } });
  // A clash of two random codes is all but impossible; the unique hash would refuse it, and a new one is drawn.
  for (;;) {
    const code = newLinkCode((size) => randomBytes(size));
    const codeHash = linkCodeHash(code);
    if (await tx.linkCode.findUnique({ where: { codeHash }, select: { id: true } })) continue;
    await tx.linkCode.create({
      data: {
        codeHash,
        personId,
        fromIdentityId: identity.id,
        expiresAt: new Date(now.getTime() + LINK_CODE_VALID_MS),
        createdAt: now,
      },
    });
    return code;
  }
}
