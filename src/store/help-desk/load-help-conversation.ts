import type { HelpLevel, HelpStatus } from '../../domain/help-desk/help-routing.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';
import { visibleHelpConversations } from '../access/visible-help-conversations.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { Prisma } from '../generated/client.ts';

/** One message of the exchange, as the conversation page shows it. */
export interface HelpConversationMessage {
  id: string;
  fromPerson: boolean;
  author: { id: string; displayName: string | null } | null;
  text: string | null;
  media: { id: string; mimeType: string } | null;
  sentAt: Date;
}

/** A conversation with its whole exchange, oldest first. */
export interface HelpConversationDetail {
  id: string;
  programmeId: string;
  cohortId: string;
  status: HelpStatus;
  level: HelpLevel;
  waitingSince: Date | null;
  closedAt: Date | null;
  /** The participant; `hubId` is their hub now (whose trainers answer them). */
  person: { id: string; displayName: string | null; locale: string | null; hubId: string | null };
  hub: { id: string; name: LocalizedText } | null;
  assignee: { id: string; displayName: string | null } | null;
  programme: { defaultLocale: string; escalateAfterMinutes: number };
  messages: HelpConversationMessage[];
}

/** A conversation the viewer may see, with its messages; NotFoundError otherwise (as for one that does not exist). */
export async function loadHelpConversation(
  db: Database | Prisma.TransactionClient,
  scope: DashboardScope,
  conversationId: string,
): Promise<HelpConversationDetail> {
  const row = await db.helpConversation.findFirst({
    where: { AND: [visibleHelpConversations(scope), { id: conversationId }] },
    select: {
      id: true,
      programmeId: true,
      cohortId: true,
      status: true,
      level: true,
      waitingSince: true,
      closedAt: true,
      person: { select: { id: true, displayName: true, locale: true, hubId: true } },
      hub: { select: { id: true, name: true } },
      assignee: { select: { id: true, displayName: true } },
      programme: { select: { defaultLocale: true, settings: true } },
      messages: {
        orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }],
        select: {
          id: true,
          fromPerson: true,
          text: true,
          sentAt: true,
          author: { select: { id: true, displayName: true } },
          mediaFile: { select: { id: true, mimeType: true } },
        },
      },
    },
  });
  if (!row) throw new NotFoundError(`help conversation ${conversationId} is not visible`);
  const { messages, hub, programme, ...rest } = row;
  return {
    ...rest,
    hub: hub ? { id: hub.id, name: hub.name as LocalizedText } : null,
    programme: {
      defaultLocale: programme.defaultLocale,
      escalateAfterMinutes: parseProgrammeSettings(programme.settings).helpDesk.escalateAfterMinutes,
    },
    messages: messages.map(({ mediaFile, ...message }) => ({ ...message, media: mediaFile })),
  };
}
