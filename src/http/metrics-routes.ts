import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobQueues } from '../jobs/job-queues.ts';
import type { Database } from '../store/database.ts';
import { countHelpConversations, median } from '../store/metrics/count-help-conversations.ts';
import { countInboundEvents } from '../store/metrics/count-inbound-events.ts';
import { countOutboundMessages } from '../store/metrics/count-outbound-messages.ts';
import { countRejectedInboundEvents } from '../store/metrics/count-rejected-inbound-events.ts';
import { countSessionAttendance } from '../store/metrics/count-session-attendance.ts';
import { countSessionRsvps } from '../store/metrics/count-session-rsvps.ts';
import { measureDeliveryLag } from '../store/metrics/measure-delivery-lag.ts';

/** Window over which delivery lag is measured. */
const LAG_WINDOW_MINUTES = 15;

/**
 * `GET /metrics` in Prometheus text format. Work happens in several processes (web, workers), so
 * the figures are read at scrape time from where every process writes: PostgreSQL (events and
 * messages by status, delivery lag) and Redis (queue depths, rate-limit and failure counts).
 * With a `token` (METRICS_TOKEN), only a request with `Authorization: Bearer <token>` is answered;
 * any other gets 401.
 */
export function registerMetricsRoutes(
  app: FastifyInstance,
  deps: { db: Database; queues: JobQueues; token?: string | undefined },
): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'compagnon_process_' });
  const { db, queues } = deps;

  new Gauge({
    name: 'compagnon_inbound_events',
    help: 'Inbound events recorded, by channel and status',
    labelNames: ['channel', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await countInboundEvents(db)) this.set({ channel: row.channel, status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'compagnon_inbound_rejected_events',
    help: 'Inbound events PostgreSQL refused for what they hold, set aside in RejectedInboundEvent, by channel',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await countRejectedInboundEvents(db)) this.set({ channel: row.channel }, row.count);
    },
  });
  new Gauge({
    name: 'compagnon_outbound_messages',
    help: 'Outbox messages, by channel and status',
    labelNames: ['channel', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await countOutboundMessages(db))
        this.set({ channel: row.channel, status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'compagnon_queue_jobs',
    help: 'Jobs in each queue, by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await queues.depths()) this.set({ queue: row.queue, state: row.state }, row.count);
    },
  });
  new Gauge({
    name: 'compagnon_delivery_lag_seconds',
    help: `Time from a message's planned instant to its sending, over the last ${LAG_WINDOW_MINUTES} minutes`,
    labelNames: ['channel', 'quantile'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await measureDeliveryLag(db, LAG_WINDOW_MINUTES);
      for (const row of rows) {
        if (row.p50 !== null) this.set({ channel: row.channel, quantile: '0.5' }, row.p50);
        if (row.p99 !== null) this.set({ channel: row.channel, quantile: '0.99' }, row.p99);
      }
    },
  });
  new Gauge({
    name: 'compagnon_session_rsvps',
    help: 'Session invitations, by answer (yes: holding a seat; waitlisted: waiting for one; none: not answered yet)',
    labelNames: ['answer'],
    registers: [registry],
    async collect() {
      this.reset();
      // Every answer appears, at 0 before anyone gives it, so that a rate over it starts from the beginning.
      for (const answer of ['yes', 'waitlisted', 'maybe', 'no', 'none']) this.set({ answer }, 0);
      for (const row of await countSessionRsvps(db)) this.set({ answer: row.answer }, row.count);
    },
  });
  new Gauge({
    name: 'compagnon_session_attendance',
    help: 'People who attended a session, by how it was recorded (code in chat, roll call on the dashboard)',
    labelNames: ['by'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const by of ['code', 'roll_call']) this.set({ by }, 0);
      for (const row of await countSessionAttendance(db)) this.set({ by: row.by }, row.count);
    },
  });
  // Help desk: counts and response times per hub (its key), never who asked or what. The first of
  // its gauges reads them once per scrape; the others, collected after it, use that reading.
  let helpDeskReading: ReturnType<typeof countHelpConversations> | null = null;
  const helpDeskCounts = () => helpDeskReading ?? countHelpConversations(db);
  new Gauge({
    name: 'compagnon_help_conversations',
    help: 'Help-desk conversations, by status (open: the team owes an answer; waiting: for the person; closed) and hub',
    labelNames: ['status', 'hub'],
    registers: [registry],
    async collect() {
      this.reset();
      helpDeskReading = countHelpConversations(db);
      for (const hub of await helpDeskReading)
        for (const [status, count] of Object.entries(hub.counts)) this.set({ status, hub: hub.hubKey }, count);
    },
  });
  new Gauge({
    name: 'compagnon_help_first_answer_seconds',
    help: "Time from a person's question to the team's first answer, by hub: median (quantile 0.5), _sum and _count",
    labelNames: ['hub', 'quantile'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const hub of await helpDeskCounts()) {
        const middle = median(hub.firstAnswerSeconds);
        if (middle !== null) this.set({ hub: hub.hubKey, quantile: '0.5' }, middle);
      }
    },
  });
  for (const [suffix, measure] of [
    ['sum', (seconds: number[]) => seconds.reduce((total, s) => total + s, 0)],
    ['count', (seconds: number[]) => seconds.length],
  ] as const) {
    new Gauge({
      name: `compagnon_help_first_answer_seconds_${suffix}`,
      help: `Time to the team's first answer of help-desk conversations, by hub: ${suffix}`,
      labelNames: ['hub'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const hub of await helpDeskCounts()) this.set({ hub: hub.hubKey }, measure(hub.firstAnswerSeconds));
      },
    });
  }
  for (const [event, help] of [
    ['rate_limited', 'Sends refused by a platform with "too many requests" (429)'],
    ['failed', 'Messages given up on'],
  ] as const) {
    new Gauge({
      name: `compagnon_delivery_${event}_total`,
      help,
      labelNames: ['channel'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await queues.counters())
          if (row.event === event) this.set({ channel: row.channel }, row.value);
      },
    });
  }

  const expected = deps.token === undefined ? null : digest(deps.token);
  app.get('/metrics', async (request, reply) => {
    if (expected && !bearerMatches(request, expected)) {
      request.log.info({ ip: request.ip }, 'metrics refused: missing or wrong bearer token');
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'a bearer token is required (METRICS_TOKEN)' });
    }
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
}

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function bearerMatches(request: FastifyRequest, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}

/** Hashing first gives equal-length buffers, so the comparison leaks not even the token's length. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
