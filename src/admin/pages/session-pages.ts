import type { FastifyInstance } from 'fastify';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { registerSessionExportRoutes } from '../exports/session-export-routes.ts';
import { registerRollCallPage } from './roll-call-page.ts';
import { registerSessionPage } from './session-page.ts';
import { registerSessionsPage } from './sessions-page.ts';

/** The Sessions pages that show and record: the list, a session, a venue's roll call, and sessions.csv. */
export function registerSessionPages(app: FastifyInstance, deps: AdminDependencies): void {
  registerSessionsPage(app, deps);
  registerSessionPage(app, deps);
  registerRollCallPage(app, deps);
  registerSessionExportRoutes(app, deps);
}
