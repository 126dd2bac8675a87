import type { ConversationStore } from '../conversation/stores/conversation-store.ts';
import type { Prisma } from './generated/client.ts';
import { createAccountStore, type AccountStoreOptions } from './conversation/account-store.ts';
import { createApplicationStore } from './conversation/application-store.ts';
import { createAttendanceStore } from './conversation/attendance-store.ts';
import { createBroadcastStore, type BroadcastStoreOptions } from './conversation/broadcast-store.ts';
import { createConsentStore } from './conversation/consent-store.ts';
import { createCountryStore } from './conversation/country-store.ts';
import { createDialogueStateStore } from './conversation/dialogue-state-store.ts';
import { createExerciseStore } from './conversation/exercise-store.ts';
import { createHelpDeskStore } from './conversation/help-desk-store.ts';
import { createJoiningStore, type JoiningStoreOptions } from './conversation/joining-store.ts';
import { createLinkStore } from './conversation/link-store.ts';
import { createMentoringStore, type MentoringStoreOptions } from './conversation/mentoring-store.ts';
import { createMilestoneStore } from './conversation/milestone-store.ts';
import { createOfflineStore } from './conversation/offline-store.ts';
import { createPrivacyStore, type PrivacyStoreOptions } from './conversation/privacy-store.ts';
import { createRsvpStore } from './conversation/rsvp-store.ts';
import { createSessionFeedbackStore } from './conversation/session-feedback-store.ts';
import { createTeamHelpStore } from './conversation/team-help-store.ts';

export { exerciseView } from './conversation/exercise-store.ts';

/** What the event's handling wants told (a broadcast, an erasure, whom a message is about) and the settings it needs. */
type ConversationStoreOptions = AccountStoreOptions &
  BroadcastStoreOptions &
  JoiningStoreOptions &
  MentoringStoreOptions &
  PrivacyStoreOptions;

/** All the conversation's reads and changes, in the transaction that handles the event. */
export function createConversationStore(
  tx: Prisma.TransactionClient,
  options: ConversationStoreOptions = {},
): ConversationStore {
  return {
    ...createDialogueStateStore(tx),
    ...createAccountStore(tx, options),
    ...createJoiningStore(tx, options),
    ...createConsentStore(tx),
    ...createExerciseStore(tx),
    ...createMentoringStore(tx, options),
    ...createMilestoneStore(tx),
    ...createBroadcastStore(tx, options),
    ...createPrivacyStore(tx, options),
    ...createOfflineStore(tx),
    ...createRsvpStore(tx),
    ...createSessionFeedbackStore(tx),
    ...createAttendanceStore(tx),
    ...createHelpDeskStore(tx),
    ...createTeamHelpStore(tx),
    ...createApplicationStore(tx),
    ...createCountryStore(tx),
    ...createLinkStore(tx, options),
  };
}
