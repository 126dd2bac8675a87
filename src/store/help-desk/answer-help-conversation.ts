import type { HelpLevel } from '../../domain/help-desk/help-routing.ts';
import { isLanguage, type Language } from '../../domain/programme/language.ts';
import type { Prisma } from '../generated/client.ts';
import type { HelpMessageInput } from './ask-for-help.ts';
import type { HelpAskerView } from './find-help-asker.ts';

/** What the team wrote, and to whom it goes. */
export interface TeamMessageResult {
  conversationId: string;
  messageId: string;
  /** The participant, to send the message to. */
  person: { id: string; displayName: string | null; locale: Language | null };
  /** Whether this was the team's first answer since the person wrote (the conversation was open). */
  answeredWaiting: boolean;
}

/**
 * Someone of the team answers a conversation (in the caller's transaction; the caller has checked
 * they may, with `visibleHelpConversations`). It then waits for the person; nothing passes up any
 * more; whoever answers takes it, at their own level (`authorLevel`), so that the person's next
 * message goes to them. A closed conversation is opened again. Null when the conversation is gone
 * (its person erased their data).
 */
export async function answerHelpConversation(
  tx: Prisma.TransactionClient,
  request: { conversationId: string; authorId: string; authorLevel: HelpLevel; message: HelpMessageInput; now: Date },
): Promise<TeamMessageResult | null> {
  const { conversationId, authorId, authorLevel, message, now } = request;
  const current = await tx.helpConversation.findUnique({
    where: { id: conversationId },
    select: {
      status: true,
      firstAnsweredAt: true,
      person: { select: { id: true, displayName: true, locale: true, erasedAt: true } },
    },
  });
  if (!current || current.person.erasedAt) return null;
  await tx.helpConversation.update({
    where: { id: conversationId },
    data: {
      status: 'waiting',
      level: authorLevel,
      assigneeId: authorId,
      waitingSince: null,
      escalateAt: null,
      firstAnsweredAt: current.firstAnsweredAt ?? now,
      lastMessageAt: now,
      closedAt: null,
    },
  });
  const row = await tx.helpMessage.create({
    data: {
      conversationId,
      authorId,
      fromPerson: false,
      text: message.text,
      mediaFileId: message.mediaFileId,
      sentAt: message.sentAt,
    },
    select: { id: true },
  });
  const { person } = current;
  return {
    conversationId,
    messageId: row.id,
    person: {
      id: person.id,
      displayName: person.displayName,
      locale: isLanguage(person.locale) ? person.locale : null,
    },
    answeredWaiting: current.status === 'open',
  };
}

/**
 * A mentor, a trainer or staff writes first to one of their people (the caller has checked they
 * may): the message goes into the person's current conversation, else opens one, taken by the
 * author at their own level and waiting for the person.
 */
export async function startHelpConversation(
  tx: Prisma.TransactionClient,
  request: { asker: HelpAskerView; authorId: string; level: HelpLevel; message: HelpMessageInput; now: Date },
): Promise<TeamMessageResult | null> {
  const { asker, authorId, level, message, now } = request;
  await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${asker.personId} FOR UPDATE`;
  const current = await tx.helpConversation.findFirst({
    where: { personId: asker.personId, programmeId: asker.programmeId },
    orderBy: [{ closedAt: { sort: 'desc', nulls: 'first' } }, { lastMessageAt: 'desc' }],
    select: { id: true, status: true },
  });
  if (current && current.status !== 'closed') {
    return answerHelpConversation(tx, { conversationId: current.id, authorId, authorLevel: level, message, now });
  }
  const fields = {
    status: 'waiting' as const,
    level,
    assigneeId: authorId,
    startedById: authorId,
    hubId: asker.hubId,
    cohortId: asker.cohortId,
    waitingSince: null,
    escalateAt: null,
    lastMessageAt: now,
    closedAt: null,
  };
  const conversation = current
    ? await tx.helpConversation.update({ where: { id: current.id }, data: fields, select: { id: true } })
    : await tx.helpConversation.create({
        data: { ...fields, programmeId: asker.programmeId, personId: asker.personId },
        select: { id: true },
      });
  return answerHelpConversation(tx, { conversationId: conversation.id, authorId, authorLevel: level, message, now });
}
