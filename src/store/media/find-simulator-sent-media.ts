import type { Database } from '../database.ts';

/** Statuses of a message the person has (the page shows only these). */
const DELIVERED = ['sent', 'delivered', 'read'] as const;

/**
 * The file an outbox message sent to this simulator identity carries; null unless the message
 * went to that very identity, was delivered, and is a `media` message whose file still exists.
 * The simulator serves files by this rule only, so one simulated person never sees another's.
 */
export async function findSimulatorSentMedia(
  db: Database,
  channelIdentityId: string,
  outboundMessageId: string,
): Promise<{ id: string; path: string; mimeType: string } | null> {
  const message = await db.outboundMessage.findFirst({
    where: { id: outboundMessageId, channelIdentityId, channel: 'simulator', status: { in: [...DELIVERED] } },
    select: { payload: true },
  });
  const payload = message?.payload as { kind?: unknown; mediaFileId?: unknown } | null | undefined;
  if (payload?.kind !== 'media' || typeof payload.mediaFileId !== 'string') return null;
  return db.mediaFile.findUnique({
    where: { id: payload.mediaFileId },
    select: { id: true, path: true, mimeType: true },
  });
}
