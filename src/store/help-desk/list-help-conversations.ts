import type { HelpLevel, HelpStatus } from '../../domain/help-desk/help-routing.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';
import { visibleHelpConversations } from '../access/visible-help-conversations.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/** What the inbox can be narrowed to; all given filters apply together. */
export interface HelpConversationFilters {
  /** Taken by the viewer, or shared by a level the viewer is on. */
  mine?: boolean;
  /** Taken by nobody: anyone at its level may answer. */
  unassigned?: boolean;
  hubId?: string;
  status?: HelpStatus;
}

/** One line of the inbox. */
export interface HelpConversationRow {
  id: string;
  status: HelpStatus;
  level: HelpLevel;
  person: { id: string; displayName: string | null };
  hub: { id: string; name: LocalizedText } | null;
  assignee: { id: string; displayName: string | null } | null;
  waitingSince: Date | null;
  lastMessageAt: Date;
  lastMessage: { text: string | null; mimeType: string | null; fromPerson: boolean } | null;
}

/**
 * The conversations a viewer may see, open ones first, those waiting longest first, then the most
 * recent; a page at a time. With them, the hubs those conversations are in (for the hub filter).
 */
export async function listHelpConversations(
  db: Database,
  request: {
    scope: DashboardScope;
    viewerId: string;
    filters: HelpConversationFilters;
    skip: number;
    take: number;
  },
): Promise<{ rows: HelpConversationRow[]; total: number; hubs: { id: string; name: LocalizedText }[] }> {
  const { scope, filters } = request;
  const visible = visibleHelpConversations(scope);
  const where: Prisma.HelpConversationWhereInput = {
    AND: [
      visible,
      filters.mine ? mineWhere(scope, request.viewerId) : {},
      filters.unassigned ? { assigneeId: null } : {},
      filters.hubId ? { hubId: filters.hubId } : {},
      filters.status ? { status: filters.status } : {},
    ],
  };
  const [rows, total, hubs] = await Promise.all([
    db.helpConversation.findMany({
      where,
      // The enum's order is open, waiting, closed: what the team owes comes first.
      orderBy: [{ status: 'asc' }, { waitingSince: { sort: 'asc', nulls: 'last' } }, { lastMessageAt: 'desc' }],
      skip: request.skip,
      take: request.take,
      select: {
        id: true,
        status: true,
        level: true,
        waitingSince: true,
        lastMessageAt: true,
        person: { select: { id: true, displayName: true } },
        hub: { select: { id: true, name: true } },
        assignee: { select: { id: true, displayName: true } },
        messages: {
          orderBy: [{ sentAt: 'desc' }, { createdAt: 'desc' }],
          take: 1,
          select: { text: true, fromPerson: true, mediaFile: { select: { mimeType: true } } },
        },
      },
    }),
    db.helpConversation.count({ where }),
    db.hub.findMany({
      where: { helpConversations: { some: visible } },
      orderBy: { key: 'asc' },
      select: { id: true, name: true },
    }),
  ]);
  return {
    rows: rows.map(({ messages, hub, ...row }) => {
      const last = messages[0];
      return {
        ...row,
        hub: hub ? { id: hub.id, name: hub.name as LocalizedText } : null,
        lastMessage: last
          ? { text: last.text, fromPerson: last.fromPerson, mimeType: last.mediaFile?.mimeType ?? null }
          : null,
      };
    }),
    total,
    hubs: hubs.map((hub) => ({ id: hub.id, name: hub.name as LocalizedText })),
  };
}

/** Taken by the viewer, or taken by nobody at a level the viewer answers for that person. */
function mineWhere(scope: DashboardScope, viewerId: string): Prisma.HelpConversationWhereInput {
  const shared: Prisma.HelpConversationWhereInput[] =
    scope.role === 'staff'
      ? [{ assigneeId: null, level: 'staff' }]
      : [
          ...(scope.mentees ?? []).map(({ cohortId, menteeId }) => ({
            assigneeId: null,
            level: 'mentor' as const,
            cohortId,
            personId: menteeId,
          })),
          ...(scope.hubs ?? []).map(({ cohortId, hubId }) => ({
            assigneeId: null,
            level: 'trainer' as const,
            cohortId,
            person: { hubId },
          })),
        ];
  return { OR: [{ assigneeId: viewerId }, ...shared] };
}
