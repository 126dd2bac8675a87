import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/** What a participant is told of a selection decision about them. */
export interface SelectionNoticeFacts {
  decision: 'selected' | 'not_selected';
  recipient: { locale: string | null; displayName: string | null };
  programme: { name: LocalizedText; defaultLocale: string | null };
}

/** The message telling a participant they were selected (or not), in their language. */
export function selectionNotice(
  facts: SelectionNoticeFacts,
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const speaker = speakerForRecipient(facts.recipient, facts.programme, deps);
  return {
    kind: 'text',
    text: speaker.t(`dashboard-people:notify_${facts.decision}`, {
      name: facts.recipient.displayName ?? '',
      programme: speaker.pick(facts.programme.name),
    }),
  };
}
