import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { JobQueues } from '../../src/jobs/job-queues.ts';
import { REDIS_URL, redisConnection, uniquePrefix } from '../support/redis.ts';

/** The instants a channel's sends are spaced to, shared by every worker through Redis. */
describe('send slots of a rate-limited channel', () => {
  const prefix = uniquePrefix();
  const queues = new JobQueues({ connection: redisConnection(), prefix });
  const redis = new Redis(REDIS_URL);
  /** The next free instant of the channel, as Redis holds it (ms). */
  const nextFree = async () => Number(await redis.get(`${prefix}:deliver-whatsapp:send-slot`));

  afterAll(async () => {
    redis.disconnect();
    await queues.close();
  });

  it('spaces sends by the interval, also when it is a fraction of a millisecond', async () => {
    // A backlog: the channel is booked until 10 s from now, so every slot follows the one before.
    // Now as Redis tells it: slots are kept on its clock, shared by every worker, not on this process's.
    const [seconds, microseconds] = await redis.time();
    const booked = Number(seconds) * 1000 + Math.floor(Number(microseconds) / 1000) + 10_000;
    await redis.set(`${prefix}:deliver-whatsapp:send-slot`, String(booked), 'PX', 60_000);
    // 3,000 messages/s: a slot every 0.343 ms. 600 slots end 600 intervals later; an instant
    // rounded to 0.1 ms would lose 0.043 ms a slot (12%).
    const interval = (1000 / 3000) * 1.03;
    const waits = await Promise.all(Array.from({ length: 600 }, () => queues.reserveSendSlot('whatsapp', interval)));
    expect(Math.min(...waits)).toBeGreaterThan(9_000);
    expect((await nextFree()) - booked).toBeCloseTo(600 * interval, 0);
  });

  it('gives a lone send its slot at once', async () => {
    expect(await queues.reserveSendSlot('telegram', 34)).toBe(0);
  });
});
