import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { SelectionNoticeTexts } from '../../domain/programme/programme-definition.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/** What a participant is told of a selection decision about them. */
export interface SelectionNoticeFacts {
  decision: 'selected' | 'not_selected';
  recipient: { locale: string | null; displayName: string | null };
  programme: { name: LocalizedText; defaultLocale: string | null; selectionNotices?: SelectionNoticeTexts };
}

/**
 * The message telling a participant they were selected (or not), in their language: the
 * programme file's text for that outcome (`selection_notices`) when it has one, with {{name}} and
 * {{programme}} filled in, else the default wording. The selection page shows the same text before
 * staff decide.
 */
export function selectionNotice(
  facts: SelectionNoticeFacts,
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const speaker = speakerForRecipient(facts.recipient, facts.programme, deps);
  const values = { name: facts.recipient.displayName ?? '', programme: speaker.pick(facts.programme.name) };
  const own = facts.programme.selectionNotices?.[facts.decision];
  if (own) {
    const text = speaker
      .pick(own)
      .replace(/\{\{\s*(name|programme)\s*\}\}/g, (_, key: 'name' | 'programme') => values[key]);
    return { kind: 'text', text };
  }
  return { kind: 'text', text: speaker.t(`dashboard-people:notify_${facts.decision}`, values) };
}
