import type { ChannelName, InboundEvent } from '../domain/inbound-event.ts';

export type InboundEventLike = InboundEvent;
import type { OutboundPayload } from '../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../domain/programme/language.ts';
import type { SegmentFilter } from '../domain/segment.ts';
import type { QuestionDefinition } from '../domain/programme/programme-definition.ts';
import type { Translate } from '../i18n.ts';

export type Role = 'participant' | 'mentor' | 'staff';
export type EnrolmentStatus = 'active' | 'paused' | 'stopped' | 'selected' | 'not_selected';

/** The person an event comes from, as the conversation needs to know them. */
export interface PersonView {
  id: string;
  locale: Language | null;
  displayName: string | null;
  roles: Role[];
  hubId: string | null;
  /** Their own time zone, else their hub's, else the programme's. */
  timeZone: string;
  optedOutAt: Date | null;
  erasedAt: Date | null;
  /** Set while the person is asked to consent to a programme's new consent text. */
  consentAskedAt: Date | null;
}

/** A programme whose new consent text the person must answer first. */
export interface PendingConsentView {
  programmeId: string;
  programmeName: LocalizedText;
  version: string;
  text: LocalizedText;
}

export interface EnrolmentView {
  id: string;
  cohortId: string;
  cohortName: LocalizedText;
  role: Role;
  status: EnrolmentStatus;
  pausedUntil: Date | null;
  programme: ProgrammeView;
}

export interface ProgrammeView {
  id: string;
  name: LocalizedText;
  languages: Language[];
  timeZone: string;
  consent: { version: string; text: LocalizedText };
}

/** A dialogue of several steps in progress, kept between messages. */
export interface FlowState {
  flow: string;
  step: string;
  data: Record<string, unknown>;
}

export interface InviteView {
  id: string;
  cohortId: string;
  role: Role;
  expiresAt: Date | null;
  revokedAt: Date | null;
  uses: number;
  maxUses: number;
}

export interface HubView {
  id: string;
  key: string;
  name: LocalizedText;
  timeZone: string;
  country: string;
}

/** A question of an exercise, as stored. */
export interface QuestionView extends QuestionDefinition {
  id: string;
}

export interface SubmissionView {
  id: string;
  status: 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';
  late: boolean;
  currentPosition: number;
  releaseAt: Date;
  deadlineAt: Date;
  submittedAt: Date | null;
  exercise: {
    id: string;
    key: string;
    title: LocalizedText;
    intro: LocalizedText;
    graceMinutes: number;
    closesAfterMinutes: number;
    questions: QuestionView[];
  };
  answers: { questionId: string; value: unknown; skipped: boolean; mediaFileId: string | null }[];
}

/** What the conversation reads and changes; implemented by the store, inside the event's transaction. */
export interface ConversationStore {
  setLocale: (personId: string, locale: Language) => Promise<void>;
  setDisplayName: (personId: string, name: string) => Promise<void>;
  setHub: (personId: string, hubId: string) => Promise<void>;

  getState: (personId: string) => Promise<FlowState | null>;
  setState: (personId: string, state: FlowState) => Promise<void>;
  clearState: (personId: string) => Promise<void>;

  enrolments: (personId: string) => Promise<EnrolmentView[]>;
  findInvite: (code: string) => Promise<InviteView | null>;
  /**
   * Uses the invite (atomically, within its limit) and enrols the person; null when it was used up
   * meanwhile. `previousStatus` is the status of an enrolment the person already had in the cohort.
   */
  redeemInvite: (
    invite: InviteView,
    personId: string,
  ) => Promise<(EnrolmentView & { previousStatus: EnrolmentStatus | null }) | null>;
  /**
   * Undoes a join refused at the consent step: a new enrolment goes, one the person had before gets
   * its previous status back (its history stays); the invite is usable again.
   */
  /** The person gave everything joining asks for: from now on they get exercises and announcements. */
  finishJoining: (enrolmentId: string, at: Date) => Promise<void>;
  cancelJoin: (enrolmentId: string, inviteId: string | null, previousStatus: EnrolmentStatus | null) => Promise<void>;
  recordConsent: (
    personId: string,
    programmeId: string,
    given: boolean,
    version: string,
    locale: Language,
  ) => Promise<void>;
  /** The first programme whose new consent text the person agreed to no version of yet, having agreed to an earlier one. */
  pendingConsent: (personId: string) => Promise<PendingConsentView | null>;
  /** Marks the person as asked to consent again (delivery holds all but replies), or no longer. */
  setConsentAsked: (personId: string, at: Date | null) => Promise<void>;
  hubs: (programmeId: string) => Promise<HubView[]>;

  /**
   * Moves the person's enrolments to `status`; returns how many changed. `stopped` keeps a selection
   * decision aside and `active` (RESUME) gives it back.
   */
  setEnrolmentStatus: (personId: string, status: EnrolmentStatus, pausedUntil: Date | null) => Promise<number>;
  setOptedOut: (personId: string, at: Date | null) => Promise<void>;

