import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import type { PendingConsentView } from '../conversation-context.ts';
import { consentAgainQuestion } from '../flows/consent-again.ts';
import { speakerForRecipient } from '../speaker.ts';

/**
 * The question Compagnon asks first when a programme's consent text changed (the one asked in
 * chat), in the person's language.
 */
export function consentAgainRequest(
  request: {
    recipient: { locale: string | null };
    programme: { defaultLocale: string | null };
    pending: PendingConsentView;
  },
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const { language } = speakerForRecipient(request.recipient, request.programme, deps);
  return consentAgainQuestion(request.pending, language, deps.defaultLanguage, deps.translate);
}
