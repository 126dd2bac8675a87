import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';

/** LIER / LINK: a code to attach another chat, or, with a code, attaching this chat (built in issue 17, link-channels). */
export function link(_argument: string, _event: InboundEvent, _context: ConversationContext): Promise<Outgoing[]> {
  return Promise.reject(new Error('link: not built yet'));
}

/** DÉLIER / UNLINK: detaching one of the person's chats. */
export function unlink(_argument: string, _event: InboundEvent, _context: ConversationContext): Promise<Outgoing[]> {
  return Promise.reject(new Error('link: not built yet'));
}