  submissions: (personId: string) => Promise<SubmissionView[]>;
  saveAnswer: (
    submissionId: string,
    questionId: string,
    answer: { value: unknown; skipped: boolean; mediaFileId: string | null; answeredAt: Date },
  ) => Promise<void>;
  moveTo: (submissionId: string, position: number, status: 'in_progress') => Promise<void>;
  submit: (submissionId: string, at: Date, late: boolean) => Promise<void>;
  mediaFileFor: (channel: ChannelName, platformFileId: string) => Promise<string | null>;

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
  addCheckInNote: (checkInId: string, note: string) => Promise<void>;
  /** The milestones of the person's action plan, in order (none before a mentor is assigned). */
  milestones: (personId: string) => Promise<MilestoneView[]>;
  /**
   * Records a participant's report on one of their own milestones, with the status it had before;
   * null when the milestone is not theirs. A blocker note stays until the milestone is blocked again.
   */
  reportMilestone: (
    milestoneId: string,
    personId: string,
    status: MilestoneReport,
    at: Date,
  ) => Promise<(MilestoneView & { previousStatus: MilestoneView['status'] }) | null>;
  addMilestoneNote: (milestoneId: string, note: string) => Promise<void>;
  /** The latest message written for the person: what it was for, its choice ids (if any), and when it went out (null while not sent). */
  latestOutbound: (personId: string) => Promise<{ purpose: string; choiceIds: string[]; sentAt: Date | null } | null>;

  /** The programmes the person is staff of. */
  staffProgrammes: (personId: string) => Promise<StaffProgrammeView[]>;
  previewAudience: (
    programmeId: string,
    filter: SegmentFilter,
    now: Date,
  ) => Promise<{ recipients: number; whatsappOutsideWindow: number }>;
  createBroadcast: (broadcast: {
    programmeId: string;
    filter: SegmentFilter;
    texts: Partial<Record<Language, string>>;
    scheduledAt: Date;
    createdById: string;
  }) => Promise<string>;
  cohortStats: (programmeId: string) => Promise<CohortStats[]>;

  /** A readable account of everything stored about the person. */
  personalData: (personId: string) => Promise<PersonalData>;
  /** Erases the person's personal data and answers; anonymous counts stay. */
  erase: (personId: string, at: Date) => Promise<void>;

  /**
   * A fresh one-time dashboard sign-in link for staff and mentors with mentees, or why not. Asked
   * `via` the simulator, none for a person who also has a Telegram or WhatsApp identity: whoever
   * holds the simulator's key must not become them.
   */
  dashboardLink: (personId: string, now: Date, via: ChannelName) => Promise<DashboardLinkResult>;
}

export type CheckInSignal = 'on_track' | 'needs_attention' | 'no_contact';

/** A dashboard link (`url` is only a path when PUBLIC_URL is not set), or why the person may not have one. */
export type DashboardLinkResult =
  | { ok: true; url: string; minutes: number }
  | {
      ok: false;
      reason: 'unknown' | 'participant' | 'not_staff' | 'no_mentees' | 'erased' | 'opted_out' | 'not_in_simulator';
    };

/** What a participant answers to a milestone follow-up. */
export type MilestoneReport = 'done' | 'in_progress' | 'blocked';

export interface MilestoneView {
  id: string;
  position: number;
  /** As the participant was given it; `titles` has it in each language when the programme still defines it. */
  title: string;
  titles: LocalizedText;
  /** YYYY-MM-DD, the participant's local date. */
  dueOn: string;
  status: 'pending' | MilestoneReport;
  /** The cohort of the plan: its mentors are the ones told. */
  cohortId: string;
  note: string | null;
  followedUpAt: Date | null;
  reportedAt: Date | null;
}

export interface MenteeView {
  id: string;
  displayName: string | null;
  done: number;
  late: number;
  missing: number;
  lastMessageAt: Date | null;
  lastSignal: CheckInSignal | null;
}

export interface StaffProgrammeView {
  id: string;
  name: LocalizedText;
  languages: Language[];
  timeZone: string;
  cohorts: { id: string; name: LocalizedText }[];
  hubs: { id: string; key: string; name: LocalizedText; country: string }[];
}

export interface CohortStats {
  name: LocalizedText;
  byStatus: Record<string, number>;
  exercises: { title: LocalizedText; submitted: number; late: number; missing: number; open: number }[];
}

export interface PersonalData {
  displayName: string | null;
  locale: string | null;
  hub: string | null;
  timeZone: string;
  channels: { channel: ChannelName; platformId: string; phoneNumber: string | null; username: string | null }[];
  enrolments: { cohort: string; role: string; status: string }[];
  consents: { given: boolean; version: string; at: Date }[];
  submissions: { exercise: string; status: string; late: boolean; answers: number }[];
  checkIns: number;
  messagesReceived: number;
  messagesSent: number;
}

/** Why a media file a person sent could not be kept (too large, unreadable). */
export type MediaProblem = { kind: 'too-large'; maxBytes: number } | { kind: 'unreadable' };

/** A message to send: to the person who wrote, or to someone else (a mentor, a mentee). */
export interface Outgoing {
  payload: OutboundPayload;
  /** Another person; by default the reply goes back on the channel the event came from. */
  toPersonId?: string;
  purpose?: string;
  /** Other people the message names or quotes (a mentee named to their mentor): erasing them scrubs it. */
  about?: string[];
}

export interface ConversationContext {
  person: PersonView;
  /** Language of people who have not chosen one. */
  defaultLanguage: Language;
  translate: Translate;
  store: ConversationStore;
  now: () => Date;
  /** Set for a media event whose file could not be stored. */
  mediaProblem?: MediaProblem;
}
