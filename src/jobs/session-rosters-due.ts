import { z } from 'zod';
import { SESSION_ROSTER_PURPOSE, sessionRosterText } from '../conversation/notices/session-roster.ts';
import { sessionMessageAt } from '../domain/sessions/session-message-time.ts';
import { claimSessionRoster } from '../store/sessions/claim-session-roster.ts';
import { listDueSessionRosters } from '../store/sessions/list-due-session-rosters.ts';
import { defineJob } from './job-definition.ts';

const BATCH = 200;

/**
 * Every minute: the day before a session, at 18:00 in each hub venue's zone (at once for a
 * session announced later than that), the trainers who run the hub get the list of who said yes
 * and maybe, with the attendance code. Each venue's list is claimed by setting `rosterSentAt`
 * with a conditional update, so it goes once however many workers run.
 */
export const sessionRostersDue = defineJob({
  name: 'session-rosters-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, now, queues, translate, defaultLanguage, logger }) => {
    let sent = 0;
    for (const due of await listDueSessionRosters(db, now(), BATCH)) {
      try {
        const outbound = await claimSessionRoster(
          db,
          due.venueId,
          (roster, trainer) => {
            const plannedAt = sessionMessageAt(
              now(),
              due.programme.settings.quietHours,
              trainer.timeZone,
              due.startsAt,
            );
            return [
              {
                personId: trainer.personId,
                channelIdentityId: trainer.channelIdentityId,
                purpose: SESSION_ROSTER_PURPOSE,
                dedupKey: `session-roster-${due.venueId}-${trainer.personId}`,
                plannedAt,
                notAfter: due.startsAt,
                aboutPersonIds: roster.personIds,
                payload: {
                  kind: 'text',
                  text: sessionRosterText(roster, trainer, due.programme, { translate, defaultLanguage }, now()),
                },
              },
            ];
          },
          now,
        );
        sent += outbound.length;
        if (outbound.length > 0) await queues.deliverOutbound(outbound, now());
      } catch (err) {
        // One venue whose list cannot be sent must not hold up the others.
        logger.error({ err, venueId: due.venueId }, 'could not send a session roster');
      }
    }
    return { sent };
  },
});
