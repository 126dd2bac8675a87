import { personTimeZone } from '../../domain/person-time-zone.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';
import { exportHelpDeskData } from './export-help-desk-data.ts';

/**
 * What Compagnon holds about one person, for a data-protection request (the right of access), as
 * far as the enrolments given (those the requester may see) reach: the profile and channels, and
 * of those enrolments' cohorts and programmes only the enrolments, consents, submissions with
 * every answer, check-ins, action plans, mentor assignments, session invitations (the answer,
 * applications to calls filling those cohorts (staff only: answers, reviews' grades and comments),
 * attendance and feedback), the help-desk conversations (see exportHelpDeskData) and the files
 * answered with (described, not attached). The messages exchanged belong to no single programme: they are
 * given only when the export is `complete` (the person is enrolled in no other cohort), else null.
 * `MY DATA` in chat shows a readable summary of the same records. The time zone is the one the
 * person lives in (`personTimeZone`), their programme's when neither they nor a hub they are seen
 * in name one. NotFoundError when nobody has this id.
 */
export async function exportPersonData(db: Database, personId: string, request: { scope: DashboardScope; now: Date }) {
  const shown = await db.enrolment.findMany({
    where: { AND: [visibleEnrolments(request.scope), { personId }] },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      cohortId: true,
      cohort: { select: { programmeId: true, programme: { select: { settings: true } } } },
    },
  });
  const enrolmentIds = shown.map((enrolment) => enrolment.id);
  const cohortIds = shown.map((enrolment) => enrolment.cohortId);
  const complete = (await db.enrolment.count({ where: { personId, cohortId: { notIn: cohortIds } } })) === 0;
  // Applications to calls filling a cohort staff see: an applicant has no enrolment yet.
  const applicationCohorts = request.scope.role === 'staff' ? request.scope.cohortIds : [];
  const applicationProgrammes = (
    await db.application.findMany({
      where: { personId, call: { cohortId: { in: applicationCohorts } } },
      select: { call: { select: { programmeId: true } } },
    })
  ).map((a) => a.call.programmeId);
  const programmeIds = [
    ...new Set([...shown.map((enrolment) => enrolment.cohort.programmeId), ...applicationProgrammes]),
  ];
  const person = await db.person.findUnique({
    where: { id: personId },
    include: {
      hub: { select: { programmeId: true, key: true, name: true, country: true, timeZone: true } },
      identities: {
        select: {
          channel: true,
          platformId: true,
          phoneNumber: true,
          username: true,
          lastInboundAt: true,
          unreachableAt: true,
          createdAt: true,
        },
      },
      enrolments: {
        where: { id: { in: enrolmentIds } },
        orderBy: { createdAt: 'asc' },
        include: {
          cohort: { select: { key: true, name: true } },
          submissions: {
            orderBy: { exercise: { position: 'asc' } },
            include: {
              exercise: { select: { key: true, title: true } },
              answers: { include: { question: { select: { key: true, prompt: true, type: true } } } },
              grades: {
                select: { score: true, comment: true, createdAt: true, grader: { select: { displayName: true } } },
              },
            },
          },
          actionPlan: { include: { milestones: { orderBy: { position: 'asc' } } } },
        },
      },
      consents: {
        where: { programmeId: { in: programmeIds } },
        orderBy: { createdAt: 'asc' },
        select: { given: true, textVersion: true, locale: true, createdAt: true },
      },
      mentoredBy: {
        where: { cohortId: { in: cohortIds } },
        select: { cohortId: true, createdAt: true, endedAt: true, mentor: { select: { id: true, displayName: true } } },
      },
      mentoring: {
        where: { cohortId: { in: cohortIds } },
        select: { cohortId: true, createdAt: true, endedAt: true, mentee: { select: { id: true, displayName: true } } },
      },
      checkInsReceived: {
        where: { assignment: { cohortId: { in: cohortIds } } },
        orderBy: { dueAt: 'asc' },
        select: { dueAt: true, status: true, signal: true, note: true, answeredAt: true },
      },
      invitations: {
        where: { session: { programmeId: { in: programmeIds } } },
        orderBy: { venue: { startsAt: 'asc' } },
        select: {
          session: { select: { key: true, title: true } },
          venue: { select: { key: true, startsAt: true, endsAt: true } },
          announcedAt: true,
          rsvp: true,
          rsvpAt: true,
          waitlistedAt: true,
          attendedAt: true,
          attendedBy: true,
          feedbackScore: true,
          feedbackComment: true,
          feedbackAt: true,
        },
      },
      applications: {
        where: { call: { cohortId: { in: applicationCohorts } } },
        orderBy: { createdAt: 'asc' },
        select: {
          call: { select: { programme: { select: { name: true } }, cohort: { select: { key: true } } } },
          status: true,
          consentVersion: true,
          city: true,
          submittedAt: true,
          decision: true,
          decidedAt: true,
          createdAt: true,
          answers: {
            orderBy: { answeredAt: 'asc' },
            select: { questionKey: true, value: true, skipped: true, mediaFileId: true, answeredAt: true },
          },
          reviews: { select: { score: true, comment: true, createdAt: true } },
        },
      },
      mediaFiles: {
        where: {
          OR: [
            { answers: { some: { submission: { enrolmentId: { in: enrolmentIds } } } } },
            { applicationAnswers: { some: { application: { call: { cohortId: { in: applicationCohorts } } } } } },
          ],
        },
        orderBy: { createdAt: 'asc' },
        select: { id: true, channel: true, mimeType: true, sizeBytes: true, sha256: true, createdAt: true },
      },
    },
  });
  if (!person) throw new NotFoundError(`no person has the id "${personId}"`);
  // A hub is one programme's: named, and its zone used, only for those who see that programme.
  const hub = person.hub && programmeIds.includes(person.hub.programmeId) ? person.hub : null;
  const programmeSettings = shown[0] && parseProgrammeSettings(shown[0].cohort.programme.settings);
  const [messagesReceived, messagesSent] = complete
    ? await Promise.all([
        db.inboundEvent.findMany({
          where: { personId },
          orderBy: { sequence: 'asc' },
          select: { channel: true, sentAt: true, payload: true },
        }),
        db.outboundMessage.findMany({
          where: { personId },
          orderBy: { sequence: 'asc' },
          select: {
            channel: true,
            purpose: true,
            status: true,
            payload: true,
            plannedAt: true,
            sentAt: true,
            deliveredAt: true,
            readAt: true,
          },
        }),
      ])
    : [null, null];
  // A team member's answers are in the conversations of the cohorts staff see; others see those of the person's.
  const answered = request.scope.role === 'staff' ? request.scope.cohortIds : cohortIds;
  const helpDesk = await exportHelpDeskData(db, personId, { asked: cohortIds, answered });
  return {
    exportedAt: request.now,
    /** False when the person is also enrolled in cohorts the requester may not see: those records, and the messages, are left out. */
    complete,
    person: {
      id: person.id,
      displayName: person.displayName,
      locale: person.locale,
      timeZone: personTimeZone({ timeZone: person.timeZone, hub }, programmeSettings?.timeZone),
      country: person.country,
      roles: person.roles,
      hub: hub && { key: hub.key, name: hub.name, country: hub.country, timeZone: hub.timeZone },
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
        grades: submission.grades.map((grade) => ({
          score: grade.score,
          comment: grade.comment,
          grader: grade.grader.displayName,
          createdAt: grade.createdAt,
        })),
      })),
      actionPlan: enrolment.actionPlan && {
        title: enrolment.actionPlan.title,
        milestones: enrolment.actionPlan.milestones.map(({ title, dueOn, status, note, reportedAt }) => ({
          title,
          dueOn,
          status,
          note,
          reportedAt,
        })),
      },
    })),
    applications: person.applications.map(({ call, ...application }) => ({
      programme: call.programme.name,
      cohort: call.cohort.key,
      ...application,
    })),
    mentors: person.mentoredBy,
    mentees: person.mentoring,
    checkIns: person.checkInsReceived,
    sessions: person.invitations,
    mediaFiles: person.mediaFiles,
    helpDesk,
    messagesReceived,
    messagesSent,
  };
}
