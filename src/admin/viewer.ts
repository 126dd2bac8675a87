import type { Language } from '../domain/programme/language.ts';

/**
 * Who is looking at the dashboard, resolved from their session on every request. Staff see the
 * programmes they are staff of; a mentor sees only their current mentees. Participants have no
 * dashboard: they cannot sign in.
 */
export interface Viewer {
  personId: string;
  name: string;
  /** Language the dashboard is shown in (the person's own, else the default). */
  language: Language;
  role: 'staff' | 'mentor';
  /** Programmes the viewer may see (staff: where they are staff; mentor: their mentees'). */
  programmeIds: string[];
  /** Cohorts the viewer may see. */
  cohortIds: string[];
  /** Mentors only: the people they currently mentor. Null for staff (they see whole cohorts). */
  menteeIds: string[] | null;
  sessionId: string;
  /** To put in every form (`csrfField`); checked on every POST. */
  csrfToken: string;
}
