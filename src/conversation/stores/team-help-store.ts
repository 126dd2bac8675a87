import type { HelpLevel } from '../../domain/help-desk/help-routing.ts';
import type { EnrolmentStatus } from './account-store.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';

/** A message someone of the team writes to a participant from chat: words, a stored file, or both. */
export interface TeamMessageInput {
  text: string | null;
  mediaFileId: string | null;
  /** The platform's time of the message. */
  sentAt: Date;
}

/** A participant someone of the team may write to. */
export interface WritablePerson {
  id: string;
  displayName: string | null;
}

/** What the team wrote went into a conversation; what the chat needs to pass it on. */
export interface TeamMessageSent {
  conversationId: string;
  person: { id: string; displayName: string | null; locale: Language | null };
  /** How the participant reads who answers: their mentor, their city's team, the programme's team. */
  authorRole: HelpLevel;
  /** The language the programme speaks to people who chose none. */
  programmeLocale: string | null;
  /** Whether it answered something the person asked (else the team wrote first, or again). */
  answered: boolean;
}

/** Whom someone of the team may write to first from chat. */
export type WritablePeople =
  | { kind: 'list'; people: WritablePerson[] }
  /** Staff see too many people for a list in chat: they write from the dashboard's inbox. */
  | { kind: 'dashboard' }
  /** Nobody (a participant, a mentor whose mentees have all moved on). */
  | { kind: 'none' };

/** One participant of a trainer's hubs, at a glance (PARTICIPANTS). */
export interface HubParticipantView {
  id: string;
  displayName: string | null;
  hubName: LocalizedText | null;
  status: EnrolmentStatus;
  done: number;
  late: number;
  missing: number;
  lastMessageAt: Date | null;
}

/**
 * The team's side of the help desk in chat: answering a participant's conversation, writing first
 * to one of one's people, a trainer's participants. Whom someone may answer is whom they see on
 * the dashboard (staff their programme, a trainer their hubs, a mentor their mentees), checked
 * again when the message is sent.
 */
export interface TeamHelpStore {
  /** The participant of a conversation the person may answer; null when they may not (any more). */
  answerableConversation: (responderId: string, conversationId: string) => Promise<WritablePerson | null>;
  /** Adds the answer to the conversation; null when the person may no longer answer it. */
  answerConversation: (
    responderId: string,
    conversationId: string,
    message: TeamMessageInput,
    now: Date,
  ) => Promise<TeamMessageSent | null>;
  /** The people the person may write to first, in the order they are listed. */
  writablePeople: (responderId: string) => Promise<WritablePeople>;
  /** One participant the person may write to; null when they may not (any more). */
  writablePerson: (responderId: string, personId: string) => Promise<WritablePerson | null>;
  /** Starts or continues the participant's conversation with the message; null when they may not. */
  writeToPerson: (
    responderId: string,
    personId: string,
    message: TeamMessageInput,
    now: Date,
  ) => Promise<TeamMessageSent | null>;
  /** The participants of the hubs a trainer runs now, by hub then name. */
  hubParticipants: (trainerId: string, now: Date) => Promise<HubParticipantView[]>;
}
