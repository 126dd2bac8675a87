import type { Database } from '../database.ts';

/** A help-desk message's file, described (the file itself stays under MEDIA_DIR). */
const mediaFileSelect = { id: true, channel: true, mimeType: true, sizeBytes: true, sha256: true, createdAt: true };

/**
 * A person's help-desk records in the given cohorts, for the per-person export: their conversations
 * with every message (who wrote it: the person, a named team member, or "team" once that member
 * erased their data; the text; the file described; the dates), and, for a team member, the
 * messages they wrote in others' conversations (their own words only: not the person asked).
 * `asked`: the cohorts of the person's enrolments the requester sees; `answered`: the cohorts whose
 * conversations the requester sees (a team member has no participant enrolment to see).
 */
export async function exportHelpDeskData(
  db: Database,
  personId: string,
  cohorts: { asked: string[]; answered: string[] },
) {
  const conversations = await db.helpConversation.findMany({
    where: { personId, cohortId: { in: cohorts.asked } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      status: true,
      level: true,
      hub: { select: { key: true } },
      assignee: { select: { displayName: true } },
      createdAt: true,
      firstAnsweredAt: true,
      lastMessageAt: true,
      closedAt: true,
      messages: {
        orderBy: { sentAt: 'asc' },
        select: {
          fromPerson: true,
          author: { select: { displayName: true } },
          text: true,
          sentAt: true,
          mediaFile: { select: mediaFileSelect },
        },
      },
    },
  });
  const written = await db.helpMessage.findMany({
    where: { authorId: personId, fromPerson: false, conversation: { cohortId: { in: cohorts.answered } } },
    orderBy: { sentAt: 'asc' },
    select: { conversationId: true, text: true, sentAt: true, mediaFile: { select: mediaFileSelect } },
  });
  return {
    conversations: conversations.map((conversation) => ({
      id: conversation.id,
      status: conversation.status,
      level: conversation.level,
      hub: conversation.hub?.key ?? null,
      assignee: conversation.assignee?.displayName ?? null,
      createdAt: conversation.createdAt,
      firstAnsweredAt: conversation.firstAnsweredAt,
      lastMessageAt: conversation.lastMessageAt,
      closedAt: conversation.closedAt,
      messages: conversation.messages.map((message) => ({
        from: message.fromPerson ? 'person' : 'team',
        author: message.fromPerson ? null : (message.author?.displayName ?? 'team'),
        text: message.text,
        mediaFile: message.mediaFile,
        sentAt: message.sentAt,
      })),
    })),
    messagesWritten: written,
  };
}
