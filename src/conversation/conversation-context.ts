import type { InboundEvent } from '../domain/inbound-event.ts';
import type { OutboundPayload } from '../domain/outbound-message.ts';
import type { Language } from '../domain/programme/language.ts';
import type { Translate } from '../i18n.ts';
import type { Role } from './stores/account-store.ts';
import type { ConversationStore } from './stores/conversation-store.ts';

// The views sit beside the store interface that returns them (./stores/*); they are named here too
// for the code outside the conversation that already imports them from this file.
export type {
  AccountStore,
  DashboardLinkResult,
  EnrolmentStatus,
  EnrolmentView,
  ProgrammeView,
  Role,
} from './stores/account-store.ts';
export type { BroadcastStore, CohortStats, StaffProgrammeView } from './stores/broadcast-store.ts';
export type { ConsentStore, PendingConsentView } from './stores/consent-store.ts';
export type { ConversationStore } from './stores/conversation-store.ts';
export type { DialogueStateStore, FlowState } from './stores/dialogue-state-store.ts';
export type { ExerciseStore, QuestionView, SubmissionView } from './stores/exercise-store.ts';
export type { HubView, InviteView, JoiningStore } from './stores/joining-store.ts';
export type { CheckInSignal, MenteeView, MentoringStore } from './stores/mentoring-store.ts';
export type { MilestoneReport, MilestoneStore, MilestoneView } from './stores/milestone-store.ts';
export type { PersonalData, PrivacyStore } from './stores/privacy-store.ts';

export type InboundEventLike = InboundEvent;

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

/** Why a media file a person sent could not be kept (too large, unreadable). */
export type MediaProblem = { kind: 'too-large'; maxBytes: number } | { kind: 'unreadable' };

/** A message to send: to the person who wrote, or to someone else (a mentor, a mentee). */
export interface Outgoing {
  payload: OutboundPayload;
  /** Another person; by default the reply goes back on the channel the event came from. */
  toPersonId?: string;
  /**
   * One chat of the recipient (this person's, or `toPersonId`'s) rather than the one the event came
   * from or the one they wrote from last: linking tells the chat that asked for the code.
   */
  toIdentityId?: string;
  purpose?: string;
  /** Other people the message names or quotes (a mentee named to their mentor): erasing them scrubs it. */
  about?: string[];
  /** Not sent after this instant (a seat at a session that has started): skipped instead. */
  notAfter?: Date;
}

/** Told when something stored could not be read and was set aside (a flow state that no longer parses). */
type ConversationLog = (message: string, details: Record<string, unknown>) => void;

/**
 * What handling an event is given. `S` is the part of the store a flow or command uses: each
 * declares it (`ConversationContext<ExerciseStore & DialogueStateStore>`), the caller gives all.
 */
export interface ConversationContext<S = ConversationStore> {
  person: PersonView;
  /** Language of people who have not chosen one. */
  defaultLanguage: Language;
  translate: Translate;
  store: S;
  now: () => Date;
  /** Set for a media event whose file could not be stored. */
  mediaProblem?: MediaProblem;
  /** Where to say that a stored state was dropped, when the caller has a logger. */
  log?: ConversationLog;
}
