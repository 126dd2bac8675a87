import { personLanguage } from '../domain/person-language.ts';
import type { Language } from '../domain/programme/language.ts';
import type { Translate } from '../i18n.ts';
import type { ConversationContext, Outgoing } from './conversation-context.ts';

/** The person's language, and interface strings in it. */
export interface Speaker {
  language: Language;
  t: (key: string, values?: Record<string, unknown>) => string;
  /** A text in the person's language, from a programme text given in several. */
  pick: (text: Partial<Record<Language, string>>) => string;
}

export function speakerFor(context: ConversationContext<unknown>): Speaker {
  return speakerIn(context.person.locale ?? context.defaultLanguage, context);
}

/**
 * The speaker for someone Compagnon writes to first (a reminder, an alert, a digest): the
 * language is theirs by the one rule (`personLanguage`), never chosen by the job that sends.
 */
export function speakerForRecipient(
  recipient: { locale: string | null },
  programme: { defaultLocale: string | null } | null | undefined,
  deps: { translate: Translate; defaultLanguage: Language },
): Speaker {
  return speakerIn(personLanguage(recipient, programme, deps.defaultLanguage), deps);
}

function speakerIn(language: Language, deps: { translate: Translate; defaultLanguage: Language }): Speaker {
  return {
    language,
    t: (key, values) => deps.translate(language, key, values),
    pick: (text) => text[language] ?? text[deps.defaultLanguage] ?? Object.values(text)[0] ?? '',
  };
}

export function text(value: string): Outgoing {
  return { payload: { kind: 'text', text: value } };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
