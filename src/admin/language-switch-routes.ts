import type { FastifyInstance } from 'fastify';
import { isLanguage } from '../domain/programme/language.ts';
import { recordStaffAction } from '../store/audit/record-staff-action.ts';
import { setDashboardLocale } from '../store/people/set-dashboard-locale.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { BadRequestError } from './admin-errors.ts';
import { safeBackPath } from './back-path.ts';

/**
 * POST /admin/language: the switch in every page's header. The viewer's choice is kept on their
 * person (`dashboardLocale`), so it holds on their next sign-in and on every device; their chat
 * language is left alone. Then back to the page they were reading.
 */
export function registerLanguageSwitchRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  app.post<{ Body: { language?: unknown; back?: unknown } }>('/admin/language', async (request, reply) => {
    const viewer = request.viewer;
    const language = request.body?.language;
    if (!isLanguage(language))
      throw new BadRequestError('the language switch names no language the dashboard has', {
        key: 'dashboard:error_language',
      });
    await setDashboardLocale(deps.db, viewer.personId, language);
    await recordStaffAction(deps.db, {
      actorId: viewer.personId,
      action: 'dashboard.language',
      entity: 'Person',
      entityId: viewer.personId,
      details: { language },
    });
    return reply.redirect(safeBackPath(request.body?.back), 303);
  });
}
