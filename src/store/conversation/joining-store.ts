import type { Role } from '../../conversation/stores/account-store.ts';
import type { HubView, JoiningStore } from '../../conversation/stores/joining-store.ts';
import { normalizeInviteCode } from '../../domain/invite-code.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Prisma } from '../generated/client.ts';
import { attachChat } from './attach-chat.ts';
import { enrolmentInclude, enrolmentView } from './enrolment-view.ts';

export interface JoiningStoreOptions {
  /** Told when the person being handled finishes joining (so that what was announced before reaches them). */
  onJoined?: () => void;
  /**
   * Told when a join code moved the chat being handled to another person: the replies go to them,
   * and the chat's events still waiting (`pendingEventIds`) are theirs to handle now.
   */
  onChatMoved?: (toPersonId: string, pendingEventIds: string[]) => void;
}

/** Invites redeemed and undone, and what joining asks of the person (hub, name). */
export function createJoiningStore(tx: Prisma.TransactionClient, options: JoiningStoreOptions = {}): JoiningStore {
  return {
    findInvite: async (code) => {
      const row = await tx.inviteCode.findUnique({ where: { code: normalizeInviteCode(code) } });
      return (
        row && {
          id: row.id,
          cohortId: row.cohortId,
          role: row.role,
          hubId: row.hubId,
          expiresAt: row.expiresAt,
          revokedAt: row.revokedAt,
          uses: row.uses,
          maxUses: row.maxUses,
          personId: row.personId,
        }
      );
    },
    redeemInvite: async (invite, personId) => {
      // Conditional increment: two people racing for the last use cannot both get it.
      const used =
        await tx.$executeRaw`UPDATE "InviteCode" SET uses = uses + 1 WHERE id = ${invite.id} AND uses < "maxUses"`;
      if (used === 0) return null;
      const previous = await tx.enrolment.findUnique({
        where: { personId_cohortId: { personId, cohortId: invite.cohortId } },
        select: { status: true, joinedAt: true },
      });
      const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { roles: true } });
      const roles = [...new Set<Role>([...person.roles, invite.role])];
      await tx.person.update({ where: { id: personId }, data: { roles, optedOutAt: null } });
      const row = await tx.enrolment.upsert({
        where: { personId_cohortId: { personId, cohortId: invite.cohortId } },
        // Joined once language, consent, hub and name are given (finishJoining), a returning member
        // too: until then they get nothing (cancelJoin gives the previous date back).
        create: { personId, cohortId: invite.cohortId, role: invite.role, joinedAt: null, inviteCodeId: invite.id },
        update: {
          role: invite.role,
          status: 'active',
          pausedUntil: null,
          statusChangedAt: new Date(),
          joinedAt: null,
          inviteCodeId: invite.id,
        },
        include: enrolmentInclude,
      });
      return {
        ...enrolmentView(row),
        previousStatus: previous?.status ?? null,
        previousJoinedAt: previous?.joinedAt ?? null,
      };
    },
    finishJoining: async (enrolmentId, at) => {
      const { count } = await tx.enrolment.updateMany({
        where: { id: enrolmentId, joinedAt: null },
        data: { joinedAt: at },
      });
      if (count > 0) options.onJoined?.();
    },
    cancelJoin: async (enrolmentId, inviteId, previousStatus, previousJoinedAt) => {
      const enrolment = await tx.enrolment.findUnique({
        where: { id: enrolmentId },
        select: { personId: true, role: true, createdAt: true },
      });
      if (!enrolment) return;
      if (previousStatus) {
        const joinedAt = previousJoinedAt === undefined ? enrolment.createdAt : previousJoinedAt;
        await tx.enrolment.update({ where: { id: enrolmentId }, data: { status: previousStatus, joinedAt } });
        if (inviteId) await tx.$executeRaw`UPDATE "InviteCode" SET uses = GREATEST(uses - 1, 0) WHERE id = ${inviteId}`;
        return;
      }
      await tx.enrolment.delete({ where: { id: enrolmentId } });
      const others = await tx.enrolment.findMany({ where: { personId: enrolment.personId }, select: { role: true } });
      await tx.person.update({
        where: { id: enrolment.personId },
        data: { roles: [...new Set(others.map((o) => o.role))] },
      });
      if (inviteId) await tx.$executeRaw`UPDATE "InviteCode" SET uses = GREATEST(uses - 1, 0) WHERE id = ${inviteId}`;
    },
    hubs: async (programmeId) => {
      const rows = await tx.hub.findMany({ where: { programmeId }, orderBy: { createdAt: 'asc' } });
      return rows.map(hubView);
    },
    setHub: async (personId, hubId) => {
      await tx.person.update({ where: { id: personId }, data: { hubId } });
    },
    setDisplayName: async (personId, name) => {
      await tx.person.update({ where: { id: personId }, data: { displayName: name } });
    },
    useInvite: async (inviteId) =>
      (await tx.$executeRaw`UPDATE "InviteCode" SET uses = uses + 1 WHERE id = ${inviteId} AND uses < "maxUses"`) > 0,
    attachTrainerHub: async (personId, cohortId, hubId) => {
      await tx.trainerHub.upsert({
        where: { cohortId_personId_hubId: { cohortId, personId, hubId } },
        create: { cohortId, personId, hubId },
        update: { endedAt: null },
      });
      await tx.person.updateMany({ where: { id: personId, hubId: null }, data: { hubId } });
    },
    attachChat: (invite, fromPersonId, sender) =>
      attachChat(tx, {
        invite,
        fromPersonId,
        sender,
        ...(options.onChatMoved && { onMoved: options.onChatMoved }),
      }),
    trainerHubs: async (personId, cohortId) => {
      const rows = await tx.trainerHub.findMany({
        where: { personId, cohortId, endedAt: null },
        select: { hub: true },
        orderBy: { hub: { createdAt: 'asc' } },
      });
      return rows.map((row) => hubView(row.hub));
    },
  };
}

function hubView(hub: { id: string; key: string; name: unknown; timeZone: string; country: string }): HubView {
  return {
    id: hub.id,
    key: hub.key,
    name: hub.name as LocalizedText,
    timeZone: hub.timeZone,
    country: hub.country,
  };
}
