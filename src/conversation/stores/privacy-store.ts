import type { ChannelName } from '../../domain/inbound-event.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { EnrolmentStatus, Role } from './account-store.ts';

type SubmissionStatus = 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';

/** Everything stored about a person; names of hubs and cohorts in every language, for the reader's to be picked. */
export interface PersonalData {
  displayName: string | null;
  locale: string | null;
  hub: LocalizedText | null;
  timeZone: string;
  channels: { channel: ChannelName; platformId: string; phoneNumber: string | null; username: string | null }[];
  enrolments: { cohort: LocalizedText; role: Role; status: EnrolmentStatus }[];
  consents: { given: boolean; version: string; at: Date }[];
  /** In the order they reached the person (those still to come last, in the programme's order). */
  submissions: { title: LocalizedText; status: SubmissionStatus; late: boolean; answers: number }[];
  /** Sessions they were invited to (in the order of their start): their answer, attendance and feedback. */
  sessions: {
    title: LocalizedText;
    rsvp: 'yes' | 'maybe' | 'no' | null;
    attended: boolean;
    feedbackScore: number | null;
    feedbackComment: string | null;
  }[];
  checkIns: number;
  /** The country they gave (ISO code), applying or joining; null when not given. */
  country: string | null;
  /** Their applications to calls, oldest first: how far, how many answers and files, the city given. */
  applications: {
    programme: LocalizedText;
    status: 'started' | 'submitted';
    answers: number;
    files: number;
    city: string | null;
  }[];
  /**
   * Their help-desk conversations: how many, their messages (theirs and the team's) and the last
   * one's date; `written`: answers they wrote as a team member in others' conversations.
   */
  helpDesk: { conversations: number; messages: number; lastMessageAt: Date | null; written: number };
  messagesReceived: number;
  messagesSent: number;
}

/** What a person may ask of their data and their participation: see it, erase it, stop, pause, resume. */
export interface PrivacyStore {
  /** A readable account of everything stored about the person. */
  personalData: (personId: string) => Promise<PersonalData>;
  /** Erases the person's personal data, answers and applications; anonymous counts stay. */
  erase: (personId: string, at: Date) => Promise<void>;
  setOptedOut: (personId: string, at: Date | null) => Promise<void>;
  /**
   * Moves the person's enrolments to `status`; returns how many changed. `stopped` keeps a selection
   * decision aside and `active` (RESUME) gives it back.
   */
  setEnrolmentStatus: (personId: string, status: EnrolmentStatus, pausedUntil: Date | null) => Promise<number>;
}
