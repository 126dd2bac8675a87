import { z } from 'zod';
import { helpMessageForTeam } from '../conversation/notices/help-desk-notices.ts';
import {
  escalationForPerson,
  escalationForPreviousResponder,
  type EscalationTarget,
} from '../conversation/notices/help-escalation-notices.ts';
import type { Outgoing } from '../conversation/conversation-context.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { claimHelpEscalation, type ClaimedHelpEscalation } from '../store/help-desk/claim-help-escalation.ts';
import { listDueHelpEscalations, type DueHelpEscalation } from '../store/help-desk/list-due-help-escalations.ts';
import type { NewOutboundMessage } from '../store/outbox/outbox.ts';
import { defineJob, type JobContext } from './job-definition.ts';

const BATCH = 200;

/**
 * Every minute: passes up the help-desk conversations unanswered for the programme's
 * `help_desk.escalate_after` (mentor → the hub's trainers → the programme's staff). The level
 * above gets the person's last unanswered messages, whoever had it is told where it went, and the
 * person is told who has it now, each in their own language, out of quiet hours. Each is claimed
 * by a conditional update on `escalateAt`, so it passes up once however many workers run.
 */
export const helpDeskEscalationsDue = defineJob({
  name: 'help-desk-escalations-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, now, queues, logger } = context;
    let escalated = 0;
    for (const due of await listDueHelpEscalations(db, now(), BATCH)) {
      try {
        const outbound = await claimHelpEscalation(
          db,
          { ...due, escalateAfterMinutes: due.programme.settings.helpDesk.escalateAfterMinutes },
          (claimed) => {
            escalated++;
            return escalationMessages(claimed, due, context);
          },
          now,
        );
        if (outbound.length > 0) await queues.deliverOutbound(outbound, now());
      } catch (err) {
        // One conversation that cannot be passed up must not hold up the others.
        logger.error({ err, conversationId: due.conversationId }, 'could not pass a help-desk question up');
      }
    }
    return { escalated };
  },
});

/** What everyone concerned reads: the new level the questions, the previous one and the person a notice. */
function escalationMessages(
  claimed: ClaimedHelpEscalation,
  due: DueHelpEscalation,
  context: JobContext,
): NewOutboundMessage[] {
  const { programme } = due;
  const deps = { translate: context.translate, defaultLanguage: context.defaultLanguage };
  const level = claimed.to.level === 'mentor' ? 'trainer' : claimed.to.level;
  const target: EscalationTarget = {
    level,
    names: claimed.to.responders.map((r) => r.displayName),
    hubName: claimed.hubName,
  };
  const outgoing: Outgoing[] = [
    ...claimed.to.responders.flatMap((responder) =>
      claimed.unanswered.flatMap((content) =>
        helpMessageForTeam(
          {
            conversationId: claimed.conversationId,
            personId: claimed.person.id,
            personName: claimed.person.displayName,
            hubName: claimed.hubName,
            level: claimed.to.level,
            content,
            escalated: true,
          },
          responder,
          programme,
          deps,
        ),
      ),
    ),
    ...claimed.previous.map((responder) =>
      escalationForPreviousResponder(
        {
          personId: claimed.person.id,
          personName: claimed.person.displayName,
          afterMinutes: programme.settings.helpDesk.escalateAfterMinutes,
          target,
        },
        responder,
        programme,
        deps,
      ),
    ),
    escalationForPerson(
      target,
      { personId: claimed.person.id, locale: claimed.reach.get(claimed.person.id)?.locale ?? null },
      programme,
      deps,
    ),
  ];
  const at = context.now();
  return outgoing.flatMap((message, index) => {
    const reach = message.toPersonId ? claimed.reach.get(message.toPersonId) : undefined;
    if (!reach) return [];
    return [
      {
        personId: reach.personId,
        channelIdentityId: reach.channelIdentityId,
        purpose: message.purpose ?? 'help_escalation',
        payload: message.payload,
        dedupKey: `help-escalation:${claimed.conversationId}:${claimed.escalateAt.toISOString()}:${index}`,
        plannedAt: outsideQuietHours(at, programme.settings.quietHours, reach.timeZone),
        ...(message.about && { aboutPersonIds: message.about }),
      },
    ];
  });
}
