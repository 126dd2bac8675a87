import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { APP_SECRET } from '../channels/whatsapp/support/channel.ts';
import type { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { metaJson, signAsMeta } from '../channels/whatsapp/support/meta-json.ts';
import { messagesFrom, textFrom } from '../channels/whatsapp/support/meta-payloads.ts';
import { waitFor } from './processes.ts';
import type { ResilienceApp } from './resilience-app.ts';

/** `count` participants of the sample cohort, each with a simulator identity. */
export async function createParticipants(db: Database, count: number): Promise<void> {
  const cohort = await db.cohort.findFirstOrThrow();
  const people = Array.from({ length: count }, (_, i) => ({
    id: `resilience-person-${i}`,
    platformId: `sim-resilience-${i}`,
  }));
  await db.person.createMany({ data: people.map((p) => ({ id: p.id, locale: 'fr', roles: ['participant'] })) });
  await db.channelIdentity.createMany({
    data: people.map((p) => ({ personId: p.id, channel: 'simulator', platformId: p.platformId })),
  });
  await db.enrolment.createMany({
    data: people.map((p) => ({ personId: p.id, cohortId: cohort.id, role: 'participant' })),
  });
}

/** A broadcast to everyone, due now, queued as staff would queue it; returns its id. */
export async function broadcastTo(t: ResilienceApp, db: Database, text: string): Promise<string> {
  const programme = await db.programme.findFirstOrThrow();
  const segment = await db.segment.create({ data: { programmeId: programme.id, filter: {} } });
  const row = await db.broadcast.create({
    data: {
      programmeId: programme.id,
      segmentId: segment.id,
      texts: { fr: text, en: text },
      status: 'scheduled',
      scheduledAt: t.now(),
    },
  });
  await t.queues.fanOutBroadcasts([row.id], t.now());
  return row.id;
}

interface Sent {
  id: string;
  from: string;
}

/**
 * People writing on WhatsApp all the time, one signed webhook per message, as Meta posts them.
 * A message refused (5xx) is posted again later, as Meta retries, until it is acknowledged.
 */
export class InboundTraffic {
  /** Messages acknowledged with 200, in order. */
  readonly acknowledged: Sent[] = [];
  /** The status of every refused delivery. */
  readonly refused: number[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { senders: number; prefix: string },
  ) {}

  /** WhatsApp numbers of the senders. */
  get senders(): string[] {
    return Array.from({ length: this.options.senders }, (_, i) => String(2250900000000 + i));
  }

  start(): void {
    this.running = true;
    this.loops = this.senders.map((from) => this.write(from));
  }

  /** Stops writing once every message is acknowledged. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async write(from: string): Promise<void> {
    for (let n = 0; this.running; n += 1) {
      const id = `wamid.${this.options.prefix}-${from}-${n}`;
      const body = metaJson(
        messagesFrom(
          { wa_id: from, name: `Personne ${from.slice(-2)}` },
          textFrom({ wa_id: from, name: '' }, id, `Bonjour ${n}`, String(Math.floor(Date.now() / 1000))),
        ),
      );
      for (;;) {
        const response = await this.app.inject({
          method: 'POST',
          url: '/webhooks/whatsapp',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(body, APP_SECRET) },
          payload: body,
        });
        if (response.statusCode === 200) break;
        this.refused.push(response.statusCode);
        await pause(500);
      }
      this.acknowledged.push({ id, from });
      await pause(100);
    }
  }
}

/** Waits until everything recorded is handled and everything written is sent (or given up). */
export async function settled(db: Database, inbound: InboundTraffic, timeoutMs: number): Promise<void> {
  const ids = inbound.acknowledged.map((sent) => sent.id);
  await waitFor(
    async () => {
      const handled = await db.inboundEvent.count({
        where: { platformEventId: { in: ids }, status: { not: 'received' } },
      });
      const pending = await db.inboundEvent.count({ where: { status: 'received' } });
      const stuck = await db.outboundMessage.findMany({
        where: { status: { in: ['queued', 'sending'] } },
        select: { id: true, status: true, channel: true, attempts: true, lastError: true, claimedBy: true },
      });
      const broadcasts = await db.broadcast.count({ where: { status: { not: 'sent' } } });
      if (handled === ids.length && pending === 0 && stuck.length === 0 && broadcasts === 0) return true;
      // Thrown, not returned: the last state is what a timeout reports.
      throw new Error(
        `${handled}/${ids.length} handled, ${pending} events received, ${stuck.length} messages queued or sending, ${broadcasts} broadcasts not sent; e.g. ${JSON.stringify(stuck.slice(0, 3))}`,
      );
    },
    timeoutMs,
    'everything handled and sent',
  );
}

/**
 * Every acknowledged message recorded once and handled; every outbox message sent, each exactly
 * once: as many sends as messages, each message holding the id of a distinct send.
 */
export async function expectEachSentOnce(
  db: Database,
  t: ResilienceApp,
  graph: GraphStandIn,
  inbound: InboundTraffic,
): Promise<void> {
  const events = await db.inboundEvent.findMany({
    where: { channel: 'whatsapp' },
    select: { platformEventId: true, status: true },
  });
  expect(events.map((e) => e.platformEventId).sort()).toEqual(inbound.acknowledged.map((sent) => sent.id).sort());
  expect(events.filter((e) => e.status !== 'processed')).toEqual([]);

  // Sent even when PostgreSQL was away at the moment of recording it: the job keeps the send and records it later.
  const notSent = await db.outboundMessage.findMany({
    where: { status: { not: 'sent' } },
    select: { id: true, status: true, lastError: true },
  });
  expect(notSent).toEqual([]);

  const simulatorRows = await db.outboundMessage.findMany({
    where: { channel: 'simulator', status: 'sent' },
    select: { platformMessageId: true },
  });
  const simulatorIds = simulatorRows.map((row) => row.platformMessageId);
  expect(t.sends).toHaveLength(simulatorIds.length);
  expect(new Set(simulatorIds)).toEqual(new Set(t.sends.map((send) => send.platformMessageId)));

  const whatsappRows = await db.outboundMessage.findMany({
    where: { channel: 'whatsapp', status: 'sent' },
    select: { platformMessageId: true },
  });
  const whatsappSends = graph.messageRequests.filter((request) => request.status !== 'read');
  expect(whatsappSends).toHaveLength(whatsappRows.length);
  expect(new Set(whatsappRows.map((row) => row.platformMessageId)).size).toBe(whatsappRows.length);

  // Each message gets its reply, once: as many replies to each sender as they wrote.
  const replies = await db.outboundMessage.count({ where: { channel: 'whatsapp', purpose: 'reply' } });
  expect(replies).toBe(inbound.acknowledged.length);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
