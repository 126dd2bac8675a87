import type { Database } from '../database.ts';

/** One line of a conversation as the simulator page shows it. */
interface TranscriptLine {
  direction: 'in' | 'out';
  id: string;
  at: Date;
  status: string;
  message: unknown;
}

/**
 * What a channel identity sent and was sent, oldest first; a message in and one out at the same
 * instant show the one in first (the answer follows the question).
 */
export async function loadSimulatorTranscript(db: Database, channelIdentityId: string): Promise<TranscriptLine[]> {
  const [inbound, outbound] = await Promise.all([
    db.inboundEvent.findMany({
      where: { channelIdentityId },
      select: { platformEventId: true, payload: true, sentAt: true, status: true },
    }),
    db.outboundMessage.findMany({
      where: { channelIdentityId },
      select: { id: true, payload: true, status: true, createdAt: true, sentAt: true },
    }),
  ]);
  const lines: TranscriptLine[] = [
    ...inbound.map((e) => ({
      direction: 'in' as const,
      id: e.platformEventId,
      at: e.sentAt,
      status: e.status,
      message: e.payload,
    })),
    ...outbound.map((m) => ({
      direction: 'out' as const,
      id: m.id,
      at: m.sentAt ?? m.createdAt,
      status: m.status,
      message: m.payload,
    })),
  ];
  return lines.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1),
  );
}
