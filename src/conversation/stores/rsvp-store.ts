import type { RsvpAnswer } from '../../domain/sessions/session-definition.ts';
import type { SessionDetails } from '../notices/session-details.ts';

/** An invitation as the person invited sees it: the session, their venue and their answer. */
export interface InvitationView extends SessionDetails {
  cancelled: boolean;
  rsvp: RsvpAnswer | null;
  /** Whether their attendance is recorded (by code or roll call). */
  attended: boolean;
  /** Their place on the venue's waiting list (1 is next); null when they are not waiting. */
  waitlistPosition: number | null;
}

/** Someone given a seat from the waiting list, with what it takes to tell them in their language and time. */
export interface PromotedInvitation extends InvitationView {
  personId: string;
  recipient: { locale: string | null; timeZone: string };
  programme: { defaultLocale: string };
}

/** What became of an answer. */
export type RsvpOutcome =
  /** Not an invitation of this person's that asks for an answer (someone else's, or gone). */
  | { outcome: 'not_found' }
  /** Nothing changed: the session was cancelled, or its venue's start (or end) has passed. */
  | { outcome: 'cancelled' | 'started' | 'ended'; invitation: InvitationView }
  | {
      outcome: 'answered';
      invitation: InvitationView;
      /** Whether they were on the waiting list before this answer. */
      wasWaiting: boolean;
      /** Others given a seat that this answer freed. */
      promoted: PromotedInvitation[];
    };

/** A person's invitations to sessions and their answers: coming, maybe, cannot come. */
export interface RsvpStore {
  /** The person's invitations to sessions not cancelled and not yet ended at `now`, soonest first. */
  upcomingInvitations: (personId: string, now: Date) => Promise<InvitationView[]>;
  /**
   * Records a person's answer to their own invitation, until their venue's start. A yes when the
   * venue is full puts them on its waiting list; a seat freed goes to the first waiting, in the
   * same transaction. Seats are counted with the venue locked, so two people never both get the last.
   */
  answerInvitation: (answer: {
    invitationId: string;
    personId: string;
    answer: RsvpAnswer;
    at: Date;
  }) => Promise<RsvpOutcome>;
}
