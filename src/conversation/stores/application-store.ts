import type { ApplicationConsent } from '../../domain/applications/application-call.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { QuestionDefinition } from '../../domain/programme/programme-definition.ts';

/** A programme's call for applications, as the chat reads it. */
export interface ApplicationCallView {
  id: string;
  programmeId: string;
  programmeName: LocalizedText;
  /** The programme's time zone: when the call opens is told in it to someone whose own is not known. */
  programmeTimeZone: string;
  cohortId: string;
  opensAt: Date;
  closesAt: Date;
  reminderOffsets: number[];
  intro: LocalizedText;
  thanks: LocalizedText;
  consent: ApplicationConsent;
  questions: QuestionDefinition[];
  /** The countries of the programme's hubs, offered first when the applicant is asked theirs. */
  hubCountries: string[];
}

/** One person's application to a call, with the answers given so far (keyed by the question's key). */
export interface ApplicationView {
  id: string;
  callId: string;
  status: 'started' | 'submitted';
  currentPosition: number;
  consentVersion: string | null;
  city: string | null;
  submittedAt: Date | null;
  /** What staff decided; null until they do. */
  decision: 'accepted' | 'declined' | 'waiting_list' | null;
  answers: { questionKey: string; value: unknown; skipped: boolean; mediaFileId: string | null }[];
}

/** An applicant's application in chat: the calls, their application, their answers one by one. */
export interface ApplicationStore {
  /** Every programme's call, opening soonest first. */
  applicationCalls: () => Promise<ApplicationCallView[]>;
  /** The person's applications, oldest first. */
  applications: (personId: string) => Promise<ApplicationView[]>;
  /** Starts the person's application to the call once they consented (kept as it is if it exists). */
  createApplication: (
    callId: string,
    personId: string,
    start: { consentVersion: string; nextReminderAt: Date | null },
  ) => Promise<ApplicationView>;
  setApplicationCity: (applicationId: string, city: string) => Promise<void>;
  saveApplicationAnswer: (
    applicationId: string,
    questionKey: string,
    answer: { value: unknown; skipped: boolean; mediaFileId: string | null; answeredAt: Date },
  ) => Promise<void>;
  moveApplicationTo: (applicationId: string, position: number) => Promise<void>;
  /** Forgets every answer of the application (their files stay stored), to start the questions over. */
  clearApplicationAnswers: (applicationId: string) => Promise<void>;
  /** Hands the application in: no reminder is due any more. */
  submitApplication: (applicationId: string, at: Date) => Promise<void>;
}
