import type { Language } from '../domain/programme/language.ts';
import type { TrainerHubInCohort } from '../store/access/visible-enrolments.ts';

/**
 * Who is looking at the dashboard, resolved from their session on every request. Staff see the
 * programmes they are staff of; a mentor sees only their current mentees, each in the cohort they
 * mentor them in; a trainer only the participants of the hubs they run (`visibleEnrolments`).
 * Participants have no dashboard: they cannot sign in.
 */
export interface Viewer {
  personId: string;
  name: string;
  /** Language the dashboard is shown in (`dashboardLanguage`: chosen on the dashboard, else their chat language, else the default). */
  language: Language;
  /** Where the viewer lives (their own zone, else their hub's, else their programme's): times without a place of their own are shown in it. */
  timeZone: string;
  role: 'staff' | 'mentor' | 'trainer';
  /** Programmes the viewer may see (staff: where they are staff; mentor: their mentees'). */
  programmeIds: string[];
  /** Cohorts the viewer may see (a mentor: those of their current assignments). */
  cohortIds: string[];
  /**
   * Mentors only: their current assignments, each a mentee *in one cohort*. A mentee enrolled in
   * another cohort too is not visible there unless that pair is an assignment as well. Null for
   * staff (they see whole cohorts).
   */
  mentees: MenteeInCohort[] | null;
  /** Trainers only: the hubs they run, each in one cohort. Null for staff and mentors. */
  hubs: TrainerHubInCohort[] | null;
  sessionId: string;
  /** To put in every form (`csrfField`); checked on every POST. */
  csrfToken: string;
  /** The address of the page asked for (path and query), where the language switch brings the viewer back. */
  path: string;
}

/** One current mentor assignment: who is mentored, and in which cohort. */
export interface MenteeInCohort {
  cohortId: string;
  menteeId: string;
}
