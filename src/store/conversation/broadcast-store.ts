import type { BroadcastStore, CohortStats } from '../../conversation/stores/broadcast-store.ts';
import { isLanguage, type LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { previewBroadcast } from '../broadcasts/preview-broadcast.ts';
import type { Prisma } from '../generated/client.ts';

export interface BroadcastStoreOptions {
  /** Called for each broadcast scheduled, to queue its sending once the transaction has committed. */
  onBroadcast?: (broadcast: { id: string; scheduledAt: Date }) => void;
}

/** Staff's programmes, an announcement's audience, the announcement itself and each cohort's numbers. */
export function createBroadcastStore(
  tx: Prisma.TransactionClient,
  options: BroadcastStoreOptions = {},
): BroadcastStore {
  return {
    staffProgrammes: async (personId) => {
      const rows = await tx.programme.findMany({
        where: { cohorts: { some: { enrolments: { some: { personId, role: 'staff', status: { not: 'stopped' } } } } } },
        include: { cohorts: { orderBy: { createdAt: 'asc' } }, hubs: { orderBy: { createdAt: 'asc' } } },
      });
      return rows.map((p) => ({
        id: p.id,
        name: p.name as LocalizedText,
        languages: p.locales.filter(isLanguage),
        timeZone: parseProgrammeSettings(p.settings).timeZone,
        cohorts: p.cohorts.map((c) => ({ id: c.id, name: c.name as LocalizedText })),
        hubs: p.hubs.map((h) => ({
          id: h.id,
          key: h.key,
          name: h.name as LocalizedText,
          country: h.country,
          timeZone: h.timeZone,
        })),
      }));
    },
    previewBroadcast: (request) => previewBroadcast(tx, request),
    createBroadcast: async (broadcast) => {
      const segment = await tx.segment.create({
        data: { programmeId: broadcast.programmeId, filter: broadcast.filter as Prisma.InputJsonValue },
      });
      const row = await tx.broadcast.create({
        data: {
          programmeId: broadcast.programmeId,
          segmentId: segment.id,
          createdById: broadcast.createdById,
          texts: broadcast.texts,
          timesZone: broadcast.timesZone ?? null,
          status: 'scheduled',
          scheduledAt: broadcast.scheduledAt,
        },
      });
      await tx.auditLog.create({
        data: {
          actorId: broadcast.createdById,
          action: 'broadcast.schedule',
          entity: 'Broadcast',
          entityId: row.id,
          details: {
            filter: broadcast.filter as Prisma.InputJsonValue,
            scheduledAt: broadcast.scheduledAt.toISOString(),
          },
        },
      });
      options.onBroadcast?.({ id: row.id, scheduledAt: broadcast.scheduledAt });
      return row.id;
    },
    cohortStats: async (programmeId, now) => {
      const cohorts = await tx.cohort.findMany({ where: { programmeId }, orderBy: { createdAt: 'asc' } });
      const exercises = await tx.exercise.findMany({ where: { programmeId }, orderBy: { position: 'asc' } });
      const result: CohortStats[] = [];
      for (const cohort of cohorts) {
        const byStatus = await tx.enrolment.groupBy({
          by: ['status'],
          // People who erased their data are counted nowhere (see visibleEnrolments).
          where: { cohortId: cohort.id, role: 'participant', person: { erasedAt: null } },
          _count: true,
        });
        const submissions = await tx.submission.findMany({
          where: { enrolment: { cohortId: cohort.id, person: { erasedAt: null } } },
          select: { exerciseId: true, status: true, late: true, deadlineAt: true },
        });
        result.push({
          name: cohort.name as LocalizedText,
          byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s._count])),
          exercises: exercises
            .map((e) => {
              const rows = submissions.filter((s) => s.exerciseId === e.id);
              return {
                title: e.title as LocalizedText,
                submitted: rows.filter((s) => s.status === 'submitted').length,
                late: rows.filter((s) => s.status === 'submitted' && s.late).length,
                missing: rows.filter(
                  (s) =>
                    s.status === 'missed' || (s.status !== 'submitted' && s.status !== 'planned' && s.deadlineAt < now),
                ).length,
                open: rows.filter((s) => (s.status === 'open' || s.status === 'in_progress') && s.deadlineAt >= now)
                  .length,
              };
            })
            .filter((e) => e.submitted + e.missing + e.open > 0),
        });
      }
      return result;
    },
  };
}
