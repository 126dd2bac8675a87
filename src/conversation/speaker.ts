import type { OutboundPayload } from '../domain/outbound-message.ts';
import type { Language } from '../domain/programme/language.ts';
import type { ConversationContext, Outgoing } from './conversation-context.ts';

/** The person's language, and interface strings in it. */
export interface Speaker {
  language: Language;
  t: (key: string, values?: Record<string, unknown>) => string;
  /** A text in the person's language, from a programme text given in several. */
  pick: (text: Partial<Record<Language, string>>) => string;
}

export function speakerFor(context: ConversationContext): Speaker {
  const language = context.person.locale ?? context.defaultLanguage;
  return {
    language,
    t: (key, values) => context.translate(language, key, values),
    pick: (text) => text[language] ?? text[context.defaultLanguage] ?? Object.values(text)[0] ?? '',
  };
}

/** A reply to the person who wrote. */
export function reply(payload: OutboundPayload): Outgoing {
  return { payload };
}

export function text(value: string): Outgoing {
  return { payload: { kind: 'text', text: value } };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
