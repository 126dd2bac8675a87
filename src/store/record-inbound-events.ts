import type { DeliveryStatusUpdate, InboundEvent, Sender } from '../domain/inbound-event.ts';
import type { Database } from './database.ts';
import type { Prisma } from './generated/client.ts';

export interface RecordedEvent {
  id: string;
  personId: string;
}

/**
 * Stores inbound events once each, deduplicated by (channel, platform event id), with the
 * sender's channel identity (a new sender gets a Person with no personal data yet). Everything
 * is committed before this resolves, so a webhook may then answer 200.
 */
export async function recordInboundEvents(
  db: Database,
  events: InboundEvent[],
): Promise<{ recorded: RecordedEvent[]; duplicates: number }> {
  if (events.length === 0) return { recorded: [], duplicates: 0 };
  return db.$transaction(async (tx) => {
    const identities = new Map<string, { id: string; personId: string }>();
    for (const event of events) {
      const key = `${event.sender.channel}/${event.sender.platformId}`;
      if (!identities.has(key)) identities.set(key, await upsertIdentity(tx, event.sender));
    }
    const rows = await tx.inboundEvent.createManyAndReturn({
      data: events.map((event) => {
        const identity = identities.get(`${event.sender.channel}/${event.sender.platformId}`)!;
        return {
          channel: event.channel,
          platformEventId: event.platformEventId,
          channelIdentityId: identity.id,
          personId: identity.personId,
          payload: event as unknown as Prisma.InputJsonValue,
          sentAt: new Date(event.sentAt),
        };
      }),
      skipDuplicates: true,
      select: { id: true, personId: true, channelIdentityId: true, sentAt: true },
    });
    // Only new events open (or extend) WhatsApp's 24-hour window; a redelivery says nothing new.
    for (const row of rows) {
      await tx.$executeRaw`
        UPDATE "ChannelIdentity" SET "lastInboundAt" = GREATEST(COALESCE("lastInboundAt", ${row.sentAt}), ${row.sentAt}),
          "updatedAt" = now()
        WHERE id = ${row.channelIdentityId}`;
    }
    return {
      recorded: rows.map((row) => ({ id: row.id, personId: row.personId! })),
      duplicates: events.length - rows.length,
    };
  });
}

async function upsertIdentity(tx: Prisma.TransactionClient, sender: Sender) {
  const found = await tx.channelIdentity.findUnique({
    where: { channel_platformId: { channel: sender.channel, platformId: sender.platformId } },
    select: { id: true, personId: true, phoneNumber: true, username: true },
  });
  if (found) {
    const changes = {
      ...(sender.phoneNumber && sender.phoneNumber !== found.phoneNumber && { phoneNumber: sender.phoneNumber }),
      ...(sender.username && sender.username !== found.username && { username: sender.username }),
    };
    if (Object.keys(changes).length > 0) await tx.channelIdentity.update({ where: { id: found.id }, data: changes });
    return { id: found.id, personId: found.personId };
  }
  // Two webhooks of a new sender may race here; the unique index decides, the loser reads the winner.
  try {
    return await tx.channelIdentity.create({
      data: {
        channel: sender.channel,
        platformId: sender.platformId,
        phoneNumber: sender.phoneNumber ?? null,
        username: sender.username ?? null,
        person: { create: {} },
      },
      select: { id: true, personId: true },
    });
  } catch (error) {
    if ((error as { code?: string }).code !== 'P2002') throw error;
    throw new ConcurrentFirstContactError(sender);
  }
}

/** Two first messages of the same new sender were recorded at the same time; retrying succeeds. */
export class ConcurrentFirstContactError extends Error {
  override readonly name = 'ConcurrentFirstContactError';
  constructor(sender: Sender) {
    super(`first contact of ${sender.channel}/${sender.platformId} recorded concurrently; retry`);
  }
}

const STATUS_ORDER = { queued: 0, held: 0, sending: 0, skipped: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/**
 * Applies platform delivery statuses to the outbox. Statuses can arrive out of order (read
 * before delivered): a status never moves a message backwards.
 */
export async function recordDeliveryStatuses(db: Database, updates: DeliveryStatusUpdate[]): Promise<number> {
  let applied = 0;
  for (const update of updates) {
    const message = await db.outboundMessage.findUnique({
      where: { channel_platformMessageId: { channel: update.channel, platformMessageId: update.platformMessageId } },
      select: { id: true, status: true },
    });
    if (!message || STATUS_ORDER[update.status] <= STATUS_ORDER[message.status]) continue;
    const at = new Date(update.at);
    await db.outboundMessage.update({
      where: { id: message.id },
      data: {
        status: update.status,
        ...(update.status === 'delivered' && { deliveredAt: at }),
        ...(update.status === 'read' && { readAt: at }),
        ...(update.status === 'failed' && { failedAt: at, lastError: update.error ?? 'failed (no reason given)' }),
      },
    });
    applied++;
  }
  return applied;
}
