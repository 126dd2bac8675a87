import { randomInt } from 'node:crypto';
import { generateInviteCode } from '../../domain/invite-code.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import type { Role } from '../generated/enums.ts';

/** A join code works a week: long enough to find the phone, short enough not to linger. */
export const JOIN_CODE_DAYS = 7;

/**
 * A one-use code that attaches the chat it is sent from to this person (InviteCode.personId),
 * rather than making someone new: how a staff member added from the command line, or anyone
 * signed in, adds Telegram or WhatsApp. The cohort and role are theirs already; joining with it
 * enrols nobody. A new code revokes the person's earlier unused ones. Audited as their own action.
 */
export async function createJoinCode(
  db: Database,
  request: { personId: string; cohortId: string; role: Role; now: Date },
): Promise<{ code: string; expiresAt: Date }> {
  const expiresAt = new Date(request.now.getTime() + JOIN_CODE_DAYS * 24 * 3600_000);
  return db.$transaction(async (tx) => {
    // One live join code at a time: a new one replaces those not used yet.
    await tx.inviteCode.updateMany({
      where: { personId: request.personId, revokedAt: null, uses: 0 },
      data: { revokedAt: request.now },
    });
    // A clash with an existing code is astronomically rare: another draw settles it.
    let code = generateInviteCode(randomInt);
    while (await tx.inviteCode.findUnique({ where: { code }, select: { id: true } }))
      code = generateInviteCode(randomInt);
    const row = await tx.inviteCode.create({
      data: {
        code,
        cohortId: request.cohortId,
        role: request.role,
        personId: request.personId,
        maxUses: 1,
        expiresAt,
        createdById: request.personId,
      },
      select: { id: true },
    });
    await recordStaffAction(tx, {
      actorId: request.personId,
      action: 'invite.join_code',
      entity: 'InviteCode',
      entityId: row.id,
      details: { cohortId: request.cohortId, expiresAt: expiresAt.toISOString() },
    });
    return { code, expiresAt };
  });
}
