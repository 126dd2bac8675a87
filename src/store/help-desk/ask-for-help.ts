import { escalationDue, routeHelpRequest, type HelpLevel } from '../../domain/help-desk/help-routing.ts';
import type { Prisma } from '../generated/client.ts';
import type { HelpAskerView } from './find-help-asker.ts';
import { listHelpResponders, type HelpResponder } from './list-help-responders.ts';

/** One message of a help-desk conversation: a text, a file (a MediaFile already stored), or both. */
export interface HelpMessageInput {
  text: string | null;
  mediaFileId: string | null;
  /** The platform's time for a message from chat; now for one written on the dashboard. */
  sentAt: Date;
  /** Only a thank-you or an "ok" (isThanks): after the team's answer, it asks nothing more. */
  thanks?: boolean;
}

export interface AskForHelpResult {
  conversationId: string;
  messageId: string;
  /**
   * opened: a new conversation; reopened: a closed one opened again; joined: added to the open one;
   * thanked: a thank-you added to one that waits for the person, which goes on waiting.
   */
  outcome: 'opened' | 'reopened' | 'joined' | 'thanked';
  level: HelpLevel;
  /** Who is told of this message: the person who took the conversation, else everyone at its level. */
  notify: HelpResponder[];
  /** How long the team has before it passes up, in minutes (to tell the person roughly when). */
  escalateAfterMinutes: number;
}

/**
 * A participant's message to the help desk (in the caller's transaction). It joins their open
 * conversation in the programme, or opens their last closed one again, routed afresh (a mentor
 * assigned since answers it), or starts one: to their mentor if they have one, else to their
 * hub's trainers, else to the programme's staff. Returns null only when nobody at all can answer
 * (a programme with no staff), and then stores nothing.
 */
export async function askForHelp(
  tx: Prisma.TransactionClient,
  asker: HelpAskerView,
  message: HelpMessageInput,
  now: Date,
): Promise<AskForHelpResult | null> {
  // One conversation per person and programme at a time: their row is the lock (a dashboard
  // "start a conversation" and a chat message cannot both open one).
  await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${asker.personId} FOR UPDATE`;
  const responders = await listHelpResponders(tx, asker);
  const current = await tx.helpConversation.findFirst({
    where: { personId: asker.personId, programmeId: asker.programmeId },
    orderBy: [{ closedAt: { sort: 'desc', nulls: 'first' } }, { lastMessageAt: 'desc' }],
    select: { id: true, status: true, level: true, assigneeId: true, waitingSince: true, escalateAt: true },
  });

  if (current?.status === 'waiting' && message.thanks) {
    // A thank-you after the answer: kept in the exchange and shown to whoever answered, but the
    // conversation still waits for the person, so nothing is reopened and nothing escalates.
    await tx.helpConversation.update({
      where: { id: current.id },
      data: { lastMessageAt: maxDate(now, message.sentAt) },
    });
    const messageId = await addMessage(tx, current.id, asker.personId, message);
    const assignee = responders[current.level].find((r) => r.personId === current.assigneeId);
    return {
      conversationId: current.id,
      messageId,
      outcome: 'thanked',
      level: current.level,
      notify: assignee ? [assignee] : [],
      escalateAfterMinutes: asker.escalateAfterMinutes,
    };
  }

  if (current && current.status !== 'closed') {
    // Still at the level it reached, unless nobody is left there (a mentor whose assignment ended).
    const route = routeHelpRequest(responders, current.level);
    if (!route) return null;
    const assignee = route.responders.find((r) => r.personId === current.assigneeId);
    const waitingSince = current.waitingSince ?? message.sentAt;
    const conversation = await tx.helpConversation.update({
      where: { id: current.id },
      data: {
        status: 'open',
        level: route.level,
        // Whoever took it keeps it while they can still answer (a mentor whose assignment ended cannot).
        assigneeId: route.level === current.level && assignee ? current.assigneeId : null,
        hubId: asker.hubId,
        waitingSince,
        escalateAt:
          route.level === current.level && current.escalateAt
            ? current.escalateAt
            : escalationDue(waitingSince, route.level, asker.escalateAfterMinutes),
        lastMessageAt: maxDate(now, message.sentAt),
      },
      select: { id: true },
    });
    const messageId = await addMessage(tx, conversation.id, asker.personId, message);
    return {
      conversationId: conversation.id,
      messageId,
      outcome: 'joined',
      level: route.level,
      notify: assignee ? [assignee] : route.responders,
      escalateAfterMinutes: asker.escalateAfterMinutes,
    };
  }

  const route = routeHelpRequest(responders);
  if (!route) return null;
  const fields = {
    status: 'open' as const,
    level: route.level,
    // A single mentor takes it at once; a hub's trainers or the staff share it until one answers.
    assigneeId: route.level === 'mentor' && route.responders.length === 1 ? route.responders[0]!.personId : null,
    hubId: asker.hubId,
    cohortId: asker.cohortId,
    waitingSince: message.sentAt,
    escalateAt: escalationDue(message.sentAt, route.level, asker.escalateAfterMinutes),
    lastMessageAt: maxDate(now, message.sentAt),
    closedAt: null,
  };
  const conversation = current
    ? await tx.helpConversation.update({ where: { id: current.id }, data: fields, select: { id: true } })
    : await tx.helpConversation.create({
        data: { ...fields, programmeId: asker.programmeId, personId: asker.personId },
        select: { id: true },
      });
  const messageId = await addMessage(tx, conversation.id, asker.personId, message);
  return {
    conversationId: conversation.id,
    messageId,
    outcome: current ? 'reopened' : 'opened',
    level: route.level,
    notify: route.responders,
    escalateAfterMinutes: asker.escalateAfterMinutes,
  };
}

async function addMessage(
  tx: Prisma.TransactionClient,
  conversationId: string,
  authorId: string,
  message: HelpMessageInput,
): Promise<string> {
  const row = await tx.helpMessage.create({
    data: {
      conversationId,
      authorId,
      fromPerson: true,
      text: message.text,
      mediaFileId: message.mediaFileId,
      sentAt: message.sentAt,
    },
    select: { id: true },
  });
  return row.id;
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
