import type { Database } from '../database.ts';

/** Those of the digests' outbox keys already in the outbox: digests written already. */
export async function findSentDigests(db: Database, dedupKeys: string[]): Promise<Set<string>> {
  const sent = await db.outboundMessage.findMany({
    where: { dedupKey: { in: dedupKeys } },
    select: { dedupKey: true },
  });
  return new Set(sent.flatMap((message) => (message.dedupKey === null ? [] : [message.dedupKey])));
}
