import { z } from 'zod';
import { currentDigestExercise, digestWeek, mentorDigestText, type DigestMentee } from '../domain/mentor-digest.ts';
import { isLanguage, type Language, type LocalizedText } from '../domain/programme/language.ts';
import { summarizeProgress } from '../domain/progress.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { slippingReasons } from '../domain/slipping.ts';
import { answersCloseAt, exerciseClosesAt } from '../domain/submission-timing.ts';
import { addOutboundMessages } from '../store/outbox/outbox.ts';
import { preferredIdentity } from '../store/people/person-view.ts';
import { defineJob, type JobContext } from './job-definition.ts';
import { loadCohorts, WATCHED_STATUSES, type CohortFacts } from './slipping-due.ts';

/**
 * How long after Monday 08:00 a digest not sent yet still goes (workers down over the morning,
 * a mentor assigned on Monday). Later in the week it waits for next Monday: a digest on Thursday
 * would not be the Monday update mentors expect.
 */
const CATCH_UP_MS = 24 * 60 * 60 * 1000;

/**
 * Every ten minutes: sends each mentor, at Monday 08:00 in their own time zone, one digest of
 * their current mentees' progress. A sweep rather than one repeating job per mentor: mentors live
 * in different time zones and come and go, and a per-mentor scheduler would have to be kept in
 * step with every assignment and time-zone change; a sweep reads the rows as they are, so a
 * restart or a change loses nothing. The outbox key `mentor-digest:<mentor>:<ISO week>` is
 * unique, so several workers, or the same one twice, send one digest a week.
 *
 * Nothing goes to mentors who opted out, were erased or no channel reaches, nor about mentees
 * erased or in a cohort whose schedule is paused; a mentor left with no current mentee gets no
 * digest. Mentees are flagged slipping as the alerts judge it (see slippingDue), selected ones
 * included: mentoring goes on after the selection.
 */
export const mentorDigestsDue = defineJob({
  name: 'mentor-digests-due',
  payload: z.object({}),
  repeat: { pattern: '*/10 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, now } = context;
    const assignments = await db.mentorAssignment.findMany({
      where: {
        endedAt: null,
        cohort: { pausedAt: null },
        mentor: { optedOutAt: null, erasedAt: null },
        mentee: { erasedAt: null },
      },
      orderBy: { createdAt: 'asc' },
      select: {
        mentorId: true,
        cohortId: true,
        mentor: { select: { timeZone: true, hub: { select: { timeZone: true } } } },
      },
    });
    const cohorts = new Map<string, CohortFacts>();
    await loadCohorts(
      db,
      cohorts,
      assignments.map((a) => a.cohortId),
    );
    const due = new Map<string, { dedupKey: string; timeZone: string }>();
    for (const assignment of assignments) {
      const cohort = cohorts.get(assignment.cohortId);
      if (due.has(assignment.mentorId) || !cohort) continue;
      const timeZone = assignment.mentor.timeZone ?? assignment.mentor.hub?.timeZone ?? cohort.settings.timeZone;
      const { week, dueAt } = digestWeek(now(), timeZone);
      const late = now().getTime() - dueAt.getTime();
      if (late < 0 || late >= CATCH_UP_MS) continue;
      due.set(assignment.mentorId, { dedupKey: `mentor-digest:${assignment.mentorId}:${week}`, timeZone });
    }
    const sent = await db.outboundMessage.findMany({
      where: { dedupKey: { in: [...due.values()].map((d) => d.dedupKey) } },
      select: { dedupKey: true },
    });
    const done = new Set(sent.map((m) => m.dedupKey));
    let digests = 0;
    for (const [mentorId, { dedupKey, timeZone }] of due) {
      if (done.has(dedupKey)) continue;
      try {
        if (await sendDigest(context, { mentorId, dedupKey, timeZone }, cohorts)) digests++;
      } catch (err) {
        // One mentor whose digest cannot be written must not hold up the others.
        context.logger.error({ err, mentorId }, 'could not send a mentor digest');
      }
    }
    return { digests };
  },
});

