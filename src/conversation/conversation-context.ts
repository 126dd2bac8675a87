import type { Language } from '../domain/programme/language.ts';
import type { Translate } from '../i18n.ts';

/** The person an event comes from, as the conversation needs to know them. */
export interface PersonView {
  id: string;
  locale: Language | null;
  displayName: string | null;
  roles: ('participant' | 'mentor' | 'staff')[];
}

/** What the conversation may change; implemented by the store, inside the event's transaction. */
export interface ConversationStore {
  setLocale: (personId: string, locale: Language) => Promise<void>;
}

/** Why a media file a person sent could not be kept (too large, unreadable). */
export type MediaProblem = { kind: 'too-large'; maxBytes: number } | { kind: 'unreadable' };

export interface ConversationContext {
  person: PersonView;
  /** Language of people who have not chosen one. */
  defaultLanguage: Language;
  translate: Translate;
  store: ConversationStore;
  /** Set for a media event whose file could not be stored. */
  mediaProblem?: MediaProblem;
}
