import type { HelpLevel } from '../../domain/help-desk/help-routing.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';

/**
 * The level at which someone of the team answers a person: as their mentor when they mentor them
 * in that cohort, as a trainer when they run the person's hub there, else as staff. The person
 * reads it ("your mentor Awa", "the trainer Aline").
 */
export function viewerHelpLevel(
  scope: DashboardScope,
  person: { personId: string; cohortId: string; hubId: string | null },
): HelpLevel {
  if (scope.role === 'staff') return 'staff';
  if (scope.mentees?.some((m) => m.cohortId === person.cohortId && m.menteeId === person.personId)) return 'mentor';
  if (scope.hubs?.some((h) => h.cohortId === person.cohortId && h.hubId === person.hubId)) return 'trainer';
  return scope.role;
}
