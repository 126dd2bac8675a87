import type { LocalizedText } from '../../domain/programme/language.ts';
import { answersCloseAt, exerciseClosesAt } from '../../domain/submission-timing.ts';
import type { Database } from '../database.ts';
import type { EnrolmentStatus, SubmissionStatus } from '../generated/enums.ts';
import { latest } from '../people/load-watched-participants.ts';

/** One of a mentee's released submissions, as the weekly digest reads it. */
interface DigestMenteeSubmission {
  exerciseKey: string;
  title: LocalizedText;
  status: SubmissionStatus;
  late: boolean;
  releaseAt: Date;
  releasedAt: Date | null;
  deadlineAt: Date;
  /** The end of the grace: answers after it are late. */
  graceEndsAt: Date;
  /** The last instant answers are taken. */
  closesAt: Date;
  currentPosition: number;
  questions: number;
}

/** A current mentee in one cohort, with their work there. */
export interface DigestMenteeRow {
  cohortId: string;
  menteeId: string;
  name: string | null;
  optedOutAt: Date | null;
  lastMessageAt: Date | null;
  status: EnrolmentStatus;
  statusChangedAt: Date;
  submissions: DigestMenteeSubmission[];
}

/**
 * A mentor's language and their current mentees (not erased, in cohorts not paused), oldest
 * assignment first, each with their released work in the assignment's cohort.
 */
export async function loadDigestMentees(
  db: Database,
  mentorId: string,
): Promise<{ mentor: { locale: string | null }; mentees: DigestMenteeRow[] }> {
  const [mentor, assignments] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: mentorId }, select: { locale: true } }),
    db.mentorAssignment.findMany({
      where: { mentorId, endedAt: null, cohort: { pausedAt: null }, mentee: { erasedAt: null } },
      orderBy: { createdAt: 'asc' },
      select: {
        cohortId: true,
        menteeId: true,
        mentee: {
          select: {
            displayName: true,
            optedOutAt: true,
            identities: { select: { lastInboundAt: true } },
            enrolments: {
              where: { role: 'participant' },
              select: {
                cohortId: true,
                status: true,
                statusChangedAt: true,
                submissions: {
                  where: { status: { not: 'planned' } },
                  select: {
                    status: true,
                    late: true,
                    releaseAt: true,
                    releasedAt: true,
                    deadlineAt: true,
                    currentPosition: true,
                    exercise: {
                      select: {
                        key: true,
                        title: true,
                        graceMinutes: true,
                        closesAfterMinutes: true,
                        _count: { select: { questions: true } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    }),
  ]);
  const mentees = assignments.flatMap(({ cohortId, menteeId, mentee }) => {
    const enrolment = mentee.enrolments.find((e) => e.cohortId === cohortId);
    if (!enrolment) return [];
    return [
      {
        cohortId,
        menteeId,
        name: mentee.displayName,
        optedOutAt: mentee.optedOutAt,
        lastMessageAt: latest(mentee.identities.map((i) => i.lastInboundAt)),
        status: enrolment.status,
        statusChangedAt: enrolment.statusChangedAt,
        submissions: enrolment.submissions.map((s) => ({
          exerciseKey: s.exercise.key,
          title: s.exercise.title as LocalizedText,
          status: s.status,
          late: s.late,
          releaseAt: s.releaseAt,
          releasedAt: s.releasedAt,
          deadlineAt: s.deadlineAt,
          graceEndsAt: answersCloseAt(s.deadlineAt, s.exercise.graceMinutes),
          closesAt: exerciseClosesAt(s.deadlineAt, s.exercise.graceMinutes, s.exercise.closesAfterMinutes),
          currentPosition: s.currentPosition,
          questions: s.exercise._count.questions,
        })),
      },
    ];
  });
  return { mentor, mentees };
}
