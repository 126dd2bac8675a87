import { dashboardLanguage } from '../domain/dashboard-language.ts';
import type { Language } from '../domain/programme/language.ts';
import type { Database } from '../store/database.ts';
import { checkDashboardAccess } from '../store/access/dashboard-access.ts';
import { loadViewerScope } from '../store/access/load-viewer-scope.ts';
import { findDashboardLocale } from '../store/people/find-dashboard-locale.ts';
import { personView } from '../store/people/person-view.ts';
import type { StaffSessionRow } from '../store/access/staff-sessions.ts';
import { csrfTokenFor } from './csrf-token.ts';
import type { Viewer } from './viewer.ts';

/**
 * Who a session belongs to and what they may see, read again on every request so that a
 * stopped staff enrolment or an ended mentorship takes effect at once. Null when the person
 * may no longer use the dashboard. `path` is the address asked for (the language switch comes back to it).
 */
export async function loadViewer(
  db: Database,
  session: StaffSessionRow,
  defaultLanguage: Language,
  path = '/admin',
): Promise<Viewer | null> {
  const access = await checkDashboardAccess(db, session.personId);
  if (!access.allowed) return null;
  const [person, locales] = await Promise.all([
    personView(db, session.personId),
    findDashboardLocale(db, session.personId),
  ]);
  const scope = await loadViewerScope(db, session.personId, access.role);
  return {
    personId: session.personId,
    name: person.displayName ?? '',
    language: dashboardLanguage(locales, defaultLanguage),
    timeZone: person.timeZone,
    sessionId: session.id,
    csrfToken: csrfTokenFor(session),
    path,
    role: access.role,
    ...scope,
  };
}
