import type { HelpLevel, HelpStatus } from '../../domain/help-desk/help-routing.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';

/** Someone of the team who answers a question, as a message to them and a sentence about them need. */
export interface HelpDeskResponder {
  personId: string;
  displayName: string | null;
  locale: Language | null;
}

/** Who would answer the person's question now, to tell them before they write. */
export interface HelpDeskRoute {
  /** Null when nobody at all can answer (a programme with no staff). */
  level: HelpLevel | null;
  /** The one who took their open conversation, else everyone at the level. */
  responders: HelpDeskResponder[];
  /** The person's hub (their city's team answers at the trainer level). */
  hubName: LocalizedText | null;
  /** The programme's `help_desk.escalate_after`, in minutes: roughly when an answer comes. */
  escalateAfterMinutes: number;
}

/** A message to the help desk: its words, its file (a MediaFile kept), or both. */
export interface HelpDeskMessage {
  text: string | null;
  mediaFileId: string | null;
  sentAt: Date;
  /** Only a thank-you or an "ok": a conversation waiting for the person goes on waiting. */
  thanks?: boolean;
}

/** A message added to a conversation, with what the notices to the team and the reply to the person need. */
export interface HelpDeskMessageSent {
  conversationId: string;
  outcome: 'opened' | 'reopened' | 'joined' | 'thanked';
  level: HelpLevel;
  /** The team members told of it, each in their own language. */
  notify: HelpDeskResponder[];
  escalateAfterMinutes: number;
  personName: string | null;
  hubName: LocalizedText | null;
  programmeDefaultLocale: string | null;
}

/** The participant's side of the help desk: whom they reach, and their messages to the team. */
export interface HelpDeskStore {
  /** Who answers the person now (their open conversation's level, else the routing rule); null when they cannot ask (not a participant). */
  helpDeskRoute: (personId: string) => Promise<HelpDeskRoute | null>;
  /** The person's most recent conversation, any programme: whether the team answered last, and when. */
  latestHelpConversation: (personId: string) => Promise<{ id: string; status: HelpStatus; lastMessageAt: Date } | null>;
  /** Whether a conversation is the person's own (a button under an answer may be old, or forwarded). */
  isOwnHelpConversation: (personId: string, conversationId: string) => Promise<boolean>;
  /**
   * Adds the person's message to their conversation (in the programme of `conversationId` when
   * given), opening one if need be. Null when they cannot ask or nobody can answer: nothing stored.
   */
  sendToHelpDesk: (
    personId: string,
    message: HelpDeskMessage,
    now: Date,
    conversationId?: string,
  ) => Promise<HelpDeskMessageSent | null>;
}
