import type { ChannelName } from '../../domain/inbound-event.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { EnrolmentStatus, EnrolmentView, Role } from './account-store.ts';

export interface InviteView {
  id: string;
  cohortId: string;
  role: Role;
  /** The hub a trainer joining with this code runs; null for the other roles. */
  hubId: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  uses: number;
  maxUses: number;
  /** A join code for someone who exists already: the chat it is sent from is attached to them. */
  personId: string | null;
}

/** What sending a join code made for someone did. */
export type AttachChatResult =
  | { attached: true; name: string | null; locale: string | null; dashboardLocale: string | null }
  /** The code was used meanwhile, or the chat belongs to someone with data of their own (never merged). */
  | { attached: false; reason: 'used-up' | 'has-data' };

export interface HubView {
  id: string;
  key: string;
  name: LocalizedText;
  timeZone: string;
  country: string;
}

/** What joining with an invite code reads and changes: the invite, the enrolment, the hub and the name. */
export interface JoiningStore {
  findInvite: (code: string) => Promise<InviteView | null>;
  /**
   * Uses the invite (atomically, within its limit) and enrols the person; null when it was used up
   * meanwhile. `previousStatus` and `previousJoinedAt` are those of an enrolment the person already
   * had in the cohort: it counts as not joined until the questions are answered again.
   */
  redeemInvite: (
    invite: InviteView,
    personId: string,
  ) => Promise<(EnrolmentView & { previousStatus: EnrolmentStatus | null; previousJoinedAt: Date | null }) | null>;
  /** The person gave everything joining asks for: from now on they get exercises and announcements. */
  finishJoining: (enrolmentId: string, at: Date) => Promise<void>;
  /**
   * Undoes a join refused at the consent step: a new enrolment goes, one the person had before gets
   * its previous status and joining date back (its history stays); the invite is usable again.
   * `previousJoinedAt` is undefined for a join started before it was kept: the enrolment then
   * counts as joined when it was made.
   */
  cancelJoin: (
    enrolmentId: string,
    inviteId: string | null,
    previousStatus: EnrolmentStatus | null,
    previousJoinedAt?: Date | null,
  ) => Promise<void>;
  hubs: (programmeId: string) => Promise<HubView[]>;
  setHub: (personId: string, hubId: string) => Promise<void>;
  setDisplayName: (personId: string, name: string) => Promise<void>;
  /** Claims one use of an invite (atomically, within its limit) without enrolling; false when used up. */
  useInvite: (inviteId: string) => Promise<boolean>;
  /**
   * Makes the person a trainer of the hub in the cohort (again, if they had stopped running it);
   * the hub becomes their own (for their time zone) when they have none yet.
   */
  attachTrainerHub: (personId: string, cohortId: string, hubId: string) => Promise<void>;
  /**
   * Uses a join code made for a person (atomically, within its limit) and moves the chat the sender
   * wrote from to them; the sender's person, made for this unknown chat, goes when it holds nothing
   * else. A sender with a role, an enrolment, a consent, files, a help-desk conversation or another
   * chat is refused: two people's data are never merged silently.
   */
  attachChat: (
    invite: InviteView & { personId: string },
    fromPersonId: string,
    sender: { channel: ChannelName; platformId: string },
  ) => Promise<AttachChatResult>;
  /** The hubs the person runs now in the cohort, in the programme's order. */
  trainerHubs: (personId: string, cohortId: string) => Promise<HubView[]>;
}
