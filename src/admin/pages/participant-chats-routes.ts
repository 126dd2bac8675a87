import type { FastifyInstance } from 'fastify';
import { personLanguage } from '../../domain/person-language.ts';
import { assertCanSeePerson } from '../../store/access/assert-can-see-person.ts';
import { NotFoundError } from '../../store/errors.ts';
import { unlinkChatByStaff } from '../../store/links/unlink-chat-by-staff.ts';
import { assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';

type UnlinkParams = { Params: { personId: string; identityId: string } };

/**
 * POST /admin/people/:personId/chats/:identityId/unlink (staff only): detaches one of a person's
 * chats, as DÉLIER does; both chats are told in the person's language, and it is audited. A
 * person's last chat stays (the page says so); mentors and trainers get 403.
 */
export function registerParticipantChatRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  app.post<UnlinkParams>('/admin/people/:personId/chats/:identityId/unlink', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const { personId, identityId } = request.params;
    await assertCanSeePerson(deps.db, viewer, personId);
    const now = deps.now();
    const result = await unlinkChatByStaff(deps.db, {
      personId,
      identityId,
      actorId: viewer.personId,
      now,
      texts: (locale, channel) => {
        const language = personLanguage({ locale }, null, deps.defaultLanguage);
        const platform = deps.translate(language, `link:channel_${channel}`);
        return {
          detached: deps.translate(language, 'link:unlinked_by_team_this', { channel: platform }),
          remaining: deps.translate(language, 'link:unlinked_by_team_other', { channel: platform }),
        };
      },
    });
    if (!result.ok) {
      if (result.reason === 'not-found') throw new NotFoundError(`chat ${identityId} is not ${personId}'s`);
      return reply.redirect(`/admin/people/${personId}?chats=last#chats`, 303);
    }
    await deps.queues.deliverOutbound(result.outbox, now);
    request.log.info({ personId, identityId }, 'chat unlinked from the dashboard');
    return reply.redirect(`/admin/people/${personId}?chats=unlinked#chats`, 303);
  });
}
