import type { SelectionNoticeFacts } from '../../conversation/notices/selection-notice.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import type { OutboxRow } from '../outbox/outbox.ts';
import { decideSelection, type SelectionDecision, type SelectionOutcome } from './decide-selection.ts';

const AUDIT_ACTIONS = {
  selected: 'enrolment.select',
  not_selected: 'enrolment.not_select',
  active: 'enrolment.reactivate',
} as const;

/**
 * A staff member's selection decision, with an audit line for each enrolment it changed or
 * notified, in one transaction. The outbox rows it returns are to be queued once it has committed.
 */
export async function applySelectionDecision(
  db: Database,
  request: {
    actorId: string;
    cohortId: string;
    enrolmentIds: string[];
    decision: SelectionDecision;
    notify: boolean;
    now: Date;
    notice: (facts: SelectionNoticeFacts) => OutboundPayload;
  },
): Promise<{ outcomes: SelectionOutcome[]; outbox: OutboxRow[] }> {
  const { actorId, ...decision } = request;
  return db.$transaction(async (tx) => {
    const decided = await decideSelection(tx, decision);
    for (const outcome of decided.outcomes.filter((o) => o.changed || o.notified)) {
      await recordStaffAction(tx, {
        actorId,
        action: AUDIT_ACTIONS[request.decision],
        entity: 'Enrolment',
        entityId: outcome.enrolmentId,
        details: {
          personId: outcome.personId,
          from: outcome.from,
          to: outcome.to,
          changed: outcome.changed,
          notified: outcome.notified,
        },
      });
    }
    return decided;
  });
}
