import type { HelpStatus } from '../../domain/help-desk/help-routing.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/** The label of conversations whose person has no hub. */
export const NO_HUB = 'none';

/** Counts (never contents) of one hub's help-desk conversations, and how long the first answer took. */
export interface HelpDeskHubCounts {
  /** The hub's key (never a person's name), or NO_HUB. */
  hubKey: string;
  hubName: unknown;
  counts: Record<HelpStatus, number>;
  /** Seconds from the person's first message to the team's first answer, of each answered conversation, shortest first. */
  firstAnswerSeconds: number[];
}

/**
 * Conversations by hub and status among those `where` selects (a viewer's scope, a cohort; all
 * for the metrics), with the times to the first answer of those the person opened (one a mentor
 * or trainer started has no question waiting). By hub key, in key order.
 */
export async function countHelpConversations(
  db: Database,
  where: Prisma.HelpConversationWhereInput = {},
): Promise<HelpDeskHubCounts[]> {
  const rows = await db.helpConversation.findMany({
    where,
    select: {
      status: true,
      createdAt: true,
      firstAnsweredAt: true,
      startedById: true,
      hub: { select: { key: true, name: true } },
    },
  });
  const hubs = new Map<string, HelpDeskHubCounts>();
  for (const row of rows) {
    const hubKey = row.hub?.key ?? NO_HUB;
    const hub = hubs.get(hubKey) ?? {
      hubKey,
      hubName: row.hub?.name ?? null,
      counts: { open: 0, waiting: 0, closed: 0 },
      firstAnswerSeconds: [],
    };
    hub.counts[row.status] += 1;
    if (row.firstAnsweredAt && !row.startedById)
      hub.firstAnswerSeconds.push(Math.max(0, (row.firstAnsweredAt.getTime() - row.createdAt.getTime()) / 1000));
    hubs.set(hubKey, hub);
  }
  for (const hub of hubs.values()) hub.firstAnswerSeconds.sort((a, b) => a - b);
  return [...hubs.values()].sort((a, b) => a.hubKey.localeCompare(b.hubKey));
}

/** The median of values sorted ascending; null with none. */
export function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
