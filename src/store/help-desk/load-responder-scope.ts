import { checkDashboardAccess } from '../access/dashboard-access.ts';
import { loadViewerScope } from '../access/load-viewer-scope.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * Whom someone of the team may answer or write to from chat: the same people as on the dashboard
 * (staff their cohorts, a trainer their hubs, a mentor their mentees). Null for someone who may
 * not use the dashboard (a participant, a mentor with no mentee, someone who stopped).
 */
export async function loadResponderScope(
  db: Database | Prisma.TransactionClient,
  personId: string,
): Promise<DashboardScope | null> {
  const access = await checkDashboardAccess(db, personId);
  if (!access.allowed) return null;
  const scope = await loadViewerScope(db, personId, access.role);
  return { role: access.role, ...scope };
}
