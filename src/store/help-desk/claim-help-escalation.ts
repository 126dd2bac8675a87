import type { HelpMessageContent } from '../../conversation/notices/help-desk-notices.ts';
import { escalationDue, escalationRoute, type HelpLevel, type HelpRoute } from '../../domain/help-desk/help-routing.ts';
import type { MediaKind } from '../../domain/inbound-event.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { personView, preferredIdentity } from '../people/person-view.ts';
import { listHelpResponders, type HelpResponder } from './list-help-responders.ts';

/** The unanswered messages relayed to the level above: the last few, so a long monologue stays readable. */
const RELAYED_MESSAGES = 3;

/** Someone told of an escalation, as the outbox needs to write to them. */
export interface EscalationRecipient {
  personId: string;
  locale: string | null;
  timeZone: string;
  channelIdentityId: string;
}

/** A conversation just passed up a level, with everyone concerned. */
export interface ClaimedHelpEscalation {
  conversationId: string;
  /** The instant that was due, part of each message's dedup key. */
  escalateAt: Date;
  person: { id: string; displayName: string | null };
  hubName: LocalizedText | null;
  from: HelpLevel;
  to: HelpRoute<HelpResponder>;
  /** Who had it: its assignee, else everyone at the level it leaves. */
  previous: HelpResponder[];
  /** The person's last unanswered messages, oldest first. */
  unanswered: HelpMessageContent[];
  /** How each person concerned is reached; someone missing from it cannot be written to. */
  reach: Map<string, EscalationRecipient>;
}

/**
 * Passes a conversation still unanswered at `escalateAt` up to the next level with someone on it
 * (escalationRoute), and writes what `compose` says to the outbox, in one transaction. The claim
 * is a conditional update on `escalateAt` (and the conversation still open), so whoever moves it
 * first sends: a second worker, or a second run, finds nothing. With nobody above (staff, or
 * nobody left), `escalateAt` is cleared and nobody is told. Returns the rows to deliver.
 */
export async function claimHelpEscalation(
  db: Database,
  due: { conversationId: string; escalateAt: Date; escalateAfterMinutes: number },
  compose: (escalation: ClaimedHelpEscalation) => NewOutboundMessage[],
  now: () => Date,
): Promise<OutboxRow[]> {
  return db.$transaction(async (tx) => {
    const conversation = await tx.helpConversation.findUnique({
      where: { id: due.conversationId },
      select: {
        personId: true,
        cohortId: true,
        hubId: true,
        level: true,
        assigneeId: true,
        waitingSince: true,
        person: { select: { displayName: true } },
        hub: { select: { name: true } },
      },
    });
    if (!conversation) return [];
    const claim = { id: due.conversationId, status: 'open', escalateAt: due.escalateAt } as const;
    const responders = await listHelpResponders(tx, conversation);
    const route = escalationRoute(responders, conversation.level);
    if (!route) {
      await tx.helpConversation.updateMany({ where: claim, data: { escalateAt: null } });
      return [];
    }
    const waitingSince = conversation.waitingSince ?? due.escalateAt;
    // Each level gets the whole delay from when it is given the question: counted from the
    // person's first message, the level above would be due at once and pass it on unread.
    const passedAt = now();
    const { count } = await tx.helpConversation.updateMany({
      where: claim,
      data: {
        level: route.level,
        assigneeId: null,
        escalateAt: escalationDue(passedAt, route.level, due.escalateAfterMinutes),
      },
    });
    if (count === 0) return [];
    const atLevel = responders[conversation.level];
    const assignee = atLevel.find((r) => r.personId === conversation.assigneeId);
    // Told it passed up: whoever had it, if they can still answer this person (an ended mentorship
    // does not hear of its former mentee again), else the level it was at.
    const previous = assignee ? [assignee] : atLevel;
    const concerned = [conversation.personId, ...previous, ...route.responders].map((r) =>
      typeof r === 'string' ? r : r.personId,
    );
    const messages = compose({
      conversationId: due.conversationId,
      escalateAt: due.escalateAt,
      person: { id: conversation.personId, displayName: conversation.person.displayName },
      hubName: (conversation.hub?.name ?? null) as LocalizedText | null,
      from: conversation.level,
      to: route,
      previous,
      unanswered: await lastUnanswered(tx, due.conversationId, waitingSince),
      reach: await reachOf(tx, concerned),
    });
    return addOutboundMessages(tx, messages, passedAt);
  });
}

async function lastUnanswered(
  tx: Prisma.TransactionClient,
  conversationId: string,
  waitingSince: Date,
): Promise<HelpMessageContent[]> {
  const messages = await tx.helpMessage.findMany({
    where: { conversationId, fromPerson: true, sentAt: { gte: waitingSince } },
    orderBy: { sentAt: 'desc' },
    take: RELAYED_MESSAGES,
    select: { text: true, mediaFile: { select: { id: true, mimeType: true } } },
  });
  return messages
    .reverse()
    .filter((m) => m.text !== null || m.mediaFile !== null)
    .map((m) => ({
      text: m.text,
      media: m.mediaFile ? { kind: mediaKindOf(m.mediaFile.mimeType), mediaFileId: m.mediaFile.id } : null,
    }));
}

/** The kind a stored file is sent as, from its type. */
function mediaKindOf(mimeType: string): MediaKind {
  if (mimeType.startsWith('image/')) return 'photo';
  if (mimeType.startsWith('audio/')) return 'voice';
  if (mimeType.startsWith('video/')) return 'video';
  return 'document';
}

/** Language, zone and channel of each person who can still be written to. */
async function reachOf(tx: Prisma.TransactionClient, personIds: string[]): Promise<Map<string, EscalationRecipient>> {
  const reach = new Map<string, EscalationRecipient>();
  for (const personId of new Set(personIds)) {
    const person = await personView(tx, personId);
    if (person.erasedAt || person.optedOutAt) continue;
    const channelIdentityId = await preferredIdentity(tx, personId);
    if (!channelIdentityId) continue;
    reach.set(personId, { personId, locale: person.locale, timeZone: person.timeZone, channelIdentityId });
  }
  return reach;
}
