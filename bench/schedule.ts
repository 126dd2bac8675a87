// npm run bench:schedule — plans one exercise release for 10,000 participants across the four hub
// time zones, then releases it and measures how late each message goes out.
//
// Planning computes every participant's release in their own zone (09:00 local, four different
// instants). For the sending part, waiting for real 09:00 in four zones would take hours, so the
// planned instants are moved to the next seconds, one zone every 5 s, as the zones would follow
// each other; what is measured is the gap between a submission's planned instant and the moment
// each of its messages is sent, through the real pipeline (PostgreSQL, Redis, BullMQ).
import { setTimeout as sleep } from 'node:timers/promises';
import { createTranslate } from '../src/i18n.ts';
import { allJobs } from '../src/jobs/all-jobs.ts';
import { JobQueues } from '../src/jobs/job-queues.ts';
import { planSubmissions } from '../src/jobs/plan-submissions.ts';
import { startWorkers } from '../src/jobs/start-workers.ts';
import { createLogger } from '../src/logger.ts';
import { createSimulatorChannel } from '../src/channels/simulator/index.ts';
import { addParticipants, benchDatabase, HUBS } from './support.ts';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 10_000);
const GOAL_PLANNING_S = 10;
const GOAL_LAG_S = 5;

const bench = await benchDatabase();
const { db } = bench;
const prefix = `bench-${randomBytes(3).toString('hex')}`;
const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const queues = new JobQueues({ connection, prefix });
const logger = createLogger({ LOG_LEVEL: 'warn' });
try {
  // One exercise: the first week's.
  await db.exercise.deleteMany({ where: { key: { not: 'semaine-1' } } });
  // The real instants are 09:00 local, outside quiet hours; the moved ones are whenever the bench
  // runs, so quiet hours, which would hold them until morning, are off.
  const programme = await db.programme.findFirstOrThrow();
  await db.programme.update({
    where: { id: programme.id },
    data: { settings: { ...(programme.settings as object), quietHours: null } },
  });
  await addParticipants(db, PARTICIPANTS, 'simulator');
  const context = {
    db,
    logger,
    now: () => new Date(),
    translate: createTranslate({ defaultLanguage: 'fr' }),
    defaultLanguage: 'fr' as const,
    channels: { simulator: createSimulatorChannel({ config: { mediaDir: tmpdir() }, logger }).adapter },
    queues,
    media: { dir: tmpdir(), maxBytes: 1024 * 1024 },
  };

  const planningStarted = performance.now();
  const { planned } = (await planSubmissions.handle({}, context)) as { planned: number };
  const planningSeconds = (performance.now() - planningStarted) / 1000;
  const zones = await db.submission.findMany({
    distinct: ['releaseAt'],
    select: { releaseAt: true },
    orderBy: { releaseAt: 'asc' },
  });

  // Move the four instants to the next seconds, 5 s apart, keeping their order.
  const start = Date.now() + 10_000;
  for (const [index, zone] of zones.entries()) {
    await db.submission.updateMany({
      where: { releaseAt: zone.releaseAt },
      data: { releaseAt: new Date(start + index * 5_000) },
    });
  }
  const workers = await startWorkers(allJobs(), { connection, prefix, context });
  const due = await db.submission.findMany({ select: { id: true, releaseAt: true } });
  await queues.releaseSubmissions(due, new Date());
  const expected = planned * 2; // introduction and first question
  const deadline = Date.now() + 10 * 60_000;
  while ((await db.outboundMessage.count({ where: { status: 'sent' } })) < expected && Date.now() < deadline)
    await sleep(500);
  const [lag] = await db.$queryRaw<{ max: number; p99: number }[]>`
    SELECT max(extract(epoch FROM m."sentAt" - s."releaseAt")) AS max,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM m."sentAt" - s."releaseAt")) AS p99
    FROM "OutboundMessage" m JOIN "Submission" s ON s.id = split_part(m."dedupKey", '-', 2)
    WHERE m.purpose = 'exercise_release'`;
  // Where the gap comes from: releasing (planned instant → outbox) or delivering (outbox → sent).
  const [release] = await db.$queryRaw<{ max: number }[]>`
    SELECT max(extract(epoch FROM m."createdAt" - s."releaseAt")) AS max
    FROM "OutboundMessage" m JOIN "Submission" s ON s.id = split_part(m."dedupKey", '-', 2)
    WHERE m.purpose = 'exercise_release'`;
  const sent = await db.outboundMessage.count({ where: { status: 'sent' } });
  // Stop the workers first, so that no job finishes on a queue being emptied.
  await Promise.all(workers.workers.map((worker) => worker.close(true)));
  await Promise.all(workers.queues.map((queue) => queue.obliterate({ force: true })));
  await workers.close();

  console.log(
    `\n${PARTICIPANTS} participants in ${HUBS.length} time zones (${zones.length} distinct release instants)`,
  );
  console.log(
    `planning: ${planned} submissions in ${planningSeconds.toFixed(2)} s (goal < ${GOAL_PLANNING_S} s): ${planningSeconds < GOAL_PLANNING_S ? 'met' : 'NOT met'}`,
  );
  console.log(`sent: ${sent} of ${expected} release messages`);
  console.log(
    `released (messages written to the outbox): at most ${Number(release?.max ?? NaN).toFixed(2)} s after the planned instant`,
  );
  console.log(
    `gap between planned instant and send: max ${Number(lag?.max ?? NaN).toFixed(2)} s, p99 ${Number(lag?.p99 ?? NaN).toFixed(2)} s (goal: every message within ${GOAL_LAG_S} s): ${lag?.max != null && Number(lag.max) <= GOAL_LAG_S && sent === expected ? 'met' : 'NOT met'}`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await queues.close();
  await bench.drop();
  process.exit(process.exitCode ?? 0);
}
