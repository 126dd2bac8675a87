import type { LocalizedText } from '../../domain/programme/language.ts';
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
 * cohort, a broadcast, an enrolment, a mentor assignment, a submission, a session or one of its venues, a
 * help-desk conversation. An entry about a person
 * counts when that person is enrolled in one of the cohorts and the entry was made by nobody (the
 * command line), by the person themselves or by staff or a mentor of these cohorts — another
 * programme's staff exporting the same person is theirs. Anything else (sign-ins, queue changes)
 * is tied through its actor, staff or mentor of these cohorts. An entry tied to none of them,
 * such as another programme's import or pause, is not returned.
 *
 * Each entry comes with `subject`, what its row names in words (the person, the exercise, the
 * mentor and mentee, the cohort or programme), read in a fixed number of queries, so the page can
 * say what happened in a sentence. A row deleted since (an erased person) leaves it empty.
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
      WHEN 'Session' THEN EXISTS (SELECT 1 FROM "Session" s WHERE s.id = a."entityId" AND s."programmeId" = ANY(${programmeIds}::text[]))
      WHEN 'SessionVenue' THEN EXISTS (
        SELECT 1 FROM "SessionVenue" v JOIN "Session" s ON s.id = v."sessionId" WHERE v.id = a."entityId" AND s."programmeId" = ANY(${programmeIds}::text[]))
      WHEN 'HelpConversation' THEN EXISTS (SELECT 1 FROM "HelpConversation" h WHERE h.id = a."entityId" AND h."cohortId" = ANY(${cohortIds}::text[]))
      WHEN 'Person' THEN EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."personId" = a."entityId" AND e."cohortId" = ANY(${cohortIds}::text[]))
        AND (a."actorId" IS NULL OR a."actorId" = a."entityId" OR (${actorHere}))
      ELSE ${actorHere}
    END
    ORDER BY a."createdAt" DESC, a.id DESC
    OFFSET ${request.skip} LIMIT ${request.take}`;
  const entries = await db.auditLog.findMany({
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
  const subjects = await auditSubjects(db, entries);
  return entries.map((entry) => ({ ...entry, subject: subjects.get(entry.id) ?? {} }));
}

/** What an audit entry's row names, in words. */
export interface AuditSubject {
  person?: string | null;
  exercise?: { position: number; title: LocalizedText };
  mentor?: string | null;
  mentee?: string | null;
  /** A cohort's or programme's name, or a session's title. */
  name?: LocalizedText;
  /** A session venue's hub, null when it is online. */
  venueHub?: LocalizedText | null;
  /** Whom a help-desk conversation was given to (`details.assigneeId`). */
  assignee?: string | null;
}

async function auditSubjects(
  db: Database,
  entries: { id: string; entity: string; entityId: string | null; details?: unknown }[],
): Promise<Map<string, AuditSubject>> {
  const ids = (entity: string) => [
    ...new Set(entries.filter((e) => e.entity === entity && e.entityId).map((e) => e.entityId!)),
  ];
  const assigneeIds = [
    ...new Set(
      entries.filter((e) => e.entity === 'HelpConversation').flatMap((e) => detailId(e.details, 'assigneeId')),
    ),
  ];
  const [helpConversations, assignees] = await Promise.all([
    db.helpConversation.findMany({
      where: { id: { in: ids('HelpConversation') } },
      select: { id: true, person: { select: { displayName: true } } },
    }),
    db.person.findMany({ where: { id: { in: assigneeIds } }, select: { id: true, displayName: true } }),
  ]);
  const [submissions, enrolments, assignments, people, cohorts, programmes, sessions, venues] = await Promise.all([
    db.submission.findMany({
      where: { id: { in: ids('Submission') } },
      select: {
        id: true,
        exercise: { select: { position: true, title: true } },
        enrolment: { select: { person: { select: { displayName: true } } } },
      },
    }),
    db.enrolment.findMany({
      where: { id: { in: ids('Enrolment') } },
      select: { id: true, person: { select: { displayName: true } } },
    }),
    db.mentorAssignment.findMany({
      where: { id: { in: ids('MentorAssignment') } },
      select: { id: true, mentor: { select: { displayName: true } }, mentee: { select: { displayName: true } } },
    }),
    db.person.findMany({ where: { id: { in: ids('Person') } }, select: { id: true, displayName: true } }),
    db.cohort.findMany({ where: { id: { in: ids('Cohort') } }, select: { id: true, name: true } }),
    db.programme.findMany({ where: { id: { in: ids('Programme') } }, select: { id: true, name: true } }),
    db.session.findMany({ where: { id: { in: ids('Session') } }, select: { id: true, title: true } }),
    db.sessionVenue.findMany({
      where: { id: { in: ids('SessionVenue') } },
      select: { id: true, session: { select: { title: true } }, hub: { select: { name: true } } },
    }),
  ]);
  const byRow = new Map<string, AuditSubject>();
  for (const row of submissions)
    byRow.set(`Submission:${row.id}`, {
      person: row.enrolment.person.displayName,
      exercise: { position: row.exercise.position, title: row.exercise.title as LocalizedText },
    });
  for (const row of enrolments) byRow.set(`Enrolment:${row.id}`, { person: row.person.displayName });
  for (const row of assignments)
    byRow.set(`MentorAssignment:${row.id}`, { mentor: row.mentor.displayName, mentee: row.mentee.displayName });
  for (const row of people) byRow.set(`Person:${row.id}`, { person: row.displayName });
  for (const row of cohorts) byRow.set(`Cohort:${row.id}`, { name: row.name as LocalizedText });
  for (const row of programmes) byRow.set(`Programme:${row.id}`, { name: row.name as LocalizedText });
  for (const row of sessions) byRow.set(`Session:${row.id}`, { name: row.title as LocalizedText });
  for (const row of venues)
    byRow.set(`SessionVenue:${row.id}`, {
      name: row.session.title as LocalizedText,
      venueHub: row.hub ? (row.hub.name as LocalizedText) : null,
    });
  for (const row of helpConversations) byRow.set(`HelpConversation:${row.id}`, { person: row.person.displayName });
  const assigneeName = new Map(assignees.map((p) => [p.id, p.displayName]));
  const subjects = new Map<string, AuditSubject>();
  for (const entry of entries) {
    const subject = byRow.get(`${entry.entity}:${entry.entityId}`);
    const [assigneeId] = entry.entity === 'HelpConversation' ? detailId(entry.details, 'assigneeId') : [];
    if (subject)
      subjects.set(entry.id, assigneeId ? { ...subject, assignee: assigneeName.get(assigneeId) ?? null } : subject);
  }
  return subjects;
}

/** An id kept in an entry's details (as a one-element list, to spread), or none. */
function detailId(details: unknown, key: string): string[] {
  if (typeof details !== 'object' || details === null) return [];
  const value = (details as Record<string, unknown>)[key];
  return typeof value === 'string' ? [value] : [];
}
