import type { OutboundPayload } from '../../domain/outbound-message.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { lockPersonEvents } from '../inbound/lock-person-events.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { preferredIdentity } from '../people/person-view.ts';
import { detachChat } from './detach-chat.ts';

/**
 * A staff member detaches one of a person's chats (what DÉLIER does), under the person's lock so
 * that it never crosses the handling of their messages: both chats are told (`texts`, worded in
 * the person's language by the caller) and the action is audited. Never the person's last chat.
 */
export async function unlinkChatByStaff(
  db: Database,
  request: {
    personId: string;
    identityId: string;
    actorId: string;
    now: Date;
    texts: (locale: string | null, channel: string) => { detached: string; remaining: string };
  },
): Promise<{ ok: true; outbox: OutboxRow[] } | { ok: false; reason: 'last-chat' | 'not-found' }> {
  const { personId, identityId, now } = request;
  return lockPersonEvents(db, personId, async (tx) => {
    const result = await detachChat(tx, { personId, identityId });
    if (!result.detached) return { ok: false, reason: result.reason };
    const { locale } = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { locale: true } });
    const texts = request.texts(locale, result.channel);
    const say = (value: string): OutboundPayload => ({ kind: 'text', text: value });
    const remaining = await preferredIdentity(tx, personId);
    const messages: NewOutboundMessage[] = [
      { personId: result.newPersonId, channelIdentityId: identityId, purpose: 'link', payload: say(texts.detached) },
      ...(remaining
        ? [{ personId, channelIdentityId: remaining, purpose: 'link', payload: say(texts.remaining) }]
        : []),
    ];
    const outbox = await addOutboundMessages(tx, messages, now);
    await recordStaffAction(tx, {
      actorId: request.actorId,
      action: 'person.unlink_chat',
      entity: 'Person',
      entityId: personId,
      details: { channel: result.channel },
    });
    return { ok: true, outbox };
  });
}
