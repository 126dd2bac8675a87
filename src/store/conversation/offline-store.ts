import type { OfflineStore } from '../../conversation/stores/offline-store.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Prisma } from '../generated/client.ts';
import { applyOfflinePeriodEnd } from '../offline-periods/apply-offline-period-end.ts';
import { applyOfflinePeriodStart } from '../offline-periods/apply-offline-period-start.ts';
import { claimOfflinePeriodEnd } from '../offline-periods/claim-offline-period-end.ts';

/** PAUSE N and RESUME in chat, as offline periods of one person (via chat). */
export function createOfflineStore(tx: Prisma.TransactionClient): OfflineStore {
  return {
    pauseOffline: async (personId, until, now) => {
      const enrolments = await tx.enrolment.findMany({
        where: { personId, status: { in: ['active', 'selected', 'paused'] }, joinedAt: { not: null } },
        select: { id: true, cohortId: true, cohort: { select: { programme: { select: { settings: true } } } } },
      });
      let moveDeadlines = false;
      let moved = false;
      for (const enrolment of enrolments) {
        const settings = parseProgrammeSettings(enrolment.cohort.programme.settings);
        moveDeadlines ||= settings.pauses.moveDeadlines;
        const running = await tx.offlinePeriod.findFirst({
          where: { personId, cohortId: enrolment.cohortId, startedAt: { not: null }, endedAt: null },
          select: { id: true },
        });
        if (running) {
          moved = true;
          // PAUSE while paused moves the end, sooner or later; a period of their hub still counts (the later end wins).
          await tx.offlinePeriod.update({ where: { id: running.id }, data: { endsAt: until } });
          await tx.$executeRaw`
            UPDATE "Enrolment" AS e
            SET "statusBeforeStop" = CASE WHEN e.status = 'paused' THEN e."statusBeforeStop" ELSE e.status END,
                status = 'paused',
                "pausedUntil" = GREATEST(${until}, (
                  SELECT MAX(o."endsAt") FROM "OfflinePeriod" o JOIN "Person" p ON p.id = e."personId"
                  WHERE o."cohortId" = e."cohortId" AND o.id <> ${running.id} AND o."startedAt" IS NOT NULL
                    AND o."endedAt" IS NULL AND (o."personId" = e."personId" OR (o."personId" IS NULL AND o."hubId" = p."hubId")))),
                "updatedAt" = ${now}
            WHERE e.id = ${enrolment.id}`;
          continue;
        }
        const period = await tx.offlinePeriod.create({
          data: {
            cohortId: enrolment.cohortId,
            personId,
            startsAt: now,
            endsAt: until,
            moveDeadlines: settings.pauses.moveDeadlines,
            via: 'chat',
            createdById: personId,
            startedAt: now,
          },
        });
        await applyOfflinePeriodStart(tx, period, now);
      }
      return { cohorts: enrolments.length, moveDeadlines, moved };
    },
    resumeOffline: async (personId, now) => {
      const own = await tx.offlinePeriod.findMany({
        where: { personId, startedAt: { not: null }, endedAt: null },
        select: { id: true },
      });
      let ended = 0;
      for (const period of own) {
        const claimed = await claimOfflinePeriodEnd(tx, { periodId: period.id, endedById: personId, now });
        if (!claimed) continue;
        await applyOfflinePeriodEnd(tx, claimed, now);
        ended++;
      }
      // Still paused by their hub's period (a whole cohort's pause does not touch enrolments).
      const { hubId } = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { hubId: true } });
      const held = await tx.enrolment.findFirst({
        where: {
          personId,
          status: 'paused',
          pausedUntil: { gt: now },
          cohort: {
            offlinePeriods: { some: { hubId: hubId ?? '', personId: null, startedAt: { not: null }, endedAt: null } },
          },
        },
        orderBy: { pausedUntil: 'desc' },
        select: { pausedUntil: true },
      });
      return { ended, heldUntil: held?.pausedUntil ?? null };
    },
  };
}
