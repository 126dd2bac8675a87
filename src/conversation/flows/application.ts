import { z } from 'zod';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { FlowState } from '../stores/dialogue-state-store.ts';

/** Applying to a programme's call in chat (built in issue 17, applications-chat). */
export const APPLICATION = 'application';

export const APPLICATION_STATES = { [APPLICATION]: z.object({}) };

export function startApplication(_event: InboundEvent, _context: ConversationContext): Promise<Outgoing[]> {
  return Promise.reject(new Error('applications: not built yet'));
}

export function continueApplication(
  _state: FlowState,
  _event: InboundEvent,
  _context: ConversationContext,
): Promise<Outgoing[]> {
  return Promise.reject(new Error('applications: not built yet'));
}

/** Whether the application step the person is on takes free text (a name, a city, a text answer). */
export function applicationAcceptsFreeText(_state: FlowState, _context: ConversationContext): Promise<boolean> {
  return Promise.resolve(false);
}
