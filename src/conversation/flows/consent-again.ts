import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { help, stop } from '../commands/account-commands.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { AccountStore } from '../stores/account-store.ts';
import type { ConsentStore, PendingConsentView } from '../stores/consent-store.ts';
import type { DialogueStateStore } from '../stores/dialogue-state-store.ts';
import type { PrivacyStore } from '../stores/privacy-store.ts';
import { normalizeWords, type KeywordMatch } from '../keywords.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type ConsentAgainContext = ConversationContext<ConsentStore & AccountStore & PrivacyStore & DialogueStateStore>;

/**
 * A programme's consent text changed version: whoever agreed to an earlier one answers the new
 * one before anything else (the same question as when joining, with buttons). Until then every
 * message they write brings the question back, STOP and HELP aside; delivery holds everything
 * else written for them. Yes: what was held goes. No: they are stopped as STOP stops them.
 */
export const CONSENT_REQUEST_PURPOSE = 'consent_request';

const YES = 'reconsent:yes';
const NO = 'reconsent:no';

/** The question, in a language: the programme's new text, and the two buttons. */
export function consentAgainQuestion(
  pending: PendingConsentView,
  language: Language,
  defaultLanguage: Language,
  translate: Translate,
): OutboundPayload {
  const pick = (value: LocalizedText) => value[language] ?? value[defaultLanguage] ?? Object.values(value)[0] ?? '';
  return {
    kind: 'choices',
    text: translate(language, 'join:consent_changed', {
      programme: pick(pending.programmeName),
      text: pick(pending.text),
    }),
    choices: [
      { id: YES, label: translate(language, 'join:consent_yes') },
      { id: NO, label: translate(language, 'join:consent_no') },
    ],
  };
}

function question(pending: PendingConsentView, context: ConsentAgainContext): Outgoing {
  const { language } = speakerFor(context);
  return {
    payload: consentAgainQuestion(pending, language, context.defaultLanguage, context.translate),
    purpose: CONSENT_REQUEST_PURPOSE,
  };
}

/** Asks the question (after RESUME, for someone who had refused a new text or stopped before it came). */
export async function askConsentAgain(pending: PendingConsentView, context: ConsentAgainContext): Promise<Outgoing[]> {
  if (!context.person.consentAskedAt) {
    context.person.consentAskedAt = context.now();
    await context.store.setConsentAsked(context.person.id, context.person.consentAskedAt);
  }
  return [question(pending, context)];
}

/** Everything a person asked to consent again writes comes here first. */
export async function continueConsentAgain(
  pending: PendingConsentView,
  event: InboundEvent,
  keyword: KeywordMatch | null,
  context: ConsentAgainContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const { t } = speakerFor(context);
  if (!person.consentAskedAt) {
    person.consentAskedAt = context.now();
    await store.setConsentAsked(person.id, person.consentAskedAt);
  }
  if (keyword?.keyword === 'stop') {
    await store.setConsentAsked(person.id, null);
    return stop(context);
  }
  if (keyword?.keyword === 'help') return [...help(context), question(pending, context)];

  const answer = event.kind === 'choice' ? event.choiceId : event.kind === 'text' ? normalizeWords(event.text) : '';
  const yes = answer === YES || ['oui', 'yes', "j'accepte", 'i agree', 'ok'].includes(answer);
  const no = answer === NO || ['non', 'no', 'je refuse', 'i refuse'].includes(answer);
  if (!yes && !no) return [text(t('join:consent_changed_first')), question(pending, context)];

  const language = person.locale ?? context.defaultLanguage;
  await store.recordConsent(person.id, pending.programmeId, yes, pending.version, language);
  if (no) {
    // Refusing is STOP: the confirmation is the last thing they receive.
    await store.setConsentAsked(person.id, null);
    return stop(context);
  }
  const next = await store.pendingConsent(person.id);
  if (next) return [question(next, context)];
  await store.setConsentAsked(person.id, null);
  person.consentAskedAt = null;
  return [text(t('join:consent_changed_thanks'))];
}
