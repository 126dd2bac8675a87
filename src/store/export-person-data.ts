import type { Database } from './database.ts';
import { NotFoundError } from './errors.ts';

/**
 * Everything Compagnon holds about one person, for a data-protection request (the right of
 * access): the profile, channels, enrolments, consents, submissions with every answer, check-ins
 * about them, action plans, mentor assignments, files they sent (described, not attached), and
 * the messages exchanged. `MY DATA` in chat shows a readable summary of the same records.
 */
export async function exportPersonData(db: Database, personId: string, now: Date) {
  const person = await db.person.findUnique({
    where: { id: personId },
    include: {
      hub: { select: { key: true, name: true, country: true, timeZone: true } },
      identities: { select: { channel: true, platformId: true, phoneNumber: true, username: true, lastInboundAt: true, unreachableAt: true, createdAt: true } },
      enrolments: {
        include: {
          cohort: { select: { key: true, name: true } },
          submissions: {
            orderBy: { exercise: { position: 'asc' } },
            include: {
              exercise: { select: { key: true, title: true } },
              answers: { include: { question: { select: { key: true, prompt: true, type: true } } } },
              grades: { select: { score: true, comment: true, createdAt: true, grader: { select: { displayName: true } } } },
            },
          },
          actionPlan: { include: { milestones: { orderBy: { position: 'asc' } } } },
        },
      },
      consents: { orderBy: { createdAt: 'asc' }, select: { given: true, textVersion: true, locale: true, createdAt: true } },
      mentoredBy: { select: { cohortId: true, createdAt: true, endedAt: true, mentor: { select: { id: true, displayName: true } } } },
      mentoring: { select: { cohortId: true, createdAt: true, endedAt: true, mentee: { select: { id: true, displayName: true } } } },
      checkInsReceived: { orderBy: { dueAt: 'asc' }, select: { dueAt: true, status: true, signal: true, note: true, answeredAt: true } },
      mediaFiles: { orderBy: { createdAt: 'asc' }, select: { id: true, channel: true, mimeType: true, sizeBytes: true, sha256: true, createdAt: true } },
      inboundEvents: { orderBy: { sequence: 'asc' }, select: { channel: true, sentAt: true, payload: true } },
      outboundMessages: { orderBy: { sequence: 'asc' }, select: { channel: true, purpose: true, status: true, payload: true, plannedAt: true, sentAt: true, deliveredAt: true, readAt: true } },
    },
  });
  if (!person) throw new NotFoundError(`no person has the id "${personId}"`);
  return {
    exportedAt: now,
    person: {
      id: person.id,
      displayName: person.displayName,
      locale: person.locale,
      timeZone: person.timeZone,
      roles: person.roles,
      hub: person.hub,
      createdAt: person.createdAt,
      optedOutAt: person.optedOutAt,
      erasedAt: person.erasedAt,
    },
    channels: person.identities,
    consents: person.consents,
    enrolments: person.enrolments.map((enrolment) => ({
      cohort: enrolment.cohort,
      role: enrolment.role,
      status: enrolment.status,
      pausedUntil: enrolment.pausedUntil,
      statusChangedAt: enrolment.statusChangedAt,
      createdAt: enrolment.createdAt,
      submissions: enrolment.submissions.map((submission) => ({
        exercise: submission.exercise,
        status: submission.status,
        late: submission.late,
        releasedAt: submission.releasedAt,
        deadlineAt: submission.deadlineAt,
        submittedAt: submission.submittedAt,
        answers: submission.answers.map((answer) => ({
          question: answer.question,
          value: answer.value,
          skipped: answer.skipped,
          mediaFileId: answer.mediaFileId,
          answeredAt: answer.answeredAt,
        })),
        grades: submission.grades.map((grade) => ({ score: grade.score, comment: grade.comment, grader: grade.grader.displayName, createdAt: grade.createdAt })),
      })),
      actionPlan: enrolment.actionPlan && {
        title: enrolment.actionPlan.title,
        milestones: enrolment.actionPlan.milestones.map(({ title, dueOn, status, note, reportedAt }) => ({ title, dueOn, status, note, reportedAt })),
      },
    })),
    mentors: person.mentoredBy,
    mentees: person.mentoring,
    checkIns: person.checkInsReceived,
    mediaFiles: person.mediaFiles,
    messagesReceived: person.inboundEvents,
    messagesSent: person.outboundMessages,
  };
}

export type PersonDataExport = Awaited<ReturnType<typeof exportPersonData>>;
