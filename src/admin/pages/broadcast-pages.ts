import type { FastifyInstance } from 'fastify';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { registerExportRoutes } from '../exports/export-routes.ts';
import { registerBroadcastsPage } from './broadcasts-page.ts';
import { registerSchedulePage } from './schedule-page.ts';

/** Broadcasts and their delivery reports, the schedule preview, and the CSV and JSON exports. */
export function registerBroadcastPages(app: FastifyInstance, deps: AdminDependencies): void {
  registerBroadcastsPage(app, deps);
  registerSchedulePage(app, deps);
  registerExportRoutes(app, deps);
}
