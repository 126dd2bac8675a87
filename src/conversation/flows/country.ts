import { z } from 'zod';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { FlowState } from '../stores/dialogue-state-store.ts';

/** PAYS / COUNTRY: a person changes their own country and time zone (built in issue 17, country-zone). */
export const COUNTRY = 'country';

export const COUNTRY_STATES = { [COUNTRY]: z.object({}) };

export function askCountry(_context: ConversationContext): Promise<Outgoing[]> {
  return Promise.reject(new Error('country: not built yet'));
}

export function continueCountry(
  _state: FlowState,
  _event: InboundEvent,
  _context: ConversationContext,
): Promise<Outgoing[]> {
  return Promise.reject(new Error('country: not built yet'));
}
