import type { Redis } from 'ioredis';

/** Next free send instant of a channel: max(now, last reserved + interval), kept a while after. */
const RESERVE_SEND_SLOT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local following = at + tonumber(ARGV[1])
-- Written to the µs: tostring keeps 14 digits, which would round a spacing below 1 ms away.
redis.call('SET', KEYS[1], string.format('%.3f', following), 'PX', math.ceil(following - now) + 60000)
return math.ceil(at - now)`;

/**
 * Reserves the next instant to send at `key` (a channel's), `intervalMs` after the one reserved
 * before it, on Redis's clock: how many ms to wait before sending.
 */
export async function reserveSendSlot(redis: Redis, key: string, intervalMs: number): Promise<number> {
  if (intervalMs <= 0) return 0;
  const wait = await redis.eval(RESERVE_SEND_SLOT, 1, key, intervalMs);
  return Math.max(0, Number(wait));
}
