import { randomInt } from 'node:crypto';
import { generateInviteCode } from '../../domain/invite-code.ts';
import type { Role } from '../generated/enums.ts';
import type { Database } from '../database.ts';

/** Who an invite code makes of the person joining with it. */
export const INVITE_ROLES = ['participant', 'mentor', 'trainer', 'staff'] as const satisfies readonly Role[];
export type InviteRole = (typeof INVITE_ROLES)[number];

interface NewInviteCodes {
  cohortId: string;
  role: Role;
  /** The hub a trainer joining with these codes runs (trainers only). */
  hubId?: string | null;
  count: number;
  /** How many people may join with each code. */
  maxUses?: number;
  expiresAt?: Date | null;
  createdById?: string | null;
}

/** Creates `count` unique invite codes for a cohort and records who asked. */
export async function createInviteCodes(db: Database, request: NewInviteCodes): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < request.count) codes.add(generateInviteCode(randomInt));
  return db.$transaction(async (tx) => {
    // A clash with an existing code is astronomically rare; skipDuplicates keeps it from failing
    // the whole batch, and the codes actually written are read back.
    await tx.inviteCode.createMany({
      data: [...codes].map((code) => ({
        code,
        cohortId: request.cohortId,
        role: request.role,
        hubId: request.hubId ?? null,
        maxUses: request.maxUses ?? 1,
        expiresAt: request.expiresAt ?? null,
        createdById: request.createdById ?? null,
      })),
      skipDuplicates: true,
    });
    const written = await tx.inviteCode.findMany({
      where: { code: { in: [...codes] }, cohortId: request.cohortId, role: request.role, uses: 0 },
      select: { code: true },
    });
    await tx.auditLog.create({
      data: {
        actorId: request.createdById ?? null,
        action: 'invite.create',
        entity: 'Cohort',
        entityId: request.cohortId,
        details: {
          role: request.role,
          ...(request.hubId && { hubId: request.hubId }),
          count: written.length,
          expiresAt: request.expiresAt?.toISOString() ?? null,
        },
      },
    });
    return written.map((row) => row.code);
  });
}
