import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

interface Revocation {
  inviteCodeId: string;
  /** The cohorts the person revoking may act on: a code of another cohort is not found. */
  cohortIds: string[];
  actorId: string;
  now: Date;
}

/**
 * Revokes an invite code: nobody can join with it any more (those who joined stay). Revoking a
 * code already revoked changes nothing and records nothing. Throws NotFoundError for a code that
 * does not exist or is not of the given cohorts.
 * @returns whether the code was revoked now (false: it already was)
 */
export async function revokeInviteCode(
  db: Database,
  revocation: Revocation,
): Promise<{ code: string; revoked: boolean }> {
  return db.$transaction(async (tx) => {
    const invite = await tx.inviteCode.findFirst({
      where: { id: revocation.inviteCodeId, cohortId: { in: revocation.cohortIds }, personId: null },
      select: { code: true, cohortId: true },
    });
    if (!invite) throw new NotFoundError(`invite code ${revocation.inviteCodeId} is not visible`);
    // Conditional: two staff pressing Revoke together record one revocation.
    const { count } = await tx.inviteCode.updateMany({
      where: { id: revocation.inviteCodeId, revokedAt: null },
      data: { revokedAt: revocation.now },
    });
    if (count === 0) return { code: invite.code, revoked: false };
    await recordStaffAction(tx, {
      actorId: revocation.actorId,
      action: 'invite.revoke',
      entity: 'Cohort',
      entityId: invite.cohortId,
      details: { code: invite.code },
    });
    return { code: invite.code, revoked: true };
  });
}
