import type { Redis } from 'ioredis';

/** Announces at `key` (a worker's) the messages its journal holds, for `ttlMs`; none clears it. */
export async function announceJournaled(redis: Redis, key: string, messageIds: string[], ttlMs: number): Promise<void> {
  if (messageIds.length === 0) {
    await redis.del(key);
    return;
  }
  await redis
    .multi()
    .del(key)
    .sadd(key, ...messageIds)
    .pexpire(key, ttlMs)
    .exec();
}

/** Every message announced at the keys matching `pattern` (every worker's, not expired). */
export async function journaledMessages(redis: Redis, pattern: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 100);
    cursor = next;
    for (const key of keys) for (const id of await redis.smembers(key)) ids.add(id);
  } while (cursor !== '0');
  return ids;
}
