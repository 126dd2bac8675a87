import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';

/** The programmes and cohorts whose audit entries someone may read. */
interface AuditScope {
  programmeIds: string[];
  cohortIds: string[];
}

/**
 * Audit entries that concern the programmes and cohorts given, newest first, a page at a time.
 * An entry is tied to a programme through the row it names (`entity`, `entityId`): a programme, a
 * cohort, a broadcast, an enrolment, a mentor assignment, a submission. An entry about a person
 * counts when that person is enrolled in one of the cohorts and the entry was made by nobody (the
 * command line), by the person themselves or by staff or a mentor of these cohorts — another
 * programme's staff exporting the same person is theirs. Anything else (sign-ins, queue changes)
 * is tied through its actor, staff or mentor of these cohorts. An entry tied to none of them,
 * such as another programme's import or pause, is not returned.
 */
export async function listAuditEntries(db: Database, request: AuditScope & { skip: number; take: number }) {
  const { programmeIds, cohortIds } = request;
  const actorHere = Prisma.sql`a."actorId" IS NOT NULL AND (
      EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."personId" = a."actorId" AND e.role <> 'participant' AND e."cohortId" = ANY(${cohortIds}::text[]))
      OR EXISTS (SELECT 1 FROM "MentorAssignment" m WHERE m."mentorId" = a."actorId" AND m."cohortId" = ANY(${cohortIds}::text[])))`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM "AuditLog" a
    WHERE CASE a.entity
      WHEN 'Programme' THEN a."entityId" = ANY(${programmeIds}::text[])
      WHEN 'Cohort' THEN a."entityId" = ANY(${cohortIds}::text[])
      WHEN 'Broadcast' THEN EXISTS (SELECT 1 FROM "Broadcast" b WHERE b.id = a."entityId" AND b."programmeId" = ANY(${programmeIds}::text[]))
      WHEN 'Enrolment' THEN EXISTS (SELECT 1 FROM "Enrolment" e WHERE e.id = a."entityId" AND e."cohortId" = ANY(${cohortIds}::text[]))
      WHEN 'MentorAssignment' THEN EXISTS (SELECT 1 FROM "MentorAssignment" m WHERE m.id = a."entityId" AND m."cohortId" = ANY(${cohortIds}::text[]))
      WHEN 'Submission' THEN EXISTS (
        SELECT 1 FROM "Submission" s JOIN "Enrolment" e ON e.id = s."enrolmentId" WHERE s.id = a."entityId" AND e."cohortId" = ANY(${cohortIds}::text[]))
      WHEN 'Person' THEN EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."personId" = a."entityId" AND e."cohortId" = ANY(${cohortIds}::text[]))
        AND (a."actorId" IS NULL OR a."actorId" = a."entityId" OR (${actorHere}))
      ELSE ${actorHere}
    END
    ORDER BY a."createdAt" DESC, a.id DESC
    OFFSET ${request.skip} LIMIT ${request.take}`;
  return db.auditLog.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      createdAt: true,
      action: true,
      entity: true,
      entityId: true,
      details: true,
      actor: { select: { id: true, displayName: true } },
    },
  });
}
