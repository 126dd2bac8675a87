import type { ApplicationNotices } from '../../domain/applications/application-call.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/** What an applicant is told of the decision on their application. */
export interface ApplicationDecisionFacts {
  decision: 'accepted' | 'declined' | 'waiting_list';
  recipient: { locale: string | null; displayName: string | null };
  programme: { name: LocalizedText; defaultLocale: string | null };
  /** The call's own wording of each decision (`notices:` in the programme file). */
  notices: ApplicationNotices;
}

/**
 * The message telling an applicant the decision, in their language: the call's text for it when
 * the programme file gives one, with {{name}} and {{programme}} filled in, else the default
 * wording. For an accepted applicant, the joining question follows it in another message.
 */
export function applicationDecisionNotice(
  facts: ApplicationDecisionFacts,
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const speaker = speakerForRecipient(facts.recipient, facts.programme, deps);
  const values = { name: facts.recipient.displayName ?? '', programme: speaker.pick(facts.programme.name) };
  const own = facts.notices[facts.decision];
  if (own) {
    const text = speaker
      .pick(own)
      .replace(/\{\{\s*(name|programme)\s*\}\}/g, (_, key: 'name' | 'programme') => values[key]);
    return { kind: 'text', text };
  }
  return { kind: 'text', text: speaker.t(`application-decisions:${facts.decision}`, values) };
}
