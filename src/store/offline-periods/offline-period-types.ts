import type { LocalizedText } from '../../domain/programme/language.ts';

export type OfflineScope = 'cohort' | 'hub' | 'person';
export type OfflinePeriodState = 'upcoming' | 'current' | 'ended' | 'cancelled';
export type OfflineVia = 'dashboard' | 'chat' | 'cli';

/** Why a period was refused; the page shows it beside the field named in `field`. */
export type OfflinePeriodRefusal =
  | { reason: 'cohort_not_found'; field: 'cohort' }
  | { reason: 'hub_and_person'; field: 'scope' }
  | { reason: 'hub_not_in_cohort'; field: 'hub' }
  | { reason: 'person_not_in_cohort'; field: 'person' }
  | { reason: 'end_required'; field: 'endsAt' }
  | { reason: 'end_before_start'; field: 'endsAt' }
  | { reason: 'end_in_past'; field: 'endsAt' };

/** A period as the dashboard lists it. */
export interface OfflinePeriodView {
  id: string;
  cohortId: string;
  scope: OfflineScope;
  hubId: string | null;
  hubName: LocalizedText | null;
  /** The zone its times are typed and shown in: the hub's, or for one person their own (else their hub's); null: the programme's. */
  hubTimeZone: string | null;
  personId: string | null;
  personName: string | null;
  startsAt: Date;
  /** Null: a cohort's pause that lasts until someone resumes it. */
  endsAt: Date | null;
  moveDeadlines: boolean;
  via: OfflineVia;
  createdByName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  endedByName: string | null;
  /** cancelled: ended before it started. */
  state: OfflinePeriodState;
}

/** Someone a period concerns: a participant followed (active or selected) who has finished joining. */
export interface OfflinePersonConcerned {
  personId: string;
  enrolmentId: string;
  displayName: string | null;
  hubName: LocalizedText | null;
}

/** What a period covers: a whole cohort, one hub of it, or one person in it. */
export interface OfflinePeriodScope {
  cohortId: string;
  hubId: string | null;
  personId: string | null;
}
