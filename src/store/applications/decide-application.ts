import type { ApplicationDecisionFacts } from '../../conversation/notices/application-decision-notice.ts';
import { applicationCallJson } from '../../domain/applications/application-call.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { outsideQuietHours } from '../../domain/quiet-hours.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type OutboxRow } from '../outbox/outbox.ts';
import { preferredIdentity } from '../people/person-view.ts';
import type { ApplicationDecision } from './list-applications.ts';

/** A decision that may not be taken (any more): told decisions are final, but a waiting list. */
export class DecisionNotAllowedError extends Error {
  override readonly name = 'DecisionNotAllowedError';
  constructor(
    message: string,
    readonly reason: 'not_submitted' | 'final' | 'same',
  ) {
    super(message);
  }
}

const AUDIT_ACTIONS = {
  accepted: 'application.accept',
  declined: 'application.decline',
  waiting_list: 'application.waiting_list',
} as const;

/** The decisions that may follow the one already taken: none follows a final one. */
export function nextDecisions(current: ApplicationDecision | null): ApplicationDecision[] {
  if (current === null) return ['accepted', 'declined', 'waiting_list'];
  return current === 'waiting_list' ? ['accepted', 'declined'] : [];
}

/**
 * Decides a handed-in application, in one transaction: the decision, who took it and when; for
 * an accepted applicant the participant enrolment in the call's cohort (joining still to finish)
 * and the participant role; for a declined one the instant it is erased (the call's
 * keep_declined after the decision). The applicant is told in their language on the channel they
 * last wrote from, outside the quiet hours in their zone, and an accepted one is asked the next
 * joining question (`joining`). Audited. Returns the outbox rows to queue once it has committed.
 */
export async function decideApplication(
  db: Database,
  request: {
    applicationId: string;
    callId: string;
    actorId: string;
    decision: ApplicationDecision;
    now: Date;
    notice: (facts: ApplicationDecisionFacts) => OutboundPayload;
    joining: (
      tx: Prisma.TransactionClient,
      accepted: { enrolmentId: string; personId: string },
    ) => Promise<OutboundPayload[]>;
  },
): Promise<{ outbox: OutboxRow[]; enrolmentId: string | null }> {
  const { applicationId, decision, now } = request;
  return db.$transaction(async (tx) => {
    const application = await tx.application.findFirst({
      where: { id: applicationId, callId: request.callId, person: { erasedAt: null } },
      include: {
        person: {
          select: {
            displayName: true,
            locale: true,
            roles: true,
            timeZone: true,
            optedOutAt: true,
            hub: { select: { timeZone: true } },
          },
        },
        call: {
          select: {
            cohortId: true,
            keepDeclinedDays: true,
            notices: true,
            programme: { select: { name: true, defaultLocale: true, settings: true } },
          },
        },
      },
    });
    if (!application) throw new NotFoundError(`application ${applicationId} is not one the viewer may see`);
    if (application.status !== 'submitted')
      throw new DecisionNotAllowedError(`application ${applicationId} is not handed in`, 'not_submitted');
    if (application.decision === decision)
      throw new DecisionNotAllowedError(`application ${applicationId} is already ${decision}`, 'same');
    if (!nextDecisions(application.decision).includes(decision))
      throw new DecisionNotAllowedError(
        `application ${applicationId} was ${application.decision}: that decision is final`,
        'final',
      );
    // Declined, or left on the waiting list, it is kept keep_declined after the decision; accepted, it is the participant's.
    const eraseAfter =
      decision === 'accepted' ? null : new Date(now.getTime() + application.call.keepDeclinedDays * 24 * 3600_000);
    // Conditional on the decision read: of two staff deciding at once, one does.
    const { count } = await tx.application.updateMany({
      where: { id: applicationId, decision: application.decision },
      data: { decision, decidedAt: now, decidedById: request.actorId, eraseAfter },
    });
    if (count === 0) throw new DecisionNotAllowedError(`application ${applicationId} was decided meanwhile`, 'final');

    const { personId, person } = application;
    let enrolmentId: string | null = null;
    if (decision === 'accepted') {
      const enrolment = await tx.enrolment.upsert({
        where: { personId_cohortId: { personId, cohortId: application.call.cohortId } },
        create: {
          personId,
          cohortId: application.call.cohortId,
          role: 'participant',
          status: 'active',
          joinedAt: null,
        },
        update: {},
        select: { id: true },
      });
      enrolmentId = enrolment.id;
      if (!person.roles.includes('participant'))
        await tx.person.update({ where: { id: personId }, data: { roles: { push: 'participant' } } });
    }

    const programme = application.call.programme;
    const settings = parseProgrammeSettings(programme.settings);
    const identityId = person.optedOutAt ? null : await preferredIdentity(tx, personId);
    let outbox: OutboxRow[] = [];
    if (identityId) {
      const payloads = [
        request.notice({
          decision,
          recipient: person,
          programme: { name: programme.name as LocalizedText, defaultLocale: programme.defaultLocale },
          notices: applicationCallJson.notices.parse(application.call.notices),
        }),
        ...(enrolmentId ? await request.joining(tx, { enrolmentId, personId }) : []),
      ];
      const plannedAt = outsideQuietHours(now, settings.quietHours, personTimeZone(person, settings.timeZone));
      outbox = await addOutboundMessages(
        tx,
        payloads.map((payload, index) => ({
          personId,
          channelIdentityId: identityId,
          purpose: 'application_decision',
          dedupKey: `application-decision-${applicationId}-${decision}-${index}`,
          plannedAt,
          payload,
        })),
        now,
      );
      await tx.application.update({ where: { id: applicationId }, data: { decisionToldAt: now } });
    }
    await recordStaffAction(tx, {
      actorId: request.actorId,
      action: AUDIT_ACTIONS[decision],
      entity: 'Application',
      entityId: applicationId,
      details: { from: application.decision, to: decision, notified: outbox.length > 0 },
    });
    return { outbox, enrolmentId };
  });
}
