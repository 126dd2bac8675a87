import type { MilestoneStore, MilestoneView } from '../../conversation/stores/milestone-store.ts';
import { milestoneTitles } from '../../domain/milestone-title.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Prisma } from '../generated/client.ts';

const milestoneInclude = {
  actionPlan: {
    select: {
      enrolment: { select: { cohortId: true, cohort: { select: { programme: { select: { settings: true } } } } } },
    },
  },
} as const;

function milestoneView(row: Prisma.MilestoneGetPayload<{ include: typeof milestoneInclude }>): MilestoneView {
  const { id, position, title, status, note, followedUpAt, reportedAt } = row;
  const { enrolment } = row.actionPlan;
  const definitions = parseProgrammeSettings(enrolment.cohort.programme.settings).actionPlan.milestones;
  const titles = milestoneTitles(row, definitions);
  return {
    id,
    position,
    title,
    titles,
    dueOn: row.dueOn.toISOString().slice(0, 10),
    status,
    cohortId: enrolment.cohortId,
    note,
    followedUpAt,
    reportedAt,
  };
}

/** Outbound statuses of a message that reached the platform. */
const WENT_OUT = new Set(['sent', 'delivered', 'read']);

/** A participant's milestones, their reports on them, and the last message written for them. */
export function createMilestoneStore(tx: Prisma.TransactionClient): MilestoneStore {
  return {
    milestones: async (personId) => {
      const rows = await tx.milestone.findMany({
        where: { actionPlan: { enrolment: { personId, role: 'participant' } } },
        include: milestoneInclude,
        orderBy: [{ dueOn: 'asc' }, { position: 'asc' }],
      });
      return rows.map(milestoneView);
    },
    reportMilestone: async (milestoneId, personId, status, at) => {
      const before = await tx.milestone.findFirst({
        where: { id: milestoneId, actionPlan: { enrolment: { personId } } },
        select: { status: true },
      });
      if (!before) return null;
      // A new blocker starts without the old note; a later "in progress" keeps it for the record.
      const clearNote = status === 'blocked' && before.status !== 'blocked';
      const row = await tx.milestone.update({
        where: { id: milestoneId },
        data: { status, reportedAt: at, reportedById: personId, ...(clearNote && { note: null }) },
        include: milestoneInclude,
      });
      return { ...milestoneView(row), previousStatus: before.status };
    },
    addMilestoneNote: async (milestoneId, note) => {
      await tx.milestone.update({ where: { id: milestoneId }, data: { note } });
    },
    latestOutbound: async (personId) => {
      const row = await tx.outboundMessage.findFirst({
        where: { personId },
        orderBy: { sequence: 'desc' },
        select: { purpose: true, payload: true, status: true, sentAt: true },
      });
      if (!row) return null;
      const choices = (row.payload as { choices?: { id: string }[] }).choices ?? [];
      return {
        purpose: row.purpose,
        choiceIds: choices.map((c) => c.id),
        sentAt: WENT_OUT.has(row.status) ? (row.sentAt ?? null) : null,
      };
    },
  };
}
