import type { FastifyInstance } from 'fastify';
import { sessionCalendar } from '../conversation/notices/session-calendar.ts';
import { speakerForRecipient } from '../conversation/speaker.ts';
import type { Language } from '../domain/programme/language.ts';
import { isCalendarToken } from '../domain/sessions/calendar-link.ts';
import type { Translate } from '../i18n.ts';
import type { Database } from '../store/database.ts';
import { readCalendarInvitation } from '../store/sessions/read-calendar-invitation.ts';

const FILE = /^([A-Za-z0-9_-]{1,64})\.ics$/;

/**
 * `GET /calendar/<invitation>/<token>.ics`: the calendar file of one person's venue of a session,
 * linked from its announcement. The token (an HMAC of the invitation with CALENDAR_SECRET) makes
 * the link impossible to guess; a wrong one, or an erased person's, answers 404; a cancelled
 * session's, 410. Each with one short line, in the person's language when known.
 */
export function registerCalendarRoutes(
  app: FastifyInstance,
  deps: { db: Database; secret: string; translate: Translate; defaultLanguage: Language },
): void {
  app.get<{ Params: { invitationId: string; file: string } }>(
    '/calendar/:invitationId/:file',
    async (request, reply) => {
      const { invitationId, file } = request.params;
      const token = FILE.exec(file)?.[1];
      void reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
      const gone = (status: number, key: string, who: { locale: string | null } = { locale: null }) =>
        reply
          .code(status)
          .type('text/plain; charset=utf-8')
          .send(speakerForRecipient(who, null, deps).t(`sessions:announce.${key}`));
      if (!token || !isCalendarToken(deps.secret, invitationId, token)) return gone(404, 'calendar_gone');
      const invitation = await readCalendarInvitation(deps.db, invitationId);
      if (!invitation || invitation.person.erased) return gone(404, 'calendar_gone');
      if (invitation.cancelled) return gone(410, 'calendar_cancelled', invitation.person);
      const body = sessionCalendar(
        invitation.details,
        invitation.person,
        invitation.programme,
        deps,
        invitation.venueUpdatedAt,
      );
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="${invitation.details.session.key}.ics"`)
        .send(body);
    },
  );
}
