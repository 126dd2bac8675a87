import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/** One line of the audit log: who did what to which row. */
interface StaffAction {
  actorId: string | null;
  /** Dotted verb, e.g. `dashboard.sign_in`, `broadcast.send`, `enrolment.select`. */
  action: string;
  /** The model acted on, e.g. `StaffSession`, `Broadcast`, `Enrolment`. */
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/** Writes an AuditLog row; every state change made from the dashboard calls it (in the same transaction when given one). */
export async function recordStaffAction(db: Database | Prisma.TransactionClient, action: StaffAction): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: action.actorId,
      action: action.action,
      entity: action.entity,
      entityId: action.entityId ?? null,
      ...(action.details && { details: action.details as Prisma.InputJsonValue }),
    },
  });
}
