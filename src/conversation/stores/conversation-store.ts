import type { AccountStore } from './account-store.ts';
import type { ApplicationStore } from './application-store.ts';
import type { AttendanceStore } from './attendance-store.ts';
import type { BroadcastStore } from './broadcast-store.ts';
import type { ConsentStore } from './consent-store.ts';
import type { CountryStore } from './country-store.ts';
import type { DialogueStateStore } from './dialogue-state-store.ts';
import type { ExerciseStore } from './exercise-store.ts';
import type { HelpDeskStore } from './help-desk-store.ts';
import type { JoiningStore } from './joining-store.ts';
import type { LinkStore } from './link-store.ts';
import type { MentoringStore } from './mentoring-store.ts';
import type { MilestoneStore } from './milestone-store.ts';
import type { OfflineStore } from './offline-store.ts';
import type { PrivacyStore } from './privacy-store.ts';
import type { RsvpStore } from './rsvp-store.ts';
import type { SessionFeedbackStore } from './session-feedback-store.ts';
import type { TeamHelpStore } from './team-help-store.ts';

/**
 * Everything the conversation reads and changes, implemented by the store inside the event's
 * transaction. Each flow and command asks only for the stores it uses.
 */
export type ConversationStore = DialogueStateStore &
  AccountStore &
  JoiningStore &
  ConsentStore &
  ExerciseStore &
  MentoringStore &
  MilestoneStore &
  BroadcastStore &
  PrivacyStore &
  OfflineStore &
  RsvpStore &
  SessionFeedbackStore &
  AttendanceStore &
  HelpDeskStore &
  TeamHelpStore &
  ApplicationStore &
  CountryStore &
  LinkStore;
