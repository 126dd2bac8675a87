import type { Database } from '../database.ts';

/** The platform says this identity can no longer be written to (blocked the bot, left WhatsApp). */
export async function markIdentityUnreachable(db: Database, channelIdentityId: string, at: Date): Promise<void> {
  await db.channelIdentity.update({ where: { id: channelIdentityId }, data: { unreachableAt: at } });
}
