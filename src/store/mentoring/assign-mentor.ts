import type { Language } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { createActionPlan } from '../action-plans/create-action-plan.ts';
import { NotFoundError } from '../errors.ts';

/** A request that cannot be done as asked (a participant given as mentor…); the message says why. */
export class InvalidAssignmentError extends Error {
  override readonly name = 'InvalidAssignmentError';
}

/**
 * Assigns a mentee to a mentor in the mentee's cohort (`cohortId` when the mentee is a participant
 * of several). Assigning twice changes nothing; an assignment that had ended starts again.
 */
export async function assignMentor(
  db: Database,
  request: {
    mentorId: string;
    menteeId: string;
    cohortId?: string;
    actorId?: string;
    now?: Date;
    /** DEFAULT_LOCALE: the language of milestone titles when neither the mentee nor the programme has one. */
    defaultLanguage: Language;
  },
) {
  const [mentor, mentee] = await Promise.all([
    db.person.findUnique({ where: { id: request.mentorId }, include: { enrolments: true } }),
    db.person.findUnique({ where: { id: request.menteeId }, include: { enrolments: true } }),
  ]);
  if (!mentor) throw new NotFoundError(`no person has the id "${request.mentorId}"`);
  if (!mentee) throw new NotFoundError(`no person has the id "${request.menteeId}"`);
  for (const erased of [mentor, mentee].filter((person) => person.erasedAt))
    throw new InvalidAssignmentError(`${erased.id} erased their data: they can no longer be assigned`);
  if (!mentor.roles.includes('mentor'))
    throw new InvalidAssignmentError(`${mentor.displayName ?? mentor.id} is not a mentor`);
  const enrolment = mentee.enrolments.find(
    (e) => e.role === 'participant' && (request.cohortId === undefined || e.cohortId === request.cohortId),
  );
  if (!enrolment) throw new InvalidAssignmentError(`${mentee.displayName ?? mentee.id} is not a participant`);
  const cohort = await db.cohort.findUniqueOrThrow({
    where: { id: enrolment.cohortId },
    select: { programme: { select: { settings: true } } },
  });
  const cadence = parseProgrammeSettings(cohort.programme.settings).checkIns;
  const now = request.now ?? new Date();
  // The first check-in prompt comes `first_after` the assignment, then every `every` (programme file).
  const nextCheckInAt = cadence ? new Date(now.getTime() + cadence.firstAfterMinutes * 60_000) : null;
  // The assignment, the action plan it starts and the audit entry are kept together or not at all.
  const assignment = await db.$transaction(async (tx) => {
    const row = await tx.mentorAssignment.upsert({
      where: { cohortId_mentorId_menteeId: { cohortId: enrolment.cohortId, mentorId: mentor.id, menteeId: mentee.id } },
      create: { cohortId: enrolment.cohortId, mentorId: mentor.id, menteeId: mentee.id, nextCheckInAt },
      update: { endedAt: null },
    });
    await createActionPlan(tx, {
      enrolmentId: enrolment.id,
      assignedAt: now,
      defaultLanguage: request.defaultLanguage,
    });
    await tx.auditLog.create({
      data: {
        actorId: request.actorId ?? null,
        action: 'mentor.assign',
        entity: 'MentorAssignment',
        entityId: row.id,
        details: { mentorId: mentor.id, menteeId: mentee.id },
      },
    });
    return row;
  });
  return { assignment, mentorName: mentor.displayName, menteeName: mentee.displayName };
}
