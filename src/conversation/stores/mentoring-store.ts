import type { Language } from '../../domain/programme/language.ts';

export type CheckInSignal = 'on_track' | 'needs_attention' | 'no_contact';

export interface MenteeView {
  id: string;
  displayName: string | null;
  done: number;
  late: number;
  missing: number;
  lastMessageAt: Date | null;
  lastSignal: CheckInSignal | null;
}

/** Mentors and their mentees: who mentors whom, and the check-ins mentors answer. */
export interface MentoringStore {
  /** The person's current mentors who can still be written to; only those of one cohort when `cohortId` is given. */
  mentorsOf: (
    menteeId: string,
    cohortId?: string,
  ) => Promise<{ id: string; displayName: string | null; locale: Language | null }[]>;
  localeOf: (personId: string) => Promise<Language | null>;
  isMentorOf: (mentorId: string, menteeId: string) => Promise<boolean>;
  menteesOf: (mentorId: string) => Promise<MenteeView[]>;
  /** Records a mentor's answer to a check-in prompt; null when the check-in is not theirs. */
  answerCheckIn: (
    checkInId: string,
    mentorId: string,
    signal: CheckInSignal,
    at: Date,
  ) => Promise<{ menteeId: string; menteeName: string | null } | null>;
  /** The mentee a check-in of this mentor's is about; null when the check-in is not theirs. */
  checkInMentee: (
    checkInId: string,
    mentorId: string,
  ) => Promise<{ menteeId: string; menteeName: string | null } | null>;
  /** Keeps the mentor's note on one of their check-ins; false when the check-in is not theirs. */
  addCheckInNote: (checkInId: string, mentorId: string, note: string) => Promise<boolean>;
}
