import type { ChannelName } from '../../domain/inbound-event.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { ProgrammeConsent } from '../../domain/programme/consent-for-role.ts';

export type Role = 'participant' | 'mentor' | 'trainer' | 'staff';
export type EnrolmentStatus = 'active' | 'paused' | 'stopped' | 'selected' | 'not_selected';

export interface ProgrammeView {
  id: string;
  name: LocalizedText;
  languages: Language[];
  timeZone: string;
  consent: ProgrammeConsent;
}

export interface EnrolmentView {
  id: string;
  cohortId: string;
  cohortName: LocalizedText;
  role: Role;
  status: EnrolmentStatus;
  pausedUntil: Date | null;
  /** When the person finished joining; null while the joining questions are still open. */
  joinedAt: Date | null;
  programme: ProgrammeView;
}

/** A dashboard link (`url` is only a path when PUBLIC_URL is not set), or why the person may not have one. */
export type DashboardLinkResult =
  | { ok: true; url: string; minutes: number }
  | {
      ok: false;
      reason:
        | 'unknown'
        | 'participant'
        | 'not_staff'
        | 'no_mentees'
        | 'no_hubs'
        | 'erased'
        | 'opted_out'
        | 'not_in_simulator';
    };

/** The person's own settings and enrolments, and their way into the dashboard. */
export interface AccountStore {
  setLocale: (personId: string, locale: Language) => Promise<void>;
  /** The person's enrolments, oldest first. */
  enrolments: (personId: string) => Promise<EnrolmentView[]>;
  /**
   * A fresh one-time dashboard sign-in link for staff and mentors with mentees, or why not. Asked
   * `via` the simulator, none for a person who also has a Telegram or WhatsApp identity: whoever
   * holds the simulator's key must not become them.
   */
  dashboardLink: (personId: string, now: Date, via: ChannelName) => Promise<DashboardLinkResult>;
}