/** Writes one mentor's digest to the outbox; false when there is nothing to send or it was already there. */
async function sendDigest(
  context: JobContext,
  digest: { mentorId: string; dedupKey: string; timeZone: string },
  cohorts: Map<string, CohortFacts>,
): Promise<boolean> {
  const { db, now, translate, queues } = context;
  const { mentorId, dedupKey, timeZone } = digest;
  // A mentor no channel reaches gets nothing: check before reading their mentees' work.
  const identity = await preferredIdentity(db, mentorId);
  if (!identity) return false;
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
  const first = assignments[0] && cohorts.get(assignments[0].cohortId);
  if (!first) return false;
  const language: Language = isLanguage(mentor.locale)
    ? mentor.locale
    : isLanguage(first.defaultLocale)
      ? first.defaultLocale
      : context.defaultLanguage;
  const mentees: DigestMentee[] = [];
  const named: string[] = [];
  for (const assignment of assignments) {
    const cohort = cohorts.get(assignment.cohortId);
    const enrolment = assignment.mentee.enrolments.find((e) => e.cohortId === assignment.cohortId);
    if (!cohort || !enrolment) continue;
    mentees.push(digestMentee({ ...assignment.mentee, enrolment }, cohort, language, now()));
    named.push(assignment.menteeId);
  }
  if (mentees.length === 0) return false;
  const outbound = await addOutboundMessages(
    db,
    [
      {
        personId: mentorId,
        channelIdentityId: identity,
        purpose: 'mentor_digest',
        dedupKey,
        plannedAt: outsideQuietHours(now(), first.settings.quietHours, timeZone),
        payload: { kind: 'text', text: mentorDigestText(mentees, { language, translate, now: now() }) },
        aboutPersonIds: named,
      },
    ],
    now(),
  );
  if (outbound.length === 0) return false;
  await queues.deliverOutbound(outbound, now());
  return true;
}

interface MenteeRow {
  displayName: string | null;
  optedOutAt: Date | null;
  identities: { lastInboundAt: Date | null }[];
  enrolment: {
    status: DigestMentee['status'];
    statusChangedAt: Date;
    submissions: {
      status: 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';
      late: boolean;
      releaseAt: Date;
      releasedAt: Date | null;
      deadlineAt: Date;
      currentPosition: number;
      exercise: {
        key: string;
        title: unknown;
        graceMinutes: number;
        closesAfterMinutes: number;
        _count: { questions: number };
      };
    }[];
  };
}

/** One mentee's progress in one cohort, in the mentor's language. */
function digestMentee(person: MenteeRow, cohort: CohortFacts, language: Language, now: Date): DigestMentee {
  const { enrolment } = person;
  const submissions = enrolment.submissions.map((s) => {
    const title = s.exercise.title as LocalizedText;
    return {
      exerciseKey: s.exercise.key,
      title: title[language] ?? Object.values(title)[0] ?? s.exercise.key,
      status: s.status,
      late: s.late,
      releaseAt: s.releaseAt,
      releasedAt: s.releasedAt,
      deadlineAt: s.deadlineAt,
      graceEndsAt: answersCloseAt(s.deadlineAt, s.exercise.graceMinutes),
      closesAt: exerciseClosesAt(s.deadlineAt, s.exercise.graceMinutes, s.exercise.closesAfterMinutes),
      currentPosition: s.currentPosition,
      questions: s.exercise._count.questions,
    };
  });
  const summary = summarizeProgress(submissions, now);
  const current = currentDigestExercise(submissions, now);
  const lastMessageAt = person.identities.reduce<Date | null>(
    (last, { lastInboundAt }) => (lastInboundAt && (!last || lastInboundAt > last) ? lastInboundAt : last),
    null,
  );
  // Slipping is judged as the alerts judge it, and only for those the alerts watch.
  const watched = WATCHED_STATUSES.includes(enrolment.status) && person.optedOutAt === null;
  const facts = {
    submissions,
    lastMessageAt,
    activeSince: enrolment.statusChangedAt,
    cohortResumedAt: cohort.resumedAt,
  };
  return {
    name: person.displayName,
    status: enrolment.status,
    released: submissions.length,
    submitted: summary.done,
    missed: summary.missing,
    open: summary.open,
    current: current
      ? {
          title: current.submission.title,
          started: current.submission.status === 'in_progress',
          answered: current.submission.currentPosition,
          questions: current.submission.questions,
          late: current.late,
        }
      : null,
    lastMessageAt,
    slipping: watched && slippingReasons(facts, cohort.settings.slipping, now).length > 0,
  };
}
